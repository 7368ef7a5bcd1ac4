/** Number formatting shared by the tables (plain ASCII, so the terminal and Markdown agree). */

export function fmtNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return '∞';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const fmtMs = (ms: number | null | undefined) =>
  ms === null || ms === undefined || Number.isNaN(ms)
    ? '–'
    : ms >= 10_000
      ? `${fmtNumber(ms / 1000, 1)} s`
      : `${fmtNumber(ms, ms < 10 ? 1 : 0)} ms`;

export const fmtKB = (bytes: number | null | undefined, digits = 1) =>
  bytes === null || bytes === undefined || Number.isNaN(bytes) ? '–' : `${fmtNumber(bytes / 1024, digits)} KB`;

export const fmtMB = (bytes: number | null | undefined) =>
  bytes === null || bytes === undefined || Number.isNaN(bytes) ? '–' : `${fmtNumber(bytes / 1024 / 1024, 0)} MB`;

export const fmtPct = (ratio: number | null | undefined, digits = 0) =>
  ratio === null || ratio === undefined || Number.isNaN(ratio) ? '–' : `${fmtNumber(ratio * 100, digits)} %`;

export const fmtSeconds = (ms: number | null | undefined) =>
  ms === null || ms === undefined || Number.isNaN(ms) ? '–' : `${fmtNumber(ms / 1000, 1)} s`;

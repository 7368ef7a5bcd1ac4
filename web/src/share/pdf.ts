/**
 * Printable PDFs made on the server with Typst (no browser): fonts embedded and subset, tagged, text
 * in logical order, right to left for Persian and Arabic. The content travels as data (see
 * pdf-document.ts and typst-template.ts).
 */
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import QRCode from 'qrcode';
import { fontDirs, fontFor } from './fonts';
import type { PdfDocument } from './pdf-document';
import { TYPST_TEMPLATE } from './typst-template';

export class PdfError extends Error {}

/**
 * The locale whose face a PDF is set in. Arabic is set in Vazirmatn's Arabic, not in the pages'
 * Noto Naskh Arabic: Naskh's cursive attachment moves letters off the baseline, and PDF readers
 * (poppler, and with it many viewers' copy and search) then cut words into pieces and repeat
 * letters when the text is copied out, while Vazirmatn's Arabic copies out in order.
 */
const faceLocale = (locale: string) => (locale === 'ar' ? 'fa' : locale);

/** One compiler per face, seeing only its fonts (a compiler starts in about 150 ms). */
const compilers = new Map<string, NodeCompiler>();

function compilerFor(locale: string): NodeCompiler {
  const face = faceLocale(locale);
  let compiler = compilers.get(face);
  if (!compiler) {
    compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: fontDirs(face) }] });
    compilers.set(face, compiler);
  }
  return compiler;
}

/** The families a locale's PDF is set in: its face, then Noto Sans for Latin inside it. */
export function pdfFonts(locale: string): string[] {
  return [...new Set([fontFor(faceLocale(locale)).family, 'Noto Sans'])];
}

/** The QR code of a URL, as SVG (drawn here, never fetched). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/**
 * Compiles a document to PDF bytes (PDF/A-2a: tagged, fonts embedded); a Typst error becomes a
 * PdfError with its diagnostics. `date` is the version's date: the same version gives the same bytes.
 */
export async function renderPdf(locale: string, doc: PdfDocument, date: Date): Promise<Buffer> {
  const compiler = compilerFor(locale);
  const inputs = { doc: JSON.stringify(doc), qr: await qrSvg(doc.url) };
  try {
    return compiler.pdf(
      { mainFileContent: TYPST_TEMPLATE, inputs },
      { pdfStandard: 'a-2a', creationTimestamp: Math.floor(date.getTime() / 1000) },
    );
  } catch (error) {
    throw new PdfError(`Typst could not make the PDF: ${describe(compiler, error)}`);
  } finally {
    compiler.evictCache(10);
  }
}

/** The compiler's diagnostics, from whichever shape its error takes (an Error, or a NodeError). */
function describe(compiler: NodeCompiler, error: unknown): string {
  const found: unknown[] = [];
  try {
    found.push(...((error as { shortDiagnostics?: unknown[] }).shortDiagnostics ?? []));
    if (!found.length) found.push(...(compiler.fetchDiagnostics(error as never) as unknown[]));
  } catch {
    // not a compiler error: its message below
  }
  const messages = found.map((d) => (d as { message?: string }).message ?? JSON.stringify(d));
  // The compiler's own errors carry the diagnostics in `code`, leaving `message` empty.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: string };
  return messages.join('; ') || [code, message].filter(Boolean).join(' ') || String(error);
}

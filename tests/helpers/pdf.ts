import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What poppler (Debian's poppler-utils) reads in a PDF: its page size, fonts and text. */

function withFile<T>(pdf: Buffer, read: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return read(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });

export type PdfFacts = {
  pages: number;
  /** Page size in points, rounded. */
  width: number;
  height: number;
  tagged: boolean;
  fonts: { name: string; embedded: boolean; subset: boolean }[];
  /** The text in reading order (pdftotext without -layout), one string. */
  text: string;
};

export function readPdf(pdf: Buffer): PdfFacts {
  return withFile(pdf, (file) => {
    const info = run('pdfinfo', [file]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const fonts = run('pdffonts', [file])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        // name type… encoding emb sub uni object ID: the yes/no columns are the 3rd–5th from the end.
        const cells = line.trim().split(/\s+/);
        return { name: cells[0]!, embedded: cells.at(-5) === 'yes', subset: cells.at(-4) === 'yes' };
      });
    return {
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0),
      width: Math.round(Number(size?.[1])),
      height: Math.round(Number(size?.[2])),
      tagged: /Tagged:\s+yes/.test(info),
      fonts,
      text: run('pdftotext', ['-enc', 'UTF-8', file, '-']),
    };
  });
}

/**
 * Text as compared in reading order, with what pdftotext does to any correct PDF undone on both
 * sides. It adds bidi control characters around right-to-left lines; puts a zero-width non-joiner
 * one letter late; moves an Arabic mark (hamza above, damma, tanwin...) to a neighbour and repeats
 * the letter it sits on; writes the lam-alef ligature's two letters reversed (so an alef next to a lam is left out); and places spaces and
 * punctuation at the edge of a left-to-right run (digits, Latin) in right-to-left text by guesswork.
 * So marks, spaces, punctuation and letter repeats are left out; every letter and digit keeps its
 * order, so a reversed or shuffled text still fails. (A line with a shadda may still be cut in two:
 * compare sentences without them, see hasHarakat.)
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(ARABIC_MARKS, '')
    .replace(/[\u0622\u0623\u0625\u0627]+(?=\u0644)|(?<=\u0644)[\u0622\u0623\u0625\u0627]+/g, '')
    .replace(/[\s\p{P}]+/gu, '')
    .replace(/(\p{L})\1+/gu, '$1');
}

const ARABIC_MARKS = /[\u064b-\u065f\u0670]/g;

/** Whether a text has harakat or shadda, which pdftotext may scatter over lines of their own. */
export const hasHarakat = (text: string) => /[\u064b-\u0652]/.test(text);

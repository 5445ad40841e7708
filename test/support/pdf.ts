import { execFileSync } from 'node:child_process';

/** The text of a PDF as poppler's pdftotext reads it, with every kind of space made one plain space. */
export function pdfText(pdf: Buffer): string {
  return normalizeSpaces(execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8'));
}

/** Intl puts no-break and narrow no-break spaces in French amounts; compare text without caring which. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

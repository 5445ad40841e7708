import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { LetterContent } from './letter-content';
import { drawLetter, drawPageFooters } from './letter-layout';
import { LetterText, letterText } from './letter-text';

/** Sets a decision letter as a tagged, accessible PDF with its fonts embedded. */
@Injectable()
export class LetterRenderer {
  render(content: LetterContent): Promise<Buffer> {
    return renderDocument(letterText(content));
  }
}

/** Sets a document's blocks as a tagged, accessible PDF (language, title, reading order) with its fonts embedded. */
export async function renderDocument(text: LetterText): Promise<Buffer> {
  const doc = new PDFDocument({
    tagged: true,
    lang: text.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: text.title, Author: text.author, Subject: text.subject },
    size: 'LETTER',
    margin: 72,
    bufferPages: true,
  });
  const bytes = collect(doc);
  drawLetter(doc, text.blocks);
  drawPageFooters(doc, text.pageFooter);
  doc.end();
  return bytes;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

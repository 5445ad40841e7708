import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { LetterContent } from './letter-content';
import { drawLetter, drawPageFooters } from './letter-layout';
import { letterText } from './letter-text';

/** Sets a decision letter as a tagged, accessible PDF with its fonts embedded. */
@Injectable()
export class LetterRenderer {
  async render(content: LetterContent): Promise<Buffer> {
    const letter = letterText(content);
    const doc = new PDFDocument({
      tagged: true,
      lang: letter.lang,
      displayTitle: true,
      pdfVersion: '1.7',
      info: { Title: letter.title, Author: letter.author, Subject: letter.subject },
      size: 'LETTER',
      margin: 72,
      bufferPages: true,
    });
    const bytes = collect(doc);
    drawLetter(doc, letter.blocks);
    drawPageFooters(doc, letter.pageFooter);
    doc.end();
    return bytes;
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

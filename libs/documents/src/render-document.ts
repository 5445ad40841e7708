import PDFDocument from 'pdfkit';
import { drawLetter, drawPageFooters } from './letter-layout';
import { LetterText } from './letter-text';

/**
 * Sets a document's blocks as a tagged, accessible PDF (language, title, reading order) with its
 * fonts embedded. Loads pdfkit, the layout and the fonts only, not the wording (which needs
 * @grants/core): this is what a render thread runs.
 */
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

/** Into a buffer of its own memory (never a slice of Node's shared pool), so a thread can transfer it rather than copy it. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    doc.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
    });
    doc.on('end', () => {
      const bytes = Buffer.allocUnsafeSlow(length);
      let offset = 0;
      for (const chunk of chunks) offset += chunk.copy(bytes, offset);
      resolve(bytes);
    });
    doc.on('error', reject);
  });
}

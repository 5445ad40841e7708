import { letterFaces } from './fonts/font-faces';
import { useFace, writeMixedScriptText } from './fonts/mixed-script-text';
import { LetterBlock, SignatureBlock, Span, TableBlock, TableColumn } from './letter-text';
import { PageFooter, pageFooterLine } from './page-footer';

type Document = PDFKit.PDFDocument;
type StructureElement = PDFKit.PDFStructureElement;

const FONT_SIZE = { masthead: 10, h1: 18, h2: 13, body: 11, table: 10, footer: 8 } as const;
const COLOR = { text: '#1a1a1a', link: '#1a5a96', rule: '#6f6f6f' } as const;
const LINE_GAP = 2;
/** Space after a paragraph, in lines. */
const PARAGRAPH_GAP = 0.7;
const CELL_PADDING = 5;

interface LineStyle {
  size: number;
  strong?: boolean;
  width: number;
  align?: TableColumn['align'];
  link?: string;
}

/** Draws the blocks in reading order, each tagged under one Document structure element. */
export function drawLetter(doc: Document, blocks: readonly LetterBlock[]): void {
  const root = doc.struct('Document');
  doc.addStructure(root);
  blocks.forEach((block, index) => {
    doc.x = doc.page.margins.left;
    const next = blocks[index + 1];
    if (block.kind === 'heading') keepSpace(doc, sectionStartHeight(doc, blocks.slice(index, index + 3)));
    // The closing words go with the signature, so it never stands alone on the last page.
    if (next?.kind === 'signature') keepSpace(doc, estimatedHeight(doc, block) + estimatedHeight(doc, next));
    drawBlock(doc, root, block);
  });
  root.end();
}

/** Writes a footer on every page, once the number of pages is known; needs `bufferPages`. */
export function drawPageFooters(doc: Document, footer: PageFooter): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const { margins } = doc.page;
    const bottomMargin = margins.bottom;
    // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
    margins.bottom = 0;
    doc.x = margins.left;
    doc.y = doc.page.height - bottomMargin / 2;
    drawArtifact(doc, () => writeLine(doc, [{ text: pageFooterLine(footer, index - start + 1, count) }], { size: FONT_SIZE.footer, width: contentWidth(doc) }), 'Pagination');
    margins.bottom = bottomMargin;
  }
}

function drawBlock(doc: Document, root: StructureElement, block: LetterBlock): void {
  switch (block.kind) {
    case 'masthead':
      return drawMasthead(doc, root, block.lines);
    case 'heading':
      return drawHeading(doc, root, block.level, block.text);
    case 'paragraph':
      return drawParagraph(doc, root, block.lines);
    case 'link':
      return drawLink(doc, root, block.url);
    case 'table':
      return drawTable(doc, root, block);
    case 'signature':
      return drawSignature(doc, root, block);
  }
}

function drawMasthead(doc: Document, root: StructureElement, lines: readonly string[]): void {
  const style = { size: FONT_SIZE.masthead, strong: true, width: contentWidth(doc) };
  for (const line of lines) addTagged(doc, root, 'P', () => writeLine(doc, [{ text: line }], style));
  const y = doc.y + 4;
  drawArtifact(doc, () => doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.margins.left + contentWidth(doc), y).lineWidth(1).strokeColor(COLOR.rule).stroke());
  doc.y = y;
  doc.moveDown(1.5);
}

function drawHeading(doc: Document, root: StructureElement, level: 1 | 2, text: string): void {
  const size = level === 1 ? FONT_SIZE.h1 : FONT_SIZE.h2;
  if (level === 2) doc.fontSize(size).moveDown(0.3);
  addTagged(doc, root, `H${level}`, () => writeLine(doc, [{ text }], { size, strong: true, width: contentWidth(doc) }));
  doc.moveDown(0.4);
}

function drawParagraph(doc: Document, root: StructureElement, lines: readonly Span[][]): void {
  const style = { size: FONT_SIZE.body, width: contentWidth(doc) };
  // At least three lines of a paragraph start on a page, or the whole of a shorter one.
  keepSpace(doc, Math.min(linesHeight(doc, lines), doc.fontSize(FONT_SIZE.body).currentLineHeight(true) * 3));
  // A P per line: lines of one P would reach a screen reader run together, with no space between.
  for (const spans of lines) addTagged(doc, root, 'P', () => writeLine(doc, spans, style));
  doc.moveDown(PARAGRAPH_GAP);
}

function drawSignature(doc: Document, root: StructureElement, signature: SignatureBlock): void {
  keepSpace(doc, estimatedHeight(doc, signature));
  drawParagraph(doc, root, [[{ text: signature.signOff }]]);
  drawParagraph(doc, root, [[{ text: signature.name, strong: true }], [{ text: signature.role }]]);
}

function drawLink(doc: Document, root: StructureElement, url: string): void {
  const paragraph = doc.struct('P');
  root.add(paragraph);
  addTagged(doc, paragraph, 'Link', () => writeLine(doc, [{ text: url }], { size: FONT_SIZE.body, width: contentWidth(doc), link: url }));
  paragraph.end();
  doc.moveDown(PARAGRAPH_GAP);
}

function drawTable(doc: Document, root: StructureElement, table: TableBlock): void {
  keepSpace(doc, tableHeight(doc, table));
  const element = doc.struct('Table');
  root.add(element);
  drawRow(doc, element, table.columns, table.columns.map((column) => column.header), { header: true });
  for (const cells of table.rows) drawRow(doc, element, table.columns, cells, { header: false });
  if (table.total) drawRow(doc, element, table.columns, table.total, { header: false, total: true });
  element.end();
  doc.x = doc.page.margins.left;
  doc.moveDown(PARAGRAPH_GAP);
}

function drawRow(doc: Document, table: StructureElement, columns: readonly TableColumn[], cells: readonly string[], kind: { header: boolean; total?: boolean }): void {
  const columnWidth = contentWidth(doc) / columns.length;
  const strong = kind.header || kind.total === true;
  keepSpace(doc, rowHeight(doc));
  const top = doc.y;
  let bottom = top;
  const row = doc.struct('TR');
  table.add(row);
  cells.forEach((text, index) => {
    // Column headers, and the label that starts the total row, head their column or row.
    const cell = doc.struct(kind.header || (kind.total && index === 0) ? 'TH' : 'TD');
    row.add(cell);
    if (text !== '') {
      cell.add(() => {
        doc.x = doc.page.margins.left + index * columnWidth + CELL_PADDING;
        doc.y = top + CELL_PADDING;
        writeLine(doc, [{ text }], { size: FONT_SIZE.table, strong, width: columnWidth - CELL_PADDING * 2, align: columns[index]?.align });
        bottom = Math.max(bottom, doc.y);
      });
    }
    cell.end();
  });
  row.end();
  doc.y = bottom + CELL_PADDING;
  drawRowRule(doc, kind.header || kind.total === true ? 1 : 0.5);
}

function drawRowRule(doc: Document, lineWidth: number): void {
  const y = doc.y;
  const left = doc.page.margins.left;
  drawArtifact(doc, () => doc.moveTo(left, y).lineTo(left + contentWidth(doc), y).lineWidth(lineWidth).strokeColor(COLOR.rule).stroke());
}

/**
 * Writes one line of text, wrapping as needed, each run in the face that draws it and right-to-left
 * text in visual order, so names in any script the faces cover come out as typed. Ends on a new line.
 */
function writeLine(doc: Document, spans: readonly Span[], style: LineStyle): void {
  doc.fontSize(style.size).fillColor(style.link ? COLOR.link : COLOR.text);
  if (spans.every((span) => span.text === '')) {
    doc.moveDown();
    return;
  }
  writeMixedScriptText(
    doc,
    spans.map((span) => ({ text: span.text, strong: span.strong || style.strong })),
    { size: style.size, width: style.width, align: style.align ?? 'left', lineGap: LINE_GAP, link: style.link },
  );
}

/** Adds a structure element under the parent whose content is what draw puts on the page. */
function addTagged(doc: Document, parent: StructureElement, type: string, draw: () => void): void {
  const element = doc.struct(type);
  parent.add(element);
  element.add(draw);
  element.end();
}

/** Decoration a screen reader should skip. */
function drawArtifact(doc: Document, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** Starts a new page unless the height fits on this one. */
function keepSpace(doc: Document, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** Room to keep a heading with what follows it: its first paragraph and a table after that. */
function sectionStartHeight(doc: Document, [heading, ...next]: readonly LetterBlock[]): number {
  let height = heading ? estimatedHeight(doc, heading) : 0;
  for (const block of next) {
    if (block.kind === 'heading' || block.kind === 'masthead') break;
    height += estimatedHeight(doc, block);
    if (block.kind === 'table') break;
  }
  return height;
}

/** A close guess at a block's height. */
function estimatedHeight(doc: Document, block: LetterBlock): number {
  const measure = (text: string, size: number) => measuredHeight(doc, text, size);
  switch (block.kind) {
    case 'masthead':
      return block.lines.length * measure('M', FONT_SIZE.masthead);
    case 'heading':
      return measure(block.text, block.level === 1 ? FONT_SIZE.h1 : FONT_SIZE.h2) * 1.5;
    case 'paragraph':
      return paragraphHeight(doc, block.lines);
    case 'link':
      return measure(block.url, FONT_SIZE.body) * 2;
    case 'table':
      return tableHeight(doc, block);
    case 'signature':
      return paragraphHeight(doc, [[{ text: block.signOff }]]) + linesHeight(doc, [[{ text: block.name }], [{ text: block.role }]]);
  }
}

/** The lines and the space after them. */
function paragraphHeight(doc: Document, lines: readonly Span[][]): number {
  return linesHeight(doc, lines) + doc.currentLineHeight(true) * PARAGRAPH_GAP;
}

function linesHeight(doc: Document, lines: readonly Span[][]): number {
  return lines.reduce((height, spans) => height + measuredHeight(doc, spans.map((span) => span.text).join(''), FONT_SIZE.body), 0);
}

/** Measured in the Latin face: close enough for deciding where a page ends. */
function measuredHeight(doc: Document, text: string, size: number): number {
  return useFace(doc, letterFaces(400)[0]!).fontSize(size).heightOfString(text, { width: contentWidth(doc), lineGap: LINE_GAP });
}

/** The whole table when it fits on a page, so a short table is not split; else its header and first row. */
function tableHeight(doc: Document, table: TableBlock): number {
  const whole = rowHeight(doc) * (table.rows.length + (table.total ? 2 : 1));
  return whole <= doc.page.maxY() - doc.page.margins.top ? whole : rowHeight(doc) * 2;
}

/** A one-line row; cells are short (years, dates, amounts), so a row wraps only exceptionally. */
function rowHeight(doc: Document): number {
  return doc.fontSize(FONT_SIZE.table).currentLineHeight(true) + LINE_GAP + CELL_PADDING * 2;
}

function contentWidth(doc: Document): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

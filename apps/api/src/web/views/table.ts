import { SafeHtml } from '@grants/notifications';

/** Tables of fewer columns fit a phone as they are; wider ones become stacked rows there. */
const STACKED_FROM_COLUMNS = 3;
const TABLE = /<table class="web-table"([^>]*)>([\s\S]*?)<\/table>/g;
const HEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const HEAD_CELL = /<th\b([^>]*)>([\s\S]*?)<\/th>/g;
const ROW = /<tr\b[^>]*>[\s\S]*?<\/tr>/g;
const CELL_START = /<(td|th)\b([^>]*)>/g;

/**
 * Gives every cell of a page's wide tables its column's heading, so that on a narrow screen
 * (web.css, under 40em) each row becomes a block of "heading: value" lines instead of a table
 * wider than the screen (WCAG 1.4.10). Done once over the page's body: the tables keep their
 * plain markup (`<table class="web-table">` with a `<thead>`), and no template restates its
 * headings in each cell. Safe on the pages' HTML because every interpolated text is escaped
 * (no `<` or `"` of a user's reaches here) and tables are never nested.
 */
export function stackTables(body: SafeHtml): SafeHtml {
  return new SafeHtml(body.value.replace(TABLE, (table: string, attributes: string, inner: string) => {
    const head = HEAD.exec(inner);
    if (!head) return table;
    const labels = columnLabels(head[1]!);
    if (labels.length < STACKED_FROM_COLUMNS) return table;
    const [before, after] = [inner.slice(0, head.index + head[0].length), inner.slice(head.index + head[0].length)];
    return `<table class="web-table web-table--stacked"${attributes}>${before}${after.replace(ROW, (row) => labelCells(row, labels))}</table>`;
  }));
}

/** The heading text of each column, a heading spanning columns repeated for each. */
function columnLabels(head: string): string[] {
  const labels: string[] = [];
  for (const [, attributes, content] of head.matchAll(HEAD_CELL)) {
    const text = content!.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    labels.push(...Array<string>(span(attributes!)).fill(text));
  }
  return labels;
}

function labelCells(row: string, labels: string[]): string {
  let column = 0;
  return row.replace(CELL_START, (start: string, name: string, attributes: string) => {
    const cells = span(attributes);
    const label = labels[column];
    column += cells;
    // A cell across columns (a total's heading) says what it is itself.
    if (cells > 1 || !label || attributes.includes('data-label=')) return start;
    return `<${name}${attributes} data-label="${label}">`;
  });
}

function span(attributes: string): number {
  const colspan = /\bcolspan="(\d+)"/.exec(attributes);
  return colspan ? Math.max(1, Number(colspan[1])) : 1;
}

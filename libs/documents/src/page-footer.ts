/**
 * The line at the foot of each page, `CBSF-2026-00042 – page 1 of 2`, as the words around its two
 * numbers: the number of pages is known only once the document is laid out, in a render thread,
 * and what crosses to a thread is data, not a function.
 */
export interface PageFooter {
  /** Up to the page number, e.g. `CBSF-2026-00042 – page `. */
  readonly beforePage: string;
  /** Between the page number and the number of pages, e.g. ` of `. */
  readonly beforeCount: string;
}

export function pageFooterLine(footer: PageFooter, page: number, pageCount: number): string {
  return `${footer.beforePage}${page}${footer.beforeCount}${pageCount}`;
}

import { html, SafeHtml } from '@grants/notifications';

/*
 * Charts drawn on the server as SVG, for the pages that show figures beside their data table
 * (the ranking, the dashboard). Pure functions: figures, already translated words and a number
 * formatter in, HTML out; no script. Each is a <figure> whose <svg role="img"> is named by its
 * <title> and <desc>, and whose caption links to the table on the page, the text alternative
 * that carries every figure the picture draws.
 *
 * The drawing is laid out on a viewBox VIEW_WIDTH units wide and scales with the page (web.css,
 * "charts"); text is FONT units high, so at the 288 CSS pixels a 320-pixel phone leaves for the
 * content it is still 12.6 pixels. The server cannot measure text, so labels are fitted by an
 * estimate of Open Sans's widths (the design system's font), on the generous side: a label that
 * does not fit is cut with an ellipsis and given whole in its row's <title> (shown on hover).
 */

const VIEW_WIDTH = 320;
const FONT = 14;
const LINE = 18;
const GAP = 8;
const ELLIPSIS = '…';

/* The label, value and plot columns of the ranking and calibration charts. */
const LABEL_END = 112;
const VALUE_END = 150;
const PLOT_START = 158;
const PLOT_END = 308;
const PLOT_WIDTH = PLOT_END - PLOT_START;
const ROW = 22;
const BAR = 14;
const TICKS = [0, 25, 50, 75, 100];

/*
 * Ontario Design System colours: every mark that carries a figure is at least 3:1 against white
 * (WCAG 1.4.11; the gridlines are only a guide), and each series also has its own pattern, so no
 * bar is told from another by colour alone.
 */
const TEXT = '#1a1a1a';
const GREY = '#4d4d4d';
const GRID = '#cccccc';
const WHITE = '#ffffff';
const DARK_BLUE = '#0369ac';
const DARK_ORANGE = '#c64a1c';

type Pattern = 'solid' | 'diagonal' | 'dots' | 'horizontal' | 'cross';
interface Swatch {
  colour: string;
  pattern: Pattern;
}
const SERIES: readonly Swatch[] = [
  { colour: DARK_BLUE, pattern: 'solid' },
  { colour: '#2b8737', pattern: 'diagonal' },
  { colour: '#92278f', pattern: 'dots' },
  { colour: DARK_ORANGE, pattern: 'horizontal' },
  { colour: '#367a76', pattern: 'cross' },
];
const ABOVE: Swatch = { colour: DARK_BLUE, pattern: 'solid' };
const BELOW: Swatch = { colour: GREY, pattern: 'diagonal' };

interface ChartText {
  /** Unique on the page: the figure's id, and the prefix of the ids inside it. */
  id: string;
  /** What the chart shows, in the figcaption and as the drawing's <title>. */
  caption: string;
  /** The drawing's <desc>, e.g. "The table below gives the same figures." */
  description: string;
  /** The id of the data table on the page that gives the same figures; the caption links to it. */
  tableId?: string | null;
  /** The words of that link; the description if not given. */
  tableLinkLabel?: string;
  /** Said instead of a drawing when there is nothing to draw; the description if not given. */
  emptyLabel?: string;
}

export interface RankedScoreItem {
  /** The application's reference number. */
  label: string;
  /** 0 to 100; outside that, drawn at the nearer end. */
  score: number;
  /** Above the funding line. */
  above: boolean;
  /**
   * The application's page. Not drawn as a link: the drawing is one image (role img), which may
   * hold nothing focusable (axe: nested-interactive); the table's row links there.
   */
  href?: string;
}

export interface RankedScoreChartOptions extends ChartText {
  /** In rank order, at most about 50 (a page of the ranking). */
  items: RankedScoreItem[];
  /**
   * The funding line, drawn after items[afterIndex]: -1 draws it above the first item; null, or an
   * index past the last item (the line falls on another page), draws none.
   */
  line: { afterIndex: number | null; label: string };
  axisLabel: string;
  formatScore: (score: number) => string;
  aboveLabel: string;
  belowLabel: string;
}

export interface CalibrationReviewer {
  label: string;
  mean: number;
  /** Mean minus one standard deviation (drawn from 0 at the least). */
  low: number;
  /** Mean plus one standard deviation (drawn to 100 at the most). */
  high: number;
  /** How many scores the mean is of; a reviewer with none is listed without marks. */
  count: number;
}

export interface CalibrationChartOptions extends ChartText {
  reviewers: CalibrationReviewer[];
  panelMean: number;
  /** The panel mean line's words ("Panel mean: 71.5"); the formatted mean if not given. */
  panelMeanLabel?: string;
  axisLabel: string;
  formatScore: (score: number) => string;
  /** The legend's words for the dot and the bar; no legend without them. */
  meanLabel?: string;
  spreadLabel?: string;
  /** How a row's hover text gives the number of scores; "n = 12" if not given. */
  formatCount?: (count: number) => string;
}

export interface BarChartCategory {
  label: string;
  /** One per series, in the series' order; negative values are drawn as 0. */
  values: number[];
}

export interface BarChartOptions extends ChartText {
  categories: BarChartCategory[];
  /** At most five are told apart by colour and pattern; more repeat them. */
  series: { label: string }[];
  formatValue: (value: number) => string;
}

/** The applications' scores in rank order as horizontal bars on a 0 to 100 axis, with the funding line across. */
export function rankedScoreChart(options: RankedScoreChartOptions): SafeHtml {
  const { id, items, formatScore } = options;
  if (items.length === 0) return emptyFigure(options);
  const defs = html`${patternDef(id, 'above', ABOVE)}${patternDef(id, 'below', BELOW)}`;
  const legendPart = legend([
    { mark: swatchMark(id, 'above', ABOVE), label: options.aboveLabel },
    { mark: swatchMark(id, 'below', BELOW), label: options.belowLabel },
  ]);
  const afterIndex = options.line.afterIndex;
  const drawLine = afterIndex !== null && Number.isInteger(afterIndex) && afterIndex >= -1 && afterIndex < items.length;
  let y = legendPart.height + GAP;
  const rowsTop = y;
  const parts: SafeHtml[] = [];
  const fundingLine = (): void => {
    const band = fundingLineBand(options.line.label, y);
    parts.push(band.markup);
    y += band.height;
  };
  if (drawLine && afterIndex === -1) fundingLine();
  items.forEach((item, index) => {
    const score = clamp(item.score, 0, 100);
    const swatch = item.above ? 'above' : 'below';
    const words = [item.label, formatScore(score), item.above ? options.aboveLabel : options.belowLabel].join(' – ');
    parts.push(row(words, html`${rowLabel(item.label, y)}
<text class="web-chart__value" x="${n(VALUE_END)}" y="${n(y + 15.5)}" text-anchor="end">${formatScore(score)}</text>
<rect class="web-chart__bar web-chart__bar--${swatch}" data-score="${n(score)}" x="${n(PLOT_START)}" y="${n(y + (ROW - BAR) / 2)}" width="${n(scoreX(score) - PLOT_START)}" height="${BAR}" ${paint(id, swatch, item.above ? ABOVE : BELOW)}/>`));
    y += ROW;
    if (drawLine && afterIndex === index) fundingLine();
  });
  const axis = scoreAxis(options.axisLabel, rowsTop, y);
  return figure(options, axis.bottom, html`${defs}${legendPart.markup}${axis.markup}${parts}`);
}

/** Each reviewer's mean score (a dot) and spread (a bar, one standard deviation either side) against the panel's mean. */
export function calibrationChart(options: CalibrationChartOptions): SafeHtml {
  const { reviewers, formatScore } = options;
  if (reviewers.length === 0) return emptyFigure(options);
  const legendPart = legend(options.meanLabel && options.spreadLabel
    ? [
        { mark: (top: number) => html`<circle cx="8" cy="${n(top + 9)}" r="5.5" fill="${TEXT}"/>`, label: options.meanLabel },
        { mark: (top: number) => html`<rect x="0" y="${n(top + 5)}" width="16" height="8" fill="${DARK_BLUE}"/>`, label: options.spreadLabel },
      ]
    : []);
  const panelMean = clamp(options.panelMean, 0, 100);
  const lineX = scoreX(panelMean);
  const lineLabel = placedText(options.panelMeanLabel ?? formatScore(panelMean), lineX, legendPart.height + (legendPart.height > 0 ? GAP : 0), true);
  let y = lineLabel.bottom + 4;
  const rowsTop = y;
  const formatCount = options.formatCount ?? ((count: number): string => `n = ${count}`);
  const rows = reviewers.map((reviewer) => {
    const top = y;
    y += ROW;
    const middle = top + ROW / 2;
    if (!(reviewer.count > 0) || !Number.isFinite(reviewer.mean)) {
      return row([reviewer.label, '—', formatCount(Math.max(0, reviewer.count || 0))].join(' – '), html`${rowLabel(reviewer.label, top)}
<text class="web-chart__value" x="${n(VALUE_END)}" y="${n(top + 15.5)}" text-anchor="end">—</text>`);
    }
    const mean = clamp(reviewer.mean, 0, 100);
    const low = Math.min(clamp(reviewer.low, 0, 100), mean);
    const high = Math.max(clamp(reviewer.high, 0, 100), mean);
    const words = [reviewer.label, formatScore(mean), `${formatScore(low)}–${formatScore(high)}`, formatCount(reviewer.count)].join(' – ');
    return row(words, html`${rowLabel(reviewer.label, top)}
<text class="web-chart__value" x="${n(VALUE_END)}" y="${n(top + 15.5)}" text-anchor="end">${formatScore(mean)}</text>
<rect class="web-chart__spread" data-low="${n(low)}" data-high="${n(high)}" x="${n(scoreX(low))}" y="${n(middle - 4)}" width="${n(scoreX(high) - scoreX(low))}" height="8" fill="${DARK_BLUE}"/>
<circle class="web-chart__mean" data-mean="${n(mean)}" cx="${n(scoreX(mean))}" cy="${n(middle)}" r="5.5" fill="${TEXT}" stroke="${WHITE}" stroke-width="1.5"/>`);
  });
  const axis = scoreAxis(options.axisLabel, rowsTop, y);
  const referenceLine = html`<line class="web-chart__reference" data-score="${n(panelMean)}" x1="${n(lineX)}" y1="${n(lineLabel.bottom - 2)}" x2="${n(lineX)}" y2="${n(y)}" stroke="${DARK_ORANGE}" stroke-width="2.5" stroke-dasharray="6 3"/>`;
  return figure(options, axis.bottom, html`${legendPart.markup}${axis.markup}${lineLabel.markup}${referenceLine}${rows}`);
}

/** Grouped horizontal bars, one group per category and one bar per series, each bar labelled with its value. */
export function barChart(options: BarChartOptions): SafeHtml {
  const { id, categories, series, formatValue } = options;
  if (categories.length === 0 || series.length === 0) return emptyFigure(options);
  const swatches = series.map((_, index) => SERIES[index % SERIES.length]!);
  const defs = swatches.map((swatch, index) => patternDef(id, `s${index}`, swatch));
  const legendPart = legend(series.map((one, index) => ({ mark: swatchMark(id, `s${index}`, swatches[index]!), label: one.label })));
  const valueOf = (category: BarChartCategory, index: number): number => clamp(category.values[index] ?? 0, 0, Number.MAX_VALUE);
  const largest = Math.max(0, ...categories.flatMap((category) => series.map((_, index) => valueOf(category, index))));
  const widestValue = Math.max(...categories.flatMap((category) => series.map((_, index) => textWidth(formatValue(valueOf(category, index))))));
  // The longest bar leaves room after it for its value.
  const plotWidth = Math.max(VIEW_WIDTH / 2, VIEW_WIDTH - widestValue - 8);
  let y = legendPart.height + GAP;
  const groups = categories.map((category) => {
    const top = y;
    const bars = series.map((one, index) => {
      const value = valueOf(category, index);
      const barTop = top + LINE + 4 + index * (BAR + 4);
      const width = largest > 0 ? (value / largest) * plotWidth : 0;
      const words = [category.label, one.label, formatValue(value)].join(' – ');
      return html`<g class="web-chart__bar-row"><title>${words}</title>
<rect class="web-chart__bar web-chart__bar--s${index}" data-value="${String(value)}" x="0" y="${n(barTop)}" width="${n(width)}" height="${BAR}" ${paint(id, `s${index}`, swatches[index]!)}/>
<text class="web-chart__value" x="${n(width + 4)}" y="${n(barTop + 11.5)}">${formatValue(value)}</text></g>`;
    });
    y = top + LINE + 4 + series.length * (BAR + 4) + GAP;
    const label = truncate(category.label, VIEW_WIDTH, true);
    return row(category.label, html`<text class="web-chart__group-label" x="0" y="${n(top + 14)}" font-weight="700">${label}</text>${bars}`, 'web-chart__group');
  });
  return figure(options, y, html`${defs}${legendPart.markup}${groups}`);
}

/* The parts every chart shares. */

function figure(options: ChartText, height: number, drawing: SafeHtml): SafeHtml {
  const { id } = options;
  return html`<figure class="web-chart" id="${id}">
<figcaption class="web-chart__caption">${options.caption}${tableLink(options)}</figcaption>
<svg class="web-chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${VIEW_WIDTH} ${n(height)}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-size="${FONT}" fill="${TEXT}">
<title id="${id}-title">${options.caption}</title>
<desc id="${id}-desc">${options.description}</desc>
${drawing}
</svg>
</figure>`;
}

function emptyFigure(options: ChartText): SafeHtml {
  return html`<figure class="web-chart web-chart--empty" id="${options.id}">
<figcaption class="web-chart__caption">${options.caption}${tableLink(options)}</figcaption>
<p class="web-chart__empty">${options.emptyLabel ?? options.description}</p>
</figure>`;
}

function tableLink(options: ChartText): SafeHtml | '' {
  return options.tableId ? html` <a class="web-chart__table-link" href="#${options.tableId}">${options.tableLinkLabel ?? options.description}</a>` : '';
}

/** A row of a chart, its full words in a <title>: a tooltip on hover, where a label is cut short. */
function row(words: string, content: SafeHtml, className = 'web-chart__row'): SafeHtml {
  return html`<g class="${className}"><title>${words}</title>${content}</g>`;
}

function rowLabel(label: string, top: number): SafeHtml {
  return html`<text class="web-chart__label" x="0" y="${n(top + 15.5)}">${truncate(label, LABEL_END)}</text>`;
}

function scoreX(score: number): number {
  return PLOT_START + (score / 100) * PLOT_WIDTH;
}

/** Gridlines at the ticks behind the rows, and the 0 to 100 axis under them with its label. */
function scoreAxis(label: string, top: number, bottom: number): { markup: SafeHtml; bottom: number } {
  const grid = TICKS.map((tick) => html`<line x1="${n(scoreX(tick))}" y1="${n(top)}" x2="${n(scoreX(tick))}" y2="${n(bottom)}" stroke="${GRID}" stroke-width="1"/>`);
  const axisY = bottom + 2;
  const ticks = TICKS.map((tick) => html`<line x1="${n(scoreX(tick))}" y1="${n(axisY)}" x2="${n(scoreX(tick))}" y2="${n(axisY + 5)}" stroke="${GREY}" stroke-width="1"/>
<text class="web-chart__tick" x="${n(scoreX(tick))}" y="${n(axisY + 5 + 14)}" text-anchor="middle">${String(tick)}</text>`);
  const labelTop = axisY + 5 + 14 + 6;
  const lines = wrap(label, PLOT_END);
  const fitsUnderPlot = lines.length === 1 && textWidth(lines[0]!) <= PLOT_WIDTH;
  const anchor = fitsUnderPlot ? html`x="${n(PLOT_START + PLOT_WIDTH / 2)}" text-anchor="middle"` : html`x="${n(PLOT_END)}" text-anchor="end"`;
  const labelText = lines.map((line, index) => html`<text class="web-chart__axis-label" ${anchor} y="${n(labelTop + 14 + index * LINE)}">${line}</text>`);
  return {
    markup: html`<g class="web-chart__grid">${grid}</g><g class="web-chart__axis"><line x1="${n(PLOT_START)}" y1="${n(axisY)}" x2="${n(PLOT_END)}" y2="${n(axisY)}" stroke="${GREY}" stroke-width="1"/>${ticks}${labelText}</g>`,
    bottom: labelTop + lines.length * LINE,
  };
}

/** The funding line across the whole chart, its words (wrapped) just above it. */
function fundingLineBand(label: string, top: number): { markup: SafeHtml; height: number } {
  const lines = wrap(label, VIEW_WIDTH, true);
  const text = lines.map((line, index) => html`<text x="0" y="${n(top + 4 + 14 + index * LINE)}" font-weight="700">${line}</text>`);
  const lineY = top + 4 + lines.length * LINE + 4;
  return {
    markup: html`<g class="web-chart__funding-line" data-y="${n(lineY)}">${text}<line x1="0" y1="${n(lineY)}" x2="${VIEW_WIDTH}" y2="${n(lineY)}" stroke="${TEXT}" stroke-width="3" stroke-dasharray="8 4"/></g>`,
    height: lineY + 6 - top,
  };
}

/** Words that belong at x (a reference line's), moved in to stay inside the drawing, wrapped if wider than it. */
function placedText(words: string, x: number, top: number, bold: boolean): { markup: SafeHtml; bottom: number } {
  const lines = wrap(words, VIEW_WIDTH, bold);
  const text = lines.map((line, index) => {
    const width = textWidth(line, bold);
    const start = Math.min(Math.max(0, x - width / 2), VIEW_WIDTH - width);
    return html`<text class="web-chart__reference-label" x="${n(Math.max(0, start))}" y="${n(top + 14 + index * LINE)}"${bold ? html` font-weight="700"` : ''}>${line}</text>`;
  });
  return { markup: html`${text}`, bottom: top + lines.length * LINE };
}

interface LegendItem {
  /** The mark drawn beside the words, given the top of its line. */
  mark: (top: number) => SafeHtml;
  label: string;
}

/** Marks one under the other, each beside its words (wrapped, never cut: they say what a mark means). */
function legend(items: LegendItem[]): { markup: SafeHtml | ''; height: number } {
  if (items.length === 0) return { markup: '', height: 0 };
  let y = 0;
  const entries = items.map((item) => {
    const lines = wrap(item.label, VIEW_WIDTH - 22);
    const top = y;
    y += lines.length * LINE + 2;
    return html`<g class="web-chart__legend-item">${item.mark(top)}${lines.map((line, index) => html`<text x="22" y="${n(top + 14 + index * LINE)}">${line}</text>`)}</g>`;
  });
  return { markup: html`<g class="web-chart__legend">${entries}</g>`, height: y };
}

function swatchMark(id: string, name: string, swatch: Swatch): (top: number) => SafeHtml {
  return (top) => html`<rect x="0" y="${n(top + 2)}" width="16" height="14" ${paint(id, name, swatch)}/>`;
}

/* Swatches, patterns and paint: a pattern's outline is in its colour, so a bar's end is as clear as a solid one's. */

function patternDef(id: string, name: string, swatch: Swatch): SafeHtml | '' {
  const { colour } = swatch;
  const tile = (size: number, content: SafeHtml, rotate = 0): SafeHtml =>
    html`<pattern id="${id}-${name}" width="${size}" height="${size}" patternUnits="userSpaceOnUse"${rotate ? html` patternTransform="rotate(${rotate})"` : ''}><rect width="${size}" height="${size}" fill="${WHITE}"/>${content}</pattern>`;
  switch (swatch.pattern) {
    case 'solid':
      return '';
    case 'diagonal':
      return tile(6, html`<rect width="3" height="6" fill="${colour}"/>`, 45);
    case 'dots':
      return tile(5, html`<circle cx="2.5" cy="2.5" r="1.6" fill="${colour}"/>`);
    case 'horizontal':
      return tile(5, html`<rect width="5" height="2.5" fill="${colour}"/>`);
    case 'cross':
      return tile(6, html`<rect width="6" height="2" fill="${colour}"/><rect width="2" height="6" fill="${colour}"/>`, 45);
  }
}

function paint(id: string, name: string, swatch: Swatch): SafeHtml {
  return swatch.pattern === 'solid'
    ? html`fill="${swatch.colour}"`
    : html`fill="url(#${id}-${name})" stroke="${swatch.colour}" stroke-width="1.5"`;
}

/* Numbers and text. */

function clamp(value: number, low: number, high: number): number {
  if (Number.isNaN(value)) return low;
  return Math.min(high, Math.max(low, value));
}

/** A coordinate, to a tenth: enough for a drawing, and short markup. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

const NARROW = new Set([...' iljI!.,:;\'|’']);
const SEMI_NARROW = new Set([...'ftr()[]-–/']);
const WIDE = new Set([...'mwMW%@']);

/** An estimate of the width of text at FONT units in Open Sans, rounded up. */
function textWidth(text: string, bold = false): number {
  let ems = 0;
  for (const character of text.normalize('NFD').replace(/\p{M}/gu, '')) {
    if (NARROW.has(character)) ems += 0.28;
    else if (SEMI_NARROW.has(character)) ems += 0.36;
    else if (WIDE.has(character)) ems += 0.94;
    else if (/[0-9]/.test(character)) ems += 0.58;
    else if (/\p{Lu}/u.test(character)) ems += 0.65;
    else if (/[\p{Ll}\p{N}$€£¢#&*+=<>?_~^"]/u.test(character)) ems += 0.57;
    else if (/\s/.test(character)) ems += 0.28;
    else ems += 1;
  }
  return ems * FONT * (bold ? 1.06 : 1);
}

/** The text, or as much of it as fits in `width` followed by an ellipsis. */
function truncate(text: string, width: number, bold = false): string {
  if (textWidth(text, bold) <= width) return text;
  const characters = [...text];
  while (characters.length > 0 && textWidth(`${characters.join('').trimEnd()}${ELLIPSIS}`, bold) > width) characters.pop();
  return `${characters.join('').trimEnd()}${ELLIPSIS}`;
}

/** The text in lines no wider than `width`, broken between words; a word wider than a line is cut. */
function wrap(text: string, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  // Only at plain spaces: a no-break space (French "1 200 000 $", "seuil :") holds its words together.
  for (const word of text.split(/(?<= )(?=[^ ])/)) {
    const candidate = line + word;
    if (line === '' || textWidth(candidate.trimEnd(), bold) <= width) {
      line = candidate;
    } else {
      lines.push(line.trimEnd());
      line = word;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.map((one) => truncate(one, width, bold));
}

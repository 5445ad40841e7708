import { barChart, calibrationChart, CalibrationChartOptions, rankedScoreChart, RankedScoreChartOptions, RankedScoreItem } from './charts';

const formatScore = (score: number): string => score.toFixed(1);
const formatValue = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

type Attributes = Record<string, string>;

function attributesOf(tag: string): Attributes {
  return Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!]));
}

/** Every element `name` whose class list has `className`, by its attributes, in document order. */
function elements(markup: string, name: string, className: string): Attributes[] {
  return [...markup.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))]
    .map(([tag]) => attributesOf(tag))
    .filter((attributes) => (attributes.class ?? '').split(' ').includes(className));
}

/** The chart's rows: the words of each row's tooltip and the markup inside it. */
function rows(markup: string): { words: string; content: string }[] {
  return [...markup.matchAll(/<g class="web-chart__row"><title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)].map(([, words, content]) => ({ words: words!, content: content! }));
}

function texts(markup: string, className: string): string[] {
  return [...markup.matchAll(new RegExp(`<text class="${className}"[^>]*>([^<]*)</text>`, 'g'))].map(([, text]) => text!);
}

const num = (attributes: Attributes | undefined, name: string): number => Number(attributes?.[name]);

function ranking(items: RankedScoreItem[], overrides: Partial<RankedScoreChartOptions> = {}): string {
  return rankedScoreChart({
    id: 'ranking-chart',
    caption: 'Scores in rank order',
    description: 'The table below gives the same figures.',
    items,
    line: { afterIndex: 1, label: 'Funding line: $1,200,000 of $1,500,000' },
    axisLabel: 'Normalized score (0 to 100)',
    formatScore,
    aboveLabel: 'Above the funding line',
    belowLabel: 'Below the funding line',
    tableId: 'ranking-table',
    ...overrides,
  }).value;
}

const four: RankedScoreItem[] = [
  { label: 'CBSF-2027-0004', score: 100, above: true },
  { label: 'CBSF-2027-0001', score: 80, above: true },
  { label: 'CBSF-2027-0003', score: 50, above: false },
  { label: 'CBSF-2027-0002', score: 20, above: false },
];

describe('rankedScoreChart: the scores in rank order, with the funding line across', () => {
  it('draws one bar per application in the given order, each as long as its score on the 0 to 100 axis', () => {
    const out = ranking(four);
    expect(rows(out).map((row) => row.words)).toEqual([
      'CBSF-2027-0004 – 100.0 – Above the funding line',
      'CBSF-2027-0001 – 80.0 – Above the funding line',
      'CBSF-2027-0003 – 50.0 – Below the funding line',
      'CBSF-2027-0002 – 20.0 – Below the funding line',
    ]);
    expect(texts(out, 'web-chart__label')).toEqual(['CBSF-2027-0004', 'CBSF-2027-0001', 'CBSF-2027-0003', 'CBSF-2027-0002']);
    expect(texts(out, 'web-chart__value')).toEqual(['100.0', '80.0', '50.0', '20.0']);
    const bars = elements(out, 'rect', 'web-chart__bar');
    const full = num(bars[0], 'width');
    expect(full).toBeGreaterThan(0);
    expect(bars.map((bar) => num(bar, 'width') / full)).toEqual([1, 0.8, 0.5, 0.2].map((ratio) => expect.closeTo(ratio, 2)));
    // All start at the axis's 0, one under the other.
    expect(new Set(bars.map((bar) => bar.x)).size).toBe(1);
    const tops = bars.map((bar) => num(bar, 'y'));
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    expect(texts(out, 'web-chart__tick')).toEqual(['0', '25', '50', '75', '100']);
    expect(texts(out, 'web-chart__axis-label')).toEqual(['Normalized score (0 to 100)']);
  });

  it('tells bars above the line from those below by their fill (a colour against a pattern) and by the legend', () => {
    const out = ranking(four);
    const [first, second, third, fourth] = elements(out, 'rect', 'web-chart__bar');
    expect(first!.fill).toBe(second!.fill);
    expect(third!.fill).toBe(fourth!.fill);
    expect(first!.fill).toMatch(/^#[0-9a-f]{6}$/);
    expect(third!.fill).toBe('url(#ranking-chart-below)');
    expect(out).toContain('<pattern id="ranking-chart-below"');
    expect(out).toMatch(/<g class="web-chart__legend">[\s\S]*Above the funding line[\s\S]*Below the funding line[\s\S]*?<\/g><\/g>/);
  });

  it('draws the funding line with its words between the last bar above it and the first below it', () => {
    const out = ranking(four);
    const bars = elements(out, 'rect', 'web-chart__bar');
    const lineY = num(elements(out, 'g', 'web-chart__funding-line')[0], 'data-y');
    expect(lineY).toBeGreaterThan(num(bars[1], 'y') + num(bars[1], 'height'));
    expect(lineY).toBeLessThan(num(bars[2], 'y'));
    expect(out).toContain('>Funding line: $1,200,000 of $1,500,000</text>');
  });

  it('draws the line above the first bar for -1, and none when it is not on this page of the ranking', () => {
    const before = ranking(four, { line: { afterIndex: -1, label: 'Funding line' } });
    expect(num(elements(before, 'g', 'web-chart__funding-line')[0], 'data-y')).toBeLessThan(num(elements(before, 'rect', 'web-chart__bar')[0], 'y'));
    for (const afterIndex of [null, 4, 20]) {
      expect(ranking(four, { line: { afterIndex, label: 'Funding line' } })).not.toContain('web-chart__funding-line');
    }
    const last = ranking(four, { line: { afterIndex: 3, label: 'Funding line' } });
    expect(num(elements(last, 'g', 'web-chart__funding-line')[0], 'data-y')).toBeGreaterThan(num(elements(last, 'rect', 'web-chart__bar')[3], 'y'));
  });

  it('draws a score outside 0 to 100 at the nearer end', () => {
    const out = ranking([
      { label: 'A', score: 100, above: true },
      { label: 'B', score: 130, above: true },
      { label: 'C', score: -5, above: false },
      { label: 'D', score: Number.NaN, above: false },
    ]);
    const widths = elements(out, 'rect', 'web-chart__bar').map((bar) => num(bar, 'width'));
    expect(widths).toEqual([widths[0], widths[0], 0, 0]);
    expect(texts(out, 'web-chart__value')).toEqual(['100.0', '100.0', '0.0', '0.0']);
  });

  it('keeps every label text: markup in a label, caption or description is shown, never run', () => {
    const out = ranking([{ label: '<script>alert(1)</script>', score: 50, above: true }], {
      caption: 'Scores <b>& more</b>',
      description: 'See "the table"',
      line: { afterIndex: 0, label: '<img src=x onerror=alert(1)>' },
    });
    expect(out).not.toMatch(/<script|<b>|<img/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<title id="ranking-chart-title">Scores &lt;b&gt;&amp; more&lt;/b&gt;</title>');
    expect(out).toContain('<desc id="ranking-chart-desc">See &quot;the table&quot;</desc>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('cuts a label too long for its column with an ellipsis, and gives it whole on hover', () => {
    const label = 'INDIGENOUS-LED-INITIATIVES-2027-0001';
    const [row] = rows(ranking([{ label, score: 70, above: true }]));
    expect(row!.words.startsWith(label)).toBe(true);
    const [shown] = texts(row!.content, 'web-chart__label');
    expect(shown).toMatch(/^INDIGENOUS.*…$/);
    expect(label.startsWith(shown!.slice(0, -1))).toBe(true);
  });

  it('is a figure whose drawing is one image named by its title and description, its caption linking to the table', () => {
    const out = ranking(four);
    expect(out).toMatch(/^<figure class="web-chart" id="ranking-chart">/);
    const [svg] = [...out.matchAll(/<svg\b[^>]*>/g)].map(([tag]) => attributesOf(tag));
    expect(svg!.role).toBe('img');
    const ids = svg!['aria-labelledby']!.split(' ');
    expect(ids).toEqual(['ranking-chart-title', 'ranking-chart-desc']);
    expect(out).toContain('<title id="ranking-chart-title">Scores in rank order</title>');
    expect(out).toContain('<desc id="ranking-chart-desc">The table below gives the same figures.</desc>');
    expect(out).toMatch(/<figcaption class="web-chart__caption">Scores in rank order <a class="web-chart__table-link" href="#ranking-table">The table below gives the same figures.<\/a><\/figcaption>/);
    // Nothing inside the image can take focus (a screen reader hears it as one image).
    expect(out).not.toMatch(/<a\b[^>]*>(?![^<]*<\/a><\/figcaption>)/);
    expect(ranking(four, { tableId: null })).not.toContain('<a ');
    expect(ranking(four, { tableLinkLabel: 'Go to the ranking table' })).toContain('href="#ranking-table">Go to the ranking table</a>');
  });

  it('scales with the page, its text at least 12 pixels on a 320-pixel phone (288 pixels of content)', () => {
    const [svg] = [...ranking(four).matchAll(/<svg\b[^>]*>/g)].map(([tag]) => attributesOf(tag));
    expect(svg!.width).toBe('100%');
    const [, , viewWidth] = svg!.viewBox!.split(' ').map(Number);
    expect((Number(svg!['font-size']) * 288) / viewWidth!).toBeGreaterThanOrEqual(12);
  });

  it('says there is nothing to show, instead of an empty drawing, when no application is ranked', () => {
    const out = ranking([], { emptyLabel: 'No application is ranked yet.' });
    expect(out).not.toContain('<svg');
    expect(out).toContain('<figcaption class="web-chart__caption">Scores in rank order');
    expect(out).toContain('<p class="web-chart__empty">No application is ranked yet.</p>');
  });
});

function calibration(overrides: Partial<CalibrationChartOptions> = {}): string {
  return calibrationChart({
    id: 'calibration',
    caption: 'Reviewer calibration',
    description: 'The table below gives the same figures.',
    reviewers: [
      { label: 'Reviewer A', mean: 80, low: 70, high: 90, count: 12 },
      { label: 'Reviewer B', mean: 40, low: -10, high: 120, count: 3 },
      { label: 'Reviewer C', mean: 0, low: 0, high: 0, count: 0 },
    ],
    panelMean: 60,
    panelMeanLabel: 'Panel mean: 60.0',
    axisLabel: 'Mean weighted score',
    formatScore,
    meanLabel: 'Mean',
    spreadLabel: 'One standard deviation either side',
    tableId: 'calibration-table',
    ...overrides,
  }).value;
}

describe('calibrationChart: each reviewer’s mean and spread against the panel’s mean', () => {
  it('puts a dot at each mean and a bar from low to high, on the same axis as the panel’s mean line', () => {
    const out = calibration();
    expect(rows(out).map((row) => row.words)).toEqual([
      'Reviewer A – 80.0 – 70.0–90.0 – n = 12',
      'Reviewer B – 40.0 – 0.0–100.0 – n = 3',
      'Reviewer C – — – n = 0',
    ]);
    const dots = elements(out, 'circle', 'web-chart__mean');
    const spreads = elements(out, 'rect', 'web-chart__spread');
    const x0 = num(spreads[1], 'x');
    const x100 = x0 + num(spreads[1], 'width');
    const at = (score: number): number => x0 + ((x100 - x0) * score) / 100;
    // B's spread, below 0 and above 100, is drawn across the whole axis.
    expect(num(dots[0], 'cx')).toBeCloseTo(at(80), 0);
    expect(num(dots[1], 'cx')).toBeCloseTo(at(40), 0);
    expect(num(spreads[0], 'x')).toBeCloseTo(at(70), 0);
    expect(num(spreads[0], 'x') + num(spreads[0], 'width')).toBeCloseTo(at(90), 0);
    const [reference] = elements(out, 'line', 'web-chart__reference');
    expect(num(reference, 'x1')).toBeCloseTo(at(60), 0);
    expect(reference!.x2).toBe(reference!.x1);
    expect(out).toContain('>Panel mean: 60.0</text>');
  });

  it('lists a reviewer without scores with no marks, and shows the legend', () => {
    const out = calibration();
    const [, , none] = rows(out);
    expect(none!.content).not.toMatch(/<circle|<rect/);
    expect(texts(out, 'web-chart__value')).toEqual(['80.0', '40.0', '—']);
    expect(out).toContain('>One standard deviation either side</text>');
    expect(calibration({ meanLabel: undefined })).not.toContain('web-chart__legend');
  });

  it('is named by its title and description, links to its table, and says so when there are no reviews', () => {
    const out = calibration();
    expect(out).toContain('aria-labelledby="calibration-title calibration-desc"');
    expect(out).toContain('<title id="calibration-title">Reviewer calibration</title>');
    expect(out).toContain('href="#calibration-table"');
    const empty = calibration({ reviewers: [], emptyLabel: 'No review has been submitted.' });
    expect(empty).not.toContain('<svg');
    expect(empty).toContain('No review has been submitted.');
  });
});

describe('barChart: grouped bars for the dashboard, with a legend', () => {
  const money = (): string =>
    barChart({
      id: 'money',
      caption: 'Money by fund and fiscal year',
      description: 'The table below gives the same figures.',
      categories: [
        { label: 'CBSF 2026-27', values: [400_000_00, 200_000_00, 100_000_00] },
        { label: 'ILIF <2027-28>', values: [100_000_00, -5, Number.NaN] },
      ],
      series: [{ label: 'Requested' }, { label: 'Approved' }, { label: 'Paid' }],
      formatValue,
      tableId: 'money-table',
    }).value;

  it('draws each category’s values in the series’ order, as long as the values against the largest, each with its figure', () => {
    const out = money();
    const groups = [...out.matchAll(/<g class="web-chart__group"><title>([^<]*)<\/title>([\s\S]*?)<\/g><\/g>/g)];
    expect(groups.map(([, label]) => label)).toEqual(['CBSF 2026-27', 'ILIF &lt;2027-28&gt;']);
    const bars = elements(out, 'rect', 'web-chart__bar');
    const full = num(bars[0], 'width');
    expect(bars.map((bar) => num(bar, 'width') / full)).toEqual([1, 0.5, 0.25, 0.25, 0, 0].map((ratio) => expect.closeTo(ratio, 2)));
    expect(texts(out, 'web-chart__value')).toEqual(['$400000.00', '$200000.00', '$100000.00', '$100000.00', '$0.00', '$0.00']);
    // The longest bar leaves room for its figure inside the drawing.
    expect(full).toBeLessThan(320 - 80);
  });

  it('tells the series apart by colour and pattern, named in the legend', () => {
    const out = money();
    const fills = elements(out, 'rect', 'web-chart__bar').slice(0, 3).map((bar) => bar.fill);
    expect(new Set(fills).size).toBe(3);
    expect(fills.slice(1)).toEqual(['url(#money-s1)', 'url(#money-s2)']);
    expect(out).toMatch(/<g class="web-chart__legend">[\s\S]*>Requested<[\s\S]*>Approved<[\s\S]*>Paid</);
  });

  it('is named, links to its table, and says so when there is nothing to show', () => {
    const out = money();
    expect(out).toContain('role="img" aria-labelledby="money-title money-desc"');
    expect(out).toContain('href="#money-table"');
    const empty = barChart({ id: 'none', caption: 'Money', description: 'The table gives the figures.', emptyLabel: 'No money yet.', categories: [], series: [{ label: 'Requested' }], formatValue }).value;
    expect(empty).toContain('<p class="web-chart__empty">No money yet.</p>');
    expect(empty).not.toContain('<svg');
  });
});

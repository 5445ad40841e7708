import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { Browser, chromium, Locator, Page } from 'playwright-core';

// Debian's chromium package, not a browser build downloaded by Playwright (nothing outside the
// package registries can be fetched here). CHROMIUM_PATH is for a developer machine that has it
// elsewhere.
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS_DIR = resolve(__dirname, '../../docs/screenshots');
// WCAG 2.1 adds its own tags (autocomplete purpose, text spacing, label in name, orientation) to 2.0's.
const WCAG_A_AA: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
const NODES_SHOWN = 3;
// html-has-lang and the like report the whole document as their element.
const HTML_SHOWN = 200;

export type PageLocale = 'en' | 'fr';

export interface NewPageOptions {
  /** Sets navigator.language and Accept-Language to en-CA or fr-CA. Default: en. */
  locale?: PageLocale;
  /**
   * false checks that a task works without JavaScript (progressive enhancement). Default: true.
   * axe cannot run there (its timers never fire): check accessibility on a page with JavaScript.
   */
  javaScript?: boolean;
}

/** One headless Chromium; share it across a test file and close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM,
    // Root (as in CI) cannot use Chromium's sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * A page in a fresh context (no cookies shared with other pages), relative URLs resolved against
 * baseUrl, times shown in America/Toronto. Closing the page closes its context.
 */
export async function newPage(browser: Browser, baseUrl: string, options: NewPageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale === 'fr' ? 'fr-CA' : 'en-CA',
    timezoneId: 'America/Toronto',
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  if (options.javaScript === false) pagesWithoutJavaScript.add(page);
  page.once('close', () => void context.close().catch(() => undefined));
  return page;
}

const pagesWithoutJavaScript = new WeakSet<Page>();
let axeSource: Promise<string> | undefined;

// The functions passed to page.evaluate run in the browser, but the project compiles without the
// DOM library (lib ES2023, for Node); these are the few browser shapes they use, reached through
// globalThis so the compiled function refers to the page's own globals.
interface InPageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  labels?: ArrayLike<{ textContent: string | null }> | null;
  getAttribute(name: string): string | null;
}
interface InPageGlobals {
  document: { activeElement: InPageElement | null; body: InPageElement };
  axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string }[];
}

/**
 * Runs axe-core's WCAG 2.0 and 2.1 A and AA rules on the page as it is now, and fails listing every
 * violation with the first few elements concerned. `context` says which state of the page was
 * checked (say 'after a failed submit'), for the message.
 */
export async function expectAccessible(page: Page, context?: string): Promise<void> {
  if (pagesWithoutJavaScript.has(page)) {
    // Chromium stops the page's timers with its scripts, so axe.run would wait forever.
    throw new Error(`expectAccessible needs a page opened with JavaScript (${page.url()} was opened with javaScript: false)`);
  }
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  // Evaluated rather than added as a <script>: an inline script tag would be refused by the
  // pages' Content-Security-Policy, and switching CSP off for the tests would hide CSP breakage.
  await page.evaluate(`if (typeof window.axe === 'undefined') { ${source}\n}`);
  const violations = await page.evaluate(async (options): Promise<AxeViolation[]> => {
    const { axe, document } = globalThis as unknown as InPageGlobals;
    const results = await axe.run(document, options);
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({ target: node.target.flat().join(' >>> '), html: node.html })),
    }));
  }, WCAG_A_AA);
  if (violations.length === 0) return;
  const lines = [`${violations.length} accessibility violation(s) (WCAG 2.0/2.1 A/AA) on ${page.url()}${context ? ` (${context})` : ''}:`];
  for (const violation of violations) {
    lines.push(`  - ${violation.id} [${violation.impact}]: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes.slice(0, NODES_SHOWN)) {
      lines.push(`      at ${node.target}: ${node.html.length > HTML_SHOWN ? `${node.html.slice(0, HTML_SHOWN)}…` : node.html}`);
    }
    if (violation.nodes.length > NODES_SHOWN) lines.push(`      ...and ${violation.nodes.length - NODES_SHOWN} more`);
  }
  throw new Error(lines.join('\n'));
}

/** The narrowest width WCAG 1.4.10 (reflow) asks content to fit without scrolling sideways. */
export const REFLOW_WIDTH = 320;

interface InPageLayout {
  innerWidth: number;
  document: {
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): ArrayLike<{ scrollWidth: number; clientWidth: number }>;
  };
}

export interface Layout {
  /** The page's width: wider than the window when the page scrolls sideways. */
  scrollWidth: number;
  innerWidth: number;
  /** Tables whose container scrolls sideways (their content is wider than the screen). */
  scrollingTables: number;
}

/** How wide the page is laid out, against the window, as it is now. */
export function layoutOf(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as InPageLayout;
    const tables = Array.from(document.querySelectorAll('.ontario-table-container'));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth,
      scrollingTables: tables.filter((table) => table.scrollWidth > table.clientWidth).length,
    };
  });
}

/**
 * Narrows the window to 320 CSS pixels, fails if the page or one of its tables scrolls sideways
 * there, and gives the window its width back. `context` names the page for the message.
 */
export async function expectReflows(page: Page, context?: string): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('expectReflows needs a page with a fixed viewport (the default)');
  await page.setViewportSize({ width: REFLOW_WIDTH, height: viewport.height });
  try {
    const layout = await layoutOf(page);
    if (layout.scrollWidth > layout.innerWidth || layout.scrollingTables > 0) {
      throw new Error(
        `${page.url()}${context ? ` (${context})` : ''} scrolls sideways at ${REFLOW_WIDTH} CSS px: the page is ${layout.scrollWidth} px wide in a ${layout.innerWidth} px window, ${layout.scrollingTables} table(s) scroll inside their container`,
      );
    }
  } finally {
    await page.setViewportSize(viewport);
  }
}

/**
 * Presses Tab until the target has the keyboard focus, as a keyboard-only user would, so a test
 * can then press Enter or type. The target is a Locator (`page.getByRole('button', { name:
 * 'Submit' })`) or a Playwright selector string (CSS, or `role=button[name="Submit"]`). Fails
 * with the elements focused on the way.
 */
export async function tabTo(page: Page, target: string | Locator, maxTabs = 60): Promise<void> {
  const locator = typeof target === 'string' ? page.locator(target) : target;
  const visited: string[] = [];
  for (let tab = 0; tab < maxTabs; tab += 1) {
    await page.keyboard.press('Tab');
    const focused = await locator.evaluateAll((elements) => {
      const { document } = globalThis as unknown as InPageGlobals;
      return elements.some((element) => element === document.activeElement);
    });
    if (focused) return;
    visited.push(await describeFocused(page));
  }
  throw new Error(`${String(target)} was not reached in ${maxTabs} presses of Tab on ${page.url()}. Focus went to:\n${visited.map((entry, index) => `  ${index + 1}. ${entry}`).join('\n')}`);
}

/**
 * Opens the focused file input with the Space key, as a keyboard user does, and gives it the file.
 * Chromium now and then drops the picker a key press asked for when the machine is loaded; the
 * press is repeated (focus must still be on the input), never replaced by a click.
 */
export async function chooseFileByKeyboard(page: Page, input: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const stillFocused = await input.evaluate((element) => element === (globalThis as unknown as InPageGlobals).document.activeElement);
    if (!stillFocused) throw new Error(`the file input lost focus before Space was pressed (attempt ${attempt}): ${await describeFocused(page)}`);
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 }).catch(() => undefined);
    await page.keyboard.press('Space');
    const opened = await chooser;
    if (opened) {
      await opened.setFiles(file);
      return;
    }
  }
  throw new Error(`Space on the focused file input opened no file chooser in ${attempts} presses on ${page.url()}`);
}

function describeFocused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPageGlobals;
    const element = document.activeElement;
    if (!element || element === document.body) return '(the page itself)';
    const id = element.id ? `#${element.id}` : '';
    const name = element.getAttribute('name');
    const label =
      element.getAttribute('aria-label') ??
      (element.labels && element.labels.length > 0
        ? Array.from(element.labels).map((labelElement) => labelElement.textContent ?? '').join(' ')
        : element.textContent ?? '');
    const text = label.replace(/\s+/g, ' ').trim().slice(0, 60);
    return `<${element.tagName.toLowerCase()}${id}${name ? ` name="${name}"` : ''}>${text ? ` "${text}"` : ''}`;
  });
}

const DATE_LABELS: Record<PageLocale, Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>> = {
  en: { day: 'Day', month: 'Month', year: 'Year', hour: 'Hour', minute: 'Minute' },
  fr: { day: 'Jour', month: 'Mois', year: 'Année', hour: 'Heure', minute: 'Minute' },
};

/**
 * Types a date (`2027-03-31`), and a time (`17:00`) if given, into a date field as a person does:
 * the day, month and year (hour, minute) inputs labelled in the page's language, inside the group
 * whose legend is `legend`.
 */
export async function fillDate(page: Page, legend: string, date: string, time?: string): Promise<void> {
  const lang = await page.locator('html').getAttribute('lang');
  const labels = DATE_LABELS[lang?.startsWith('fr') ? 'fr' : 'en'];
  const group = page.getByRole('group', { name: legend });
  const [year, month, day] = date.split('-') as [string, string, string];
  const [hour, minute] = (time ?? '').split(':');
  const typed: Array<[keyof typeof labels, string | undefined]> = [['day', day], ['month', month], ['year', year], ['hour', hour], ['minute', minute]];
  for (const [part, value] of typed) {
    if (value === undefined || (time === undefined && (part === 'hour' || part === 'minute'))) continue;
    await group.getByLabel(labels[part], { exact: true }).fill(part === 'year' || part === 'minute' ? value : String(Number(value)));
  }
}

/** Writes docs/screenshots/<name>.png of the whole page when UPDATE_SCREENSHOTS=1; otherwise does nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** The text of an element with no-break spaces (French punctuation, money, dates) made plain and runs of space made one. */
export async function plainText(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

/** What every page reached is checked for: axe (WCAG 2.0/2.1 A and AA), and no sideways scrolling at 320 px. */
export async function expectAccessibleAndReflows(page: Page, what: string): Promise<void> {
  await expectAccessible(page, what);
  await expectReflows(page, what);
}

/** Tabs to a link or button and presses Enter, as a keyboard user does, and waits for the page it leads to. */
export async function pressOn(page: Page, target: Locator, path?: RegExp): Promise<void> {
  await tabTo(page, target);
  await Promise.all([path ? page.waitForURL(path) : page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
}

/** Signs in on the sign-in page with `password`, and waits to be sent on to `next`. */
export async function signInThrough(page: Page, baseUrl: string, user: { email: string }, password: string, next: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(password);
  await page.locator('form[action="/sign-in"] button[type=submit]').click();
  await page.waitForURL(`${baseUrl}${next}`);
}

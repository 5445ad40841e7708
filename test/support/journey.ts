import { Locator, Page } from 'playwright-core';
import { expectAccessible, expectReflows, PageLocale } from './browser';

/** Where a journey is walked: a screen size and the language of the pages. */
export interface Setting {
  name: string;
  locale: PageLocale;
  viewport: { width: number; height: number };
}

export const DESKTOP_IN_ENGLISH: Setting = { name: 'desktop, English', locale: 'en', viewport: { width: 1280, height: 800 } };
export const PHONE_IN_FRENCH: Setting = { name: 'phone, French', locale: 'fr', viewport: { width: 390, height: 844 } };

/**
 * One person's way through the pages. Every page they reach is checked as it is shown (axe,
 * WCAG 2.0 and 2.1 A/AA; no sideways scrolling at 320 CSS px) and recorded, so that a failure
 * names the page and the way there. Pages are reached as a person reaches them: by following a
 * link or pressing a button; `open` is for the first page and for a link that came by email.
 */
export class Journey {
  private readonly visited: string[] = [];
  /** The status of the last page the tab loaded (after redirects). */
  private status: number | null = null;

  constructor(
    readonly page: Page,
    private readonly who: string,
  ) {
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) this.status = response.status();
    });
  }

  /** Goes to an address typed or pasted, then checks the page. */
  async open(path: string, what: string): Promise<void> {
    await this.page.goto(path);
    await this.reached(what);
  }

  /** Follows a link or presses a button, waits for the page it leads to (maybe this one again, after a form), then checks it. */
  async follow(target: Locator, what: string): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame() });
    await target.click();
    await navigated;
    await this.page.waitForLoadState('load');
    await this.reached(what);
  }

  /** Picks a radio button or ticks a checkbox by its label, as a person clicks it (the Ontario design system draws the label over the input). */
  async choose(name: string, value: string): Promise<void> {
    const input = this.page.locator(`input[name="${name}"][value="${value}"]`);
    await this.page.locator(`label[for="${await input.getAttribute('id')}"]`).click();
    if (!(await input.isChecked())) throw new Error(`${name} = ${value} was not chosen by clicking its label`);
  }

  /** Follows a link to a file, as a download; returns the status it was served with. */
  async download(link: Locator): Promise<number> {
    const path = new URL((await link.getAttribute('href')) ?? '', this.page.url()).pathname;
    const [response, download] = await Promise.all([
      this.page.waitForResponse((candidate) => new URL(candidate.url()).pathname === path),
      this.page.waitForEvent('download'),
      link.click(),
    ]);
    const failure = await download.failure();
    if (failure) throw new Error(`the download of ${path} failed: ${failure}`);
    return response.status();
  }

  /** Runs the steps; a failure is reported with the page it happened on and the pages before it. */
  async walk(steps: (journey: this) => Promise<void>): Promise<void> {
    try {
      await steps(this);
    } catch (error) {
      if (error instanceof Error) {
        // Jest prints the stack, which starts with the message as it was thrown (read before the message changes: V8 writes it out lazily).
        const { message, stack } = error;
        error.message = `${this.who} stopped on ${this.page.url()}, after:\n${this.visited.map((step, index) => `  ${index + 1}. ${step}`).join('\n')}\n${message}`;
        error.stack = stack?.replace(message, error.message);
      }
      throw error;
    }
  }

  private async reached(what: string): Promise<void> {
    const url = new URL(this.page.url());
    const where = `${what} (${url.pathname}${url.search})`;
    this.visited.push(where);
    if (this.status !== null && this.status >= 400) throw new Error(`${where} answered ${this.status}`);
    await expectAccessible(this.page, where);
    await expectReflows(this.page, where);
  }
}

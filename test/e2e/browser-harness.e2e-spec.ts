import { existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';

// The harness itself, on two static documents served here, so it is proven before any page of
// the application exists: axe finds what it should, and a task can be done with the keyboard alone.

const ACCESSIBLE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Subscribe to the newsletter</title></head>
<body>
<main>
  <h1>Subscribe to the newsletter</h1>
  <form method="post" action="/subscribe">
    <label for="email">Email address</label>
    <input id="email" name="email" type="email" autocomplete="email">
    <button type="submit">Subscribe</button>
  </form>
</main>
</body>
</html>`;

const INACCESSIBLE = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <form method="post" action="/subscribe"><input name="email" type="text"><button type="submit">Go</button></form>
</body>
</html>`;

const THANKS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thanks</title></head>
<body><main><h1>Thanks</h1></main></body></html>`;

interface Recorded {
  posts: URLSearchParams[];
  acceptLanguage: string[];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function startSite(recorded: Recorded): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    recorded.acceptLanguage.push(request.headers['accept-language'] ?? '');
    // The application's strict policy: axe must still run under it.
    const headers = { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'self'; script-src 'self'; img-src 'self' data:" };
    if (request.method === 'POST' && request.url === '/subscribe') {
      void readBody(request).then((body) => {
        recorded.posts.push(new URLSearchParams(body));
        response.writeHead(303, { location: '/thanks' }).end();
      });
      return;
    }
    const pages: Record<string, string> = { '/': ACCESSIBLE, '/inaccessible': INACCESSIBLE, '/thanks': THANKS };
    const html = pages[request.url ?? ''];
    if (html === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, headers).end(html);
  });
  return new Promise((resolveSite) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveSite({ server, baseUrl: `http://127.0.0.1:${port}` });
    });
  });
}

describe('browser test harness (Chromium, axe-core, keyboard)', () => {
  const recorded: Recorded = { posts: [], acceptLanguage: [] };
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    ({ server, baseUrl } = await startSite(recorded));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
  });

  beforeEach(async () => {
    recorded.posts.length = 0;
    recorded.acceptLanguage.length = 0;
    page = await newPage(browser, baseUrl);
  });

  afterEach(async () => {
    await page.close();
  });

  it('passes an accessible page served with a strict Content-Security-Policy', async () => {
    await page.goto('/');
    await expectAccessible(page, 'empty form');
  });

  it('fails an inaccessible page, naming each violation, where it is and the page', async () => {
    await page.goto('/inaccessible');
    const failure = await expectAccessible(page, 'as served').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    for (const rule of ['image-alt', 'label', 'html-has-lang']) expect(message).toContain(`- ${rule} [`);
    expect(message).toContain(`${baseUrl}/inaccessible (as served)`);
    expect(message).toContain('<img src="data:image/gif');
    expect(message).toContain('at input');
  });

  it('does a task with the keyboard alone: Tab to the field, type, Tab to the button, Enter submits', async () => {
    await page.goto('/');
    await tabTo(page, '#email');
    await page.keyboard.type('ada@example.ca');
    await tabTo(page, page.getByRole('button', { name: 'Subscribe' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/thanks');

    expect(recorded.posts.map((post) => post.get('email'))).toEqual(['ada@example.ca']);
  });

  it('finds a target by its accessible name in a selector string', async () => {
    await page.goto('/');
    await tabTo(page, 'role=button[name="Subscribe"]');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Subscribe');
  });

  it('fails to tab to what the keyboard cannot reach, listing where the focus went', async () => {
    await page.goto('/');
    await expect(tabTo(page, 'h1', 4)).rejects.toThrow(/h1 was not reached in 4 presses of Tab[\s\S]*1\. <input#email name="email"> "Email address"\n\s+2\. <button> "Subscribe"/);
  });

  it('opens French pages, and pages without JavaScript where the keyboard still works', async () => {
    const french = await newPage(browser, baseUrl, { locale: 'fr', javaScript: false });
    try {
      await french.goto('/');
      expect(recorded.acceptLanguage[0]).toMatch(/^fr-CA/);
      await expect(french.evaluate('navigator.language')).resolves.toBe('fr-CA');
      await tabTo(french, 'button');
      await french.keyboard.press('Enter');
      await french.waitForURL('**/thanks');
      expect(recorded.posts).toHaveLength(1);
      await expect(expectAccessible(french)).rejects.toThrow('expectAccessible needs a page opened with JavaScript');
    } finally {
      await french.close();
    }
  });

  it('writes no screenshot unless UPDATE_SCREENSHOTS=1', async () => {
    const previous = process.env.UPDATE_SCREENSHOTS;
    delete process.env.UPDATE_SCREENSHOTS;
    try {
      await page.goto('/');
      await screenshot(page, 'browser-harness-self-test');
      expect(existsSync(resolve(__dirname, '../../docs/screenshots/browser-harness-self-test.png'))).toBe(false);
    } finally {
      if (previous !== undefined) process.env.UPDATE_SCREENSHOTS = previous;
    }
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { redisOptions } from '@grants/core';
import { CapturedEmail, Mailbox, passesWithin, uniqueEmail } from '@grants/testing';
import { argon2id, hash } from 'argon2';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { ApiProcess, AppProcess, startApiProcess, startWorkerProcess } from '../../scripts/services/app-processes';
import { freePort } from '../../scripts/services/ports';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const AUTH_LIMIT = 6;
const ROUTE_LIMIT = 30;
const APPLICANTS = 20;
const APPROVED = 4;
const PASSWORD = 'correct horse battery staple';
const DAY = 24 * 3600_000;
const RECURRING = ['deadline-reminders', 'report-reminders', 'review-reminders'];
const ANSWERS = { need: 'Transitional housing', people_served: 40 };
const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 8_500_000 }];

const mailbox = new Mailbox();

interface Answer {
  status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  body: any;
  headers: Headers;
}

interface Account {
  id: string;
  email: string;
  token: string;
}

interface Send {
  method?: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  /** The client address (X-Forwarded-For behind the trusted proxy); a fresh one when not given. */
  address?: string;
  /** Which API process; the next one in turn when not given. */
  api?: ApiProcess;
}

/**
 * Two API processes and two workers, built as in production, on one PostgreSQL database and one
 * Redis namespace; every request goes to the API processes in turn.
 */
describe('several API and worker processes on one PostgreSQL and Redis', () => {
  let env: Record<string, string | undefined>;
  let dataDir: string;
  const apis: ApiProcess[] = [];
  const workers: AppProcess[] = [];
  let db: Pool;
  let scheduled: Queue | undefined;
  let passwordHash: string;
  let officer: Account;
  let reminded: Account;
  /** The submitted applications, which the release test decides and releases. */
  let submissions: { callId: string; applicants: Array<{ owner: Account; id: string }> } | undefined;
  let turn = 0;
  let addresses = 0;

  /** Each request from its own documentation address unless a test names one, so only the limits' tests meet the limits. */
  const freshAddress = (): string => `198.18.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;

  async function send(route: string, options: Send = {}): Promise<Answer> {
    const api = options.api ?? apis[turn++ % apis.length]!;
    const headers: Record<string, string> = { 'x-forwarded-for': options.address ?? freshAddress() };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${api.url}/api/v1${route}`, {
      method: options.method ?? (options.json !== undefined || options.form ? 'POST' : 'GET'),
      headers,
      body: options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  }

  async function expectStatus(status: number, route: string, options: Send = {}): Promise<Answer> {
    const answer = await send(route, options);
    if (answer.status !== status) throw new Error(`${options.method ?? ''} ${route}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }

  /** A verified account inserted directly (as test/support/accounts.ts does), signed in through the API. */
  async function account(roles: string[] = [], options: { api?: ApiProcess } = {}): Promise<Account> {
    const email = uniqueEmail(roles[0] ?? 'applicant');
    const id = randomUUID();
    await db.query(`INSERT INTO user_account (id, email, name, locale, password_hash, roles, panels, email_verified_at) VALUES ($1, $2, $3, 'en', $4, $5, '{}', now())`, [
      id,
      email,
      `Test ${roles[0] ?? 'applicant'}`,
      passwordHash,
      ['applicant', ...roles],
    ]);
    const login = await expectStatus(200, '/auth/login', { json: { email, password: PASSWORD }, api: options.api });
    return { id, email, token: login.body.accessToken as string };
  }

  async function draft(owner: Account, callId: string, legalName: string): Promise<string> {
    const organization = await expectStatus(201, '/organizations', { token: owner.token, json: organizationFor(owner, { legalName }) });
    const created = await expectStatus(201, `/calls/${callId}/applications`, { token: owner.token, json: { organizationId: organization.body.id } });
    return created.body.id as string;
  }

  async function publishedCall(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await expectStatus(201, '/calls', { token: officer.token, json: callBody(overrides) });
    await expectStatus(200, `/calls/${created.body.id}/publish`, { token: officer.token, method: 'POST' });
    return created.body.id as string;
  }

  const withSubject = (messages: CapturedEmail[], prefix: string): CapturedEmail[] => messages.filter((message) => message.subject.startsWith(prefix));
  const settle = (ms = 1500): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'grants-multi-process-'));
    await chmod(dataDir, 0o755);
    env = {
      ...process.env,
      ...(await isolatedEnvironment('multi_process')),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      CSRF_SECRET: randomBytes(32).toString('hex'),
      TRUST_PROXY: '1',
      RATE_LIMIT_PER_MINUTE: String(ROUTE_LIMIT),
      AUTH_RATE_LIMIT_PER_MINUTE: String(AUTH_LIMIT),
    };
    db = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
    const ports = await Promise.all([freePort(), freePort()]);
    passwordHash = await hash(PASSWORD, { type: argon2id });
    // Kept as each starts, so that afterAll stops what did start when another did not.
    await Promise.all(ports.map(async (port) => apis.push(await startApiProcess(env, { port }))));

    // A draft of a call closing in three days, there before any worker starts: the workers' first
    // run of the hourly deadline reminders owes its owner one reminder.
    officer = await account(['officer']);
    reminded = await account();
    await draft(reminded, await publishedCall({ closesAt: new Date(Date.now() + 3 * DAY).toISOString() }), 'Refuge du Nord');

    await Promise.all([1, 2].map(async () => workers.push(await startWorkerProcess(env))));
    scheduled = new Queue('scheduled', { connection: redisOptions(env.REDIS_URL!, 'producer'), prefix: env.QUEUE_PREFIX });
  }, 90_000);

  afterAll(async () => {
    // What the processes logged at error level, to explain a failure.
    for (const child of [...apis, ...workers]) {
      if (/"level":(50|60)/.test(child.output())) process.stderr.write(`\nprocess ${child.url ?? 'worker'} (pid ${child.pid}) logged errors:\n${child.output().slice(-4000)}\n`);
    }
    await Promise.all([...apis, ...workers].map((child) => child.stop()));
    await scheduled?.close();
    await db?.end();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a session made on one API process on the other, and ends it on both at sign-out', async () => {
    const [first, second] = apis as [ApiProcess, ApiProcess];
    const user = await account([], { api: first });
    expect((await expectStatus(200, '/me', { token: user.token, api: second })).body).toMatchObject({ id: user.id, email: user.email });
    expect((await expectStatus(200, '/me', { token: user.token, api: first })).body.id).toBe(user.id);
    await expectStatus(204, '/auth/logout', { token: user.token, api: second, method: 'POST' });
    await expectStatus(401, '/me', { token: user.token, api: first });
    await expectStatus(401, '/me', { token: user.token, api: second });

    // A web session: the sign-in form from one process, sent to the other (one CSRF secret), then
    // the session cookie on the first; sign-out on the first ends it on the second.
    const jar = new Map<string, string>();
    const page = async (api: ApiProcess, route: string, fields?: Record<string, string>): Promise<Response> => {
      const response = await fetch(`${api.url}${route}`, {
        method: fields ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          'x-forwarded-for': '198.19.0.1',
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: fields ? new URLSearchParams(fields).toString() : undefined,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    };
    const csrf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const webUser = await account();
    const form = await page(first, '/sign-in');
    expect(form.status).toBe(200);
    const signedIn = await page(second, '/sign-in', { email: webUser.email, password: PASSWORD, next: '/applications', _csrf: csrf(await form.text()) });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/applications');
    const applications = await page(first, '/applications');
    expect(applications.status).toBe(200);
    const session = jar.get('grants_session');
    expect(session).toBeTruthy();
    const signedOut = await page(first, '/sign-out', { _csrf: csrf(await applications.text()) });
    expect(signedOut.headers.get('location')).toMatch(/^\/sign-in/);
    // The browser that kept the old cookie: the other process refuses it too.
    jar.set('grants_session', session!);
    const stale = await page(second, '/applications');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toMatch(/^\/sign-in/);
  });

  it('counts rate limits across both API processes: the limit is reached at its total, not at twice it', async () => {
    const signIns = '198.19.1.1';
    for (let attempt = 0; attempt < AUTH_LIMIT; attempt++) {
      await expectStatus(401, '/auth/login', { address: signIns, json: { email: uniqueEmail('sprayed'), password: 'a guess' } });
    }
    for (const api of apis) {
      const refused = await expectStatus(429, '/auth/login', { api, address: signIns, json: { email: uniqueEmail('sprayed'), password: 'a guess' } });
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    }

    const reader = '198.19.1.2';
    const callId = (await expectStatus(200, '/calls?status=open')).body.items[0].id as string;
    for (let read = 0; read < ROUTE_LIMIT; read++) await expectStatus(200, `/calls/${callId}`, { address: reader });
    for (const api of apis) await expectStatus(429, `/calls/${callId}`, { api, address: reader });
    // Another address is not held back.
    await expectStatus(200, `/calls/${callId}`, { address: '198.19.1.3' });
  });

  it('submits on both API processes at once, and sends each applicant one confirmation', async () => {
    const callId = await publishedCall({ budgetEnvelopeCents: 50_000_000 });
    const applicants = await Promise.all(
      Array.from({ length: APPLICANTS }, async (_, index) => {
        const owner = await account();
        const id = await draft(owner, callId, `Community Services ${index + 1}`);
        await expectStatus(200, `/applications/${id}`, { token: owner.token, method: 'PATCH', json: { version: 1, title: `Safe homes ${index + 1}`, summary: 'Housing and outreach.', answers: ANSWERS, budget: BUDGET } });
        const upload = new FormData();
        upload.append('key', 'financial_statements');
        upload.append('file', new Blob([PDF], { type: 'application/pdf' }), 'statements.pdf');
        await expectStatus(201, `/applications/${id}/attachments`, { token: owner.token, form: upload });
        // The same submission sent to both processes at the same moment (a double click through a load balancer).
        const submitted = await Promise.all(apis.map((api) => send(`/applications/${id}/submit`, { api, token: owner.token, method: 'POST' })));
        expect(submitted.map((answer) => answer.status)).toEqual([200, 200]);
        expect(new Set(submitted.map((answer) => answer.body.referenceNumber)).size).toBe(1);
        return { owner, id };
      }),
    );

    await passesWithin(30_000, async () => {
      for (const { owner } of applicants) expect(withSubject(await mailbox.messagesTo(owner.email), 'Application received')).toHaveLength(1);
    });
    await settle();
    for (const { owner } of applicants) expect(withSubject(await mailbox.messagesTo(owner.email), 'Application received')).toHaveLength(1);
    submissions = { callId, applicants };
  });

  it('releases twenty decisions from both API processes at once: each letter is emailed once and the release completes', async () => {
    if (!submissions) throw new Error('the submissions test did not finish');
    const { callId, applicants } = submissions;
    for (const [index, { id }] of applicants.entries()) {
      await expectStatus(200, `/applications/${id}/screening`, { token: officer.token, json: { outcome: 'eligible', reason: 'Complete and eligible' } });
      const decision = index < APPROVED ? { outcome: 'approved', approvedCents: 8_500_000 } : { outcome: 'declined', feedback: 'Apply again to the next call.' };
      await expectStatus(200, `/applications/${id}/decision`, { token: officer.token, json: { rationale: 'Panel ranking', overrideReason: 'Regional balance', ...decision } });
    }

    const released = await Promise.all(apis.map((api) => send(`/calls/${callId}/release-decisions`, { api, token: officer.token, method: 'POST' })));
    expect(released.map((answer) => answer.status)).toEqual([202, 202]);
    // However the two requests interleave, the decisions are released once between them.
    expect(released.map((answer) => answer.body.total as number).reduce((sum, total) => sum + total, 0)).toBe(APPLICANTS);
    const releaseId = released.find((answer) => answer.body.total === APPLICANTS)!.body.id as string;

    const done = await passesWithin(60_000, async () => {
      const progress = await expectStatus(200, `/calls/${callId}/releases/${releaseId}`, { token: officer.token });
      expect(progress.body).toMatchObject({ total: APPLICANTS, lettersGenerated: APPLICANTS, emailsSent: APPLICANTS, failed: 0 });
      return progress.body as { status: string };
    });
    expect(done.status).toBe('completed');

    const letters = async (): Promise<number[]> =>
      Promise.all(applicants.map(async ({ owner }) => (await mailbox.messagesTo(owner.email)).filter((message) => message.attachments.some((file) => file.contentType === 'application/pdf')).length));
    await passesWithin(15_000, async () => expect(await letters()).toEqual(Array(APPLICANTS).fill(1)));
    await settle();
    expect(await letters()).toEqual(Array(APPLICANTS).fill(1));
    const approved = await Promise.all(applicants.map(async ({ owner }) => withSubject(await mailbox.messagesTo(owner.email), 'Funding approved').length));
    expect(approved).toEqual([...Array(APPROVED).fill(1), ...Array(APPLICANTS - APPROVED).fill(0)]);
  });

  /** Each recurring job's runs in the queue, by state, as BullMQ keeps them (removeOnComplete 100). */
  async function runsByState(name: string): Promise<Record<string, number>> {
    const jobs = await scheduled!.getJobs(['active', 'waiting', 'completed', 'failed', 'delayed', 'prioritized']);
    const byState: Record<string, number> = {};
    for (const job of jobs.filter((entry) => entry.name === name)) {
      const state = await job.getState();
      byState[state] = (byState[state] ?? 0) + 1;
    }
    return byState;
  }

  it('schedules each recurring job once across both workers, and each run is taken by one worker, once', async () => {
    const schedulers = await scheduled!.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(RECURRING);
    expect(schedulers.map((scheduler) => scheduler.every)).toEqual(RECURRING.map(() => 3600_000));
    // Both workers upserted the schedules at start: each ran once then, and runs next an hour on, once.
    for (const name of RECURRING) {
      const runs = await passesWithin(10_000, async () => {
        const seen = await runsByState(name);
        expect(seen.completed ?? 0).toBe(1);
        return seen;
      });
      expect(runs.delayed).toBe(1);
      expect(runs.active ?? 0).toBe(0);
      expect(runs.waiting ?? 0).toBe(0);
    }
  });

  it('sends a deadline reminder that is due once, whichever worker runs the schedule', async () => {
    await passesWithin(10_000, async () => expect(withSubject(await mailbox.messagesTo(reminded.email), 'One week left')).toHaveLength(1));
    expect(await runsByState('deadline-reminders')).toMatchObject({ completed: 1, delayed: 1 });
    await settle();
    expect(withSubject(await mailbox.messagesTo(reminded.email), 'One week left')).toHaveLength(1);
  });
});

import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { passesWithin } from '@grants/testing';
import { ApiProcess, startApiProcess } from '../../scripts/services/app-processes';
import { freePort } from '../../scripts/services/ports';
import { isolatedEnvironment } from '../support/databases';

const METRICS_TOKEN = randomBytes(16).toString('hex');

/** The processes the primary started (Linux's list of a process's children). */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return tasks.split(' ').filter(Boolean).map(Number);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A GET, or a form POSTed, on a connection of its own (no keep-alive): its text and the cookies it sets. */
function onNewConnection(url: string, form?: { cookie: string; body: string }): Promise<{ text: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const headers = form ? { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form.body) } : {};
    const sent = request(url, { method: form ? 'POST' : 'GET', agent: false, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ text, cookies: response.headers['set-cookie'] ?? [] }));
    });
    sent.on('error', reject);
    sent.end(form?.body);
  });
}

/** The API as two processes on one port (API_PROCESSES=2), built as in production. */
describe('the API as several processes on one port', () => {
  let api: ApiProcess;
  let dataDir: string;

  const requestsCounted = async (route: string): Promise<number> => {
    const response = await fetch(`${api.url}/api/v1/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const lines = text.split('\n').filter((line) => line.startsWith('grants_http_requests_total{') && line.includes(`route="${route}"`));
    return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'grants-api-cluster-'));
    await chmod(dataDir, 0o755);
    const env = {
      ...process.env,
      ...(await isolatedEnvironment('api_cluster')),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      // No CSRF_SECRET, as `npm start` runs it: the processes must still share the one made up at start.
      CSRF_SECRET: undefined,
      METRICS_TOKEN,
      API_PROCESSES: '2',
    };
    api = await startApiProcess(env, { port: await freePort() });
    await passesWithin(30_000, async () => expect(await childrenOf(api.pid)).toHaveLength(2));
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('counts every request in the metrics whichever process answered it or the scrape', async () => {
    for (let i = 0; i < 30; i += 1) expect((await fetch(`${api.url}/api/v1/funds`)).status).toBe(200);
    // Each process counts its own; a scrape landing on either adds up both.
    for (let scrape = 0; scrape < 4; scrape += 1) expect(await requestsCounted('/api/v1/funds')).toBe(30);
  });

  it('replaces a process that dies, and keeps answering meanwhile', async () => {
    const [victim] = await childrenOf(api.pid);
    process.kill(victim!, 'SIGKILL');
    const statuses = new Set<number>();
    await passesWithin(30_000, async () => {
      statuses.add((await fetch(`${api.url}/api/v1/funds`)).status);
      const children = await childrenOf(api.pid);
      expect(children).toHaveLength(2);
      expect(children).not.toContain(victim);
    });
    expect([...statuses]).toEqual([200]);
    expect(alive(api.pid)).toBe(true);
  }, 40_000);

  it('accepts a form read from one process in every other, the one started in place of the dead one too', async () => {
    const form = await onNewConnection(`${api.url}/sign-in`);
    const cookie = form.cookies.map((line) => line.split(';')[0]).join('; ');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    expect(token).toBeTruthy();
    // A new connection each time: the primary hands connections to its processes in turn.
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const answer = await onNewConnection(`${api.url}/sign-in`, { cookie, body: new URLSearchParams({ _csrf: token!, email: 'nobody@example.org', password: 'not the password' }).toString() });
      expect({ attempt, expired: answer.text.includes('This form expired') }).toEqual({ attempt, expired: false });
    }
  });

  it('stops every process on SIGTERM to the primary', async () => {
    const children = await childrenOf(api.pid);
    expect(children).toHaveLength(2);
    await api.stop();
    expect(alive(api.pid)).toBe(false);
    for (const child of children) expect(alive(child)).toBe(false);
    await expect(fetch(`${api.url}/api/v1/funds`)).rejects.toThrow();
  }, 30_000);
});

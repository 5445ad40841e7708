import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_DECIDED_CALL_ID } from '@grants/awards';
import { passesWithin } from '@grants/testing';
import { freePort, waitForPort } from '../../scripts/services/ports';
import { pdfText } from '../support/pdf';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');

interface Outcome {
  code: number | null;
  stderr: string;
}

function runToExit(script: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, script)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('the built processes', () => {
  const base = { PATH: process.env.PATH ?? '', NODE_ENV: 'production' };

  it.each(['apps/api/src/main.js', 'apps/worker/src/main.js'])('%s stops at once on bad configuration, naming each variable', async (script) => {
    const outcome = await runToExit(script, { ...base, DATABASE_URL: 'mysql://db/grants', SMTP_URL: 'smtp://mail.example.org:587' });
    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain('Invalid configuration');
    expect(outcome.stderr).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(outcome.stderr).toContain('REDIS_URL is required');
    expect(outcome.stderr).not.toContain('SMTP_URL');
  });
});

describe('npm start (the embedded default)', () => {
  it('starts PostgreSQL, Redis, MailDev, the API and the worker, and stops them all on Ctrl-C', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'grants-start-'));
    await chmod(dataDir, 0o755);
    const ports = { api: await freePort(), postgres: await freePort(), redis: await freePort(), smtp: await freePort(), mailWeb: await freePort() };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: path.join(dataDir, 'data'),
      PORT: String(ports.api),
      POSTGRES_PORT: String(ports.postgres),
      REDIS_PORT: String(ports.redis),
      MAILDEV_SMTP_PORT: String(ports.smtp),
      MAILDEV_WEB_PORT: String(ports.mailWeb),
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, [path.join(DIST, 'scripts/start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!output.includes('Everything is running') && child.exitCode === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(output).toContain('Everything is running');

      const health = await fetch(`http://127.0.0.1:${ports.api}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', db: 'up', queue: 'up', worker: 'up', mail: 'up', storage: 'up', down: [] });
      expect((await fetch(`http://127.0.0.1:${ports.api}/api/docs`)).status).toBe(200);
      const calls = (await (await fetch(`http://127.0.0.1:${ports.api}/api/v1/calls?status=open`)).json()) as { items: Array<{ fundCode: string; id: string }> };
      expect(calls.items.map((call) => call.fundCode).sort()).toEqual(['CBSF', 'ILIF']);
      // The demo calls are created in one transaction, at the same instant: paging must still show both.
      const first = (await (await fetch(`http://127.0.0.1:${ports.api}/api/v1/calls?status=open&limit=1`)).json()) as { items: Array<{ fundCode: string }>; nextCursor: string };
      const second = (await (await fetch(`http://127.0.0.1:${ports.api}/api/v1/calls?status=open&limit=1&cursor=${first.nextCursor}`)).json()) as { items: Array<{ fundCode: string }> };
      expect([...first.items, ...second.items].map((call) => call.fundCode).sort()).toEqual(['CBSF', 'ILIF']);
      // Demo reviews give the officer a real ranking.
      const login = (await (
        await fetch(`http://127.0.0.1:${ports.api}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'officer@example.org', password: 'Password123!' }),
        })
      ).json()) as { accessToken: string };
      const cbsf = calls.items.find((call) => call.fundCode === 'CBSF') as { fundCode: string; id?: string };
      const ranking = (await (await fetch(`http://127.0.0.1:${ports.api}/api/v1/calls/${cbsf.id}/ranking`, { headers: { authorization: `Bearer ${login.accessToken}` } })).json()) as {
        items: Array<{ reviewsSubmitted: number }>;
      };
      expect(ranking.items.map((item) => item.reviewsSubmitted)).toEqual([2, 2, 2]);
      expect((await fetch(`http://127.0.0.1:${ports.mailWeb}/email`)).status).toBe(200);
      expect(output).toContain(`http://localhost:${ports.mailWeb}`);

      // The demo's decided call: the officer releases it, the letters reach MailDev, and the demo
      // applicant downloads the French award letter and accepts the award.
      const base = `http://127.0.0.1:${ports.api}/api/v1`;
      const officer = { authorization: `Bearer ${login.accessToken}` };
      const release = await fetch(`${base}/calls/${DEMO_DECIDED_CALL_ID}/release-decisions`, { method: 'POST', headers: officer });
      expect(release.status).toBe(202);
      const { id: releaseId, total } = (await release.json()) as { id: string; total: number };
      expect(total).toBe(3);
      await passesWithin(60_000, async () => {
        const progress = (await (await fetch(`${base}/calls/${DEMO_DECIDED_CALL_ID}/releases/${releaseId}`, { headers: officer })).json()) as { emailsSent: number };
        expect(progress.emailsSent).toBe(3);
      });
      const mail = (await (await fetch(`http://127.0.0.1:${ports.mailWeb}/email`)).json()) as Array<{ to: Array<{ address: string }>; subject: string; attachments?: Array<{ contentType: string }> }>;
      const letter = mail.find((email) => email.to.some((to) => to.address === 'applicant@example.org') && (email.attachments ?? []).length > 0);
      expect(letter?.subject).toMatch(/^Financement approuvé/);
      const applicant = {
        authorization: `Bearer ${((await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'applicant@example.org', password: 'Password123!' }) })).json()) as { accessToken: string }).accessToken}`,
      };
      const mine = (await (await fetch(`${base}/applications?callId=${DEMO_DECIDED_CALL_ID}`, { headers: applicant })).json()) as { items: Array<{ id: string }> };
      const pdf = await fetch(`${base}/applications/${mine.items[0]!.id}/letter`, { headers: applicant });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Services communautaires Nouvelle Voie');
      const { awardId } = (await (await fetch(`${base}/applications/${mine.items[0]!.id}`, { headers: applicant })).json()) as { awardId: string };
      const accepted = await fetch(`${base}/awards/${awardId}/accept`, { method: 'POST', headers: applicant });
      expect(accepted.status).toBe(200);
      expect(((await accepted.json()) as { status: string }).status).toBe('accepted');

      // The demo's awarded call: the applicant's agreement waits for their signature, in French;
      // they sign it and approver@example.org counter-signs. Maison Horizon's is executed already.
      const approver = {
        authorization: `Bearer ${((await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'approver@example.org', password: 'Password123!' }) })).json()) as { accessToken: string }).accessToken}`,
      };
      const awarded = (await (await fetch(`${base}/awards`, { headers: officer })).json()) as { items: Array<{ id: string; organizationName: string; status: string }> };
      const agreementOf = async (id: string, headers: Record<string, string>) => (await (await fetch(`${base}/awards/${id}/agreement`, { headers })).json()) as { version: number; status: string; can: { sign: boolean; countersign: boolean } };
      const horizon = awarded.items.find((award) => award.organizationName === 'Maison Horizon Toronto' && award.status === 'accepted')!;
      expect((await agreementOf(horizon.id, officer)).status).toBe('executed');
      const ours = awarded.items.find((award) => award.organizationName === 'Services communautaires Nouvelle Voie' && award.status === 'accepted' && award.id !== awardId)!;
      expect(await agreementOf(ours.id, applicant)).toMatchObject({ version: 1, status: 'awaiting_recipient', can: { sign: true } });
      const json = { 'content-type': 'application/json' };
      const signed = await fetch(`${base}/awards/${ours.id}/agreement/sign`, { method: 'POST', headers: { ...applicant, ...json }, body: JSON.stringify({ version: 1, name: 'Amélie Côté', title: 'Directrice générale', attest: true }) });
      expect(signed.status).toBe(200);
      const countersigned = await fetch(`${base}/awards/${ours.id}/agreement/countersign`, { method: 'POST', headers: { ...approver, ...json }, body: JSON.stringify({ version: 1 }) });
      expect(((await countersigned.json()) as { status: string }).status).toBe('executed');

      child.kill('SIGINT');
      expect(await exited).toBe(130); // 128 + SIGINT, as a shell reports Ctrl-C
      expect(output).toContain('[start] stopped');
      for (const port of [ports.api, ports.postgres, ports.redis, ports.smtp, ports.mailWeb]) {
        await expect(waitForPort(port, 0)).rejects.toThrow('nothing is listening');
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

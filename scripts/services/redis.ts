import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { waitForPort } from './ports';

const MINIMUM_VERSION = [6, 2];
export const REDIS_INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y redis-server';

function redisVersion(): number[] | null {
  const result = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) return null;
  const match = /v=(\d+)\.(\d+)/.exec(result.stdout);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function isRecentEnough(version: number[]): boolean {
  const [major = 0, minor = 0] = version;
  return major > MINIMUM_VERSION[0]! || (major === MINIMUM_VERSION[0] && minor >= MINIMUM_VERSION[1]!);
}

/**
 * Makes sure Debian's redis-server (BullMQ needs 6.2 or later) is installed: as root with
 * apt-get it installs it, saying so; otherwise it stops with the exact command to run.
 */
export function ensureRedisServer(say: (line: string) => void): void {
  let version = redisVersion();
  if (version && isRecentEnough(version)) return;
  const canInstall = userInfo().uid === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (!canInstall) {
    throw new Error(
      version
        ? `redis-server ${version.join('.')} is too old: BullMQ needs 6.2 or later. Install a newer one (${REDIS_INSTALL_COMMAND}).`
        : `redis-server is not installed. Install it with:\n    ${REDIS_INSTALL_COMMAND}\nthen run the command again.`,
    );
  }
  say('redis-server is not installed: installing the Debian package redis-server with apt-get (apt-get update, then apt-get install)...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  version = redisVersion();
  if (!version || !isRecentEnough(version)) throw new Error('redis-server could not be installed; install Redis 6.2 or later by hand.');
  say(`installed redis-server ${version.join('.')}`);
}

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts redis-server on loopback. With a data directory it keeps an append-only file there. */
export async function startRedis(options: { port: number; dataDir?: string }): Promise<RunningRedis> {
  const args = ['--port', String(options.port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'];
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    args.push('--dir', options.dataDir, '--appendonly', 'yes');
  } else {
    args.push('--appendonly', 'no');
  }
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([
    waitForPort(options.port, 10_000),
    exited.then(() => {
      throw new Error(`redis-server exited at start (is port ${options.port} taken?)`);
    }),
  ]);
  return {
    url: `redis://127.0.0.1:${options.port}`,
    port: options.port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

import { execFileSync, spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

export interface DebianTool {
  command: string;
  /** The Debian package that provides it. */
  debianPackage: string;
  /** What it is needed for, said when it is installed. */
  purpose: string;
}

function isInstalled(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Makes sure the commands are there: as root with apt-get the missing packages are installed,
 * saying which and why; otherwise it stops with the exact command to run.
 */
export function ensureDebianTools(tools: readonly DebianTool[], say: (line: string) => void): void {
  const missing = tools.filter((tool) => !isInstalled(tool.command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))];
  const canInstall = userInfo().uid === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (!canInstall) {
    throw new Error(`Missing ${missing.map((tool) => tool.command).join(', ')}. Install with:\n    sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  }
  say(`installing the Debian package(s) ${packages.join(', ')} with apt-get, for ${missing.map((tool) => `${tool.command} (${tool.purpose})`).join(', ')}...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** What the tests read generated files with, and the browser the page tests drive. */
export const TEST_TOOLS: readonly DebianTool[] = [
  { command: 'pdftotext', debianPackage: 'poppler-utils', purpose: 'reading the text of generated letters' },
  { command: 'pdfinfo', debianPackage: 'poppler-utils', purpose: 'checking letters are tagged PDFs' },
  { command: 'unzip', debianPackage: 'unzip', purpose: 'opening data export archives' },
  { command: 'chromium', debianPackage: 'chromium', purpose: 'browser tests of the web pages' },
];

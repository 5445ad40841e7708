import { ensureDebianTools, TEST_TOOLS } from './services/debian-tools';

/** Before `jest` in `npm test`: the command-line tools the tests use (PDF and archive readers, Chromium). */
try {
  ensureDebianTools(TEST_TOOLS, (line) => process.stdout.write(`[test] ${line}\n`));
} catch (error: unknown) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

import 'reflect-metadata';
import { loadConfigOrExit } from '@grants/core';
import { seedDemoData } from './demo-data';

/** `npm run seed`: demo accounts and organizations (never in production: their password is public). */
const config = loadConfigOrExit(process.env);
if (config.isProduction) {
  process.stderr.write('Demo data is never loaded with NODE_ENV=production.\n');
  process.exit(78); // EX_CONFIG
}
seedDemoData(config)
  .then(({ accounts, calls }) => process.stdout.write(`Demo data loaded (${accounts} new account(s), ${calls} new call(s)).\n`))
  .catch((error: unknown) => {
    process.stderr.write(`Could not load demo data: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });

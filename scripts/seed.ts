import 'reflect-metadata';
import { loadConfigOrExit } from '@grants/core';
import { seedDemoData } from './demo-data';

/** `npm run seed`: demo accounts and organizations (never in production). */
seedDemoData(loadConfigOrExit(process.env))
  .then(({ accounts, calls }) => process.stdout.write(`Demo data loaded (${accounts} new account(s), ${calls} new call(s)).\n`))
  .catch((error: unknown) => {
    process.stderr.write(`Could not load demo data: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });

import { randomBytes } from 'node:crypto';
import { MigrationList, runMigrations } from '@grants/core';
import { Client } from 'pg';

/**
 * A fresh, migrated database on the test cluster, for a test whose background work must not be
 * picked up by the workers other test files run against the shared database.
 */
export async function createIsolatedDatabase(label: string, migrations?: MigrationList): Promise<string> {
  const shared = new URL(process.env.DATABASE_URL ?? '');
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: shared.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const isolated = new URL(shared.toString());
  isolated.pathname = `/${name}`;
  await runMigrations(isolated.toString(), migrations);
  return isolated.toString();
}

/**
 * Overrides for a test file whose workers must see only its own work: a fresh database and queues
 * of its own in the shared Redis.
 */
export async function isolatedEnvironment(label: string): Promise<Record<string, string>> {
  const databaseUrl = await createIsolatedDatabase(label);
  return { DATABASE_URL: databaseUrl, QUEUE_PREFIX: new URL(databaseUrl).pathname.slice(1) };
}

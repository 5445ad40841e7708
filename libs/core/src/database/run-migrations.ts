import { DataSource } from 'typeorm';
import { migrations } from '../../../../migrations';

export type MigrationList = typeof migrations;

export function migrationDataSource(databaseUrl: string, list: MigrationList = migrations): DataSource {
  return new DataSource({ type: 'postgres', url: databaseUrl, migrations: list, migrationsTransactionMode: 'each', logging: ['error'] });
}

/** Applies every pending migration (or those of `list`, for a test of one migration); returns the names of those it ran. */
export async function runMigrations(databaseUrl: string, list: MigrationList = migrations): Promise<string[]> {
  const dataSource = await migrationDataSource(databaseUrl, list).initialize();
  try {
    const ran = await dataSource.runMigrations();
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

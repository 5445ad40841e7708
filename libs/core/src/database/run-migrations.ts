import { DataSource } from 'typeorm';
import { migrations } from '../../../../migrations';

export function migrationDataSource(databaseUrl: string): DataSource {
  return new DataSource({ type: 'postgres', url: databaseUrl, migrations, migrationsTransactionMode: 'each', logging: ['error'] });
}

/** Applies every pending migration; returns the names of those it ran. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await migrationDataSource(databaseUrl).initialize();
  try {
    const ran = await dataSource.runMigrations();
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

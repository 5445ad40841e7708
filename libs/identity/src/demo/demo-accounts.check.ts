import { AppConfig, ConfigError, PRODUCTION_REFUSAL } from '@grants/core';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { DEMO_ACCOUNT_EMAILS } from './identity-demo.seeder';

/**
 * NODE_ENV=production refuses a database that holds a demo account: anyone who read the README
 * could sign in with it, as an administrator for one. The API and the worker check at start.
 */
export async function refuseDemoAccountsInProduction(dataSource: DataSource, config: AppConfig): Promise<void> {
  if (!config.isProduction) return;
  const found = await dataSource.getRepository(UserEntity).find({ select: { email: true }, where: { email: In([...DEMO_ACCOUNT_EMAILS]) }, order: { email: 'ASC' } });
  if (found.length === 0) return;
  throw new ConfigError(
    [`the database holds demo accounts (${found.map((user) => user.email).join(', ')}), whose password is public: production needs a database that was never loaded with demo data (npm start, npm run seed)`],
    PRODUCTION_REFUSAL,
  );
}

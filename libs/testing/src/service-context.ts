import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { AwardsModule, OversightModule } from '@grants/awards';
import { CallsModule } from '@grants/calls';
import { AppConfig, Clock, CoreModule, DatabaseModule, JobsModule, loadConfig } from '@grants/core';
import { DocumentsModule } from '@grants/documents';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { ReviewsModule } from '@grants/reviews';

/** The libraries' services on the test database, without HTTP, queue workers or the outbox relay. */
export type ServiceTestContext = INestApplicationContext;

export interface ServiceTestOptions {
  /**
   * Environment overrides, e.g. `await isolatedEnvironment('label')` (test/support/databases.ts)
   * for a file that needs a database of its own: a reviewer pool or a reference sequence that
   * no other test file touches.
   */
  env?: Record<string, string>;
  /** A clock of the test's own (FixedClock) in place of the system's. */
  clock?: Clock;
}

@Module({})
class ServiceTestModule {
  static forRoot(config: AppConfig, clock: Clock | undefined): DynamicModule {
    // The libraries as apps/api composes them, less the HTTP layer (controllers, guards, throttling, pages).
    return {
      module: ServiceTestModule,
      imports: [
        ApplicationsModule,
        AuditModule,
        AwardsModule,
        CallsModule,
        CoreModule.forRoot(config, clock ? { clock } : {}),
        DatabaseModule,
        DocumentsModule,
        IdentityModule,
        JobsModule,
        NotificationsModule,
        OversightModule,
        ReviewsModule,
      ],
    };
  }
}

/**
 * Boots the services against the test database started by the global setup, in one line:
 * `const services = await serviceTestContext()`, then `services.get(ApplicationService)`,
 * and `await services.close()` after the file. Work written to the outbox stays there: nothing
 * here relays it, so no email is sent unless a worker runs on the same database.
 */
export async function serviceTestContext(options: ServiceTestOptions = {}): Promise<ServiceTestContext> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set: run service tests through jest so the global setup starts PostgreSQL');
  const config = loadConfig({ ...process.env, ...options.env });
  return NestFactory.createApplicationContext(ServiceTestModule.forRoot(config, options.clock), { logger: false, abortOnError: false });
}

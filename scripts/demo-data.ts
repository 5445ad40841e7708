import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AgreementsDemoSeeder, AwardsDemoSeeder, AwardsModule, AwardsWorkerModule } from '@grants/awards';
import { AppConfig, CoreModule, DatabaseModule, JobsModule } from '@grants/core';
import { CallsDemoSeeder, CallsModule } from '@grants/calls';
import { IdentityDemoSeeder, IdentityModule } from '@grants/identity';
import { ReviewsDemoSeeder, ReviewsModule } from '@grants/reviews';

/** Loads the demo data every domain contributes; safe to run again (only what is missing is added). */
export async function seedDemoData(config: AppConfig): Promise<{ accounts: number; calls: number; reviewed: number; decided: number; awarded: number }> {
  @Module({ imports: [AwardsModule, AwardsWorkerModule, CallsModule, CoreModule.forRoot(config), DatabaseModule, IdentityModule, JobsModule, ReviewsModule] })
  class DemoDataModule {}

  const app = await NestFactory.createApplicationContext(DemoDataModule, { logger: ['error', 'warn'] });
  try {
    const accounts = await app.get(IdentityDemoSeeder).seed();
    const calls = await app.get(CallsDemoSeeder).seed();
    const reviewed = await app.get(ReviewsDemoSeeder).seed();
    const decided = await app.get(AwardsDemoSeeder).seed();
    const awarded = await app.get(AgreementsDemoSeeder).seed();
    return { accounts, calls, reviewed, decided, awarded };
  } finally {
    await app.close();
  }
}

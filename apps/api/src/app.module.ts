import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@grants/audit';
import { AppConfig, CoreModule, DatabaseModule, HealthService, JobsModule, LoggingModule } from '@grants/core';
import { NotificationsModule } from '@grants/notifications';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AuditModule, CoreModule.forRoot(config), DatabaseModule, JobsModule, LoggingModule, NotificationsModule],
      controllers: [HealthController],
      providers: [HealthService],
    };
  }
}

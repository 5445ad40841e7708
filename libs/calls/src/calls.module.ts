import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { CallEntity } from './call.entity';
import { CallService } from './call.service';
import { CallsDemoSeeder } from './demo/calls-demo.seeder';
import { FundEntity } from './fund.entity';
import { FundSettingsService } from './fund-settings.service';

@Module({
  imports: [AuditModule, TypeOrmModule.forFeature([CallEntity, FundEntity])],
  providers: [CallService, CallsDemoSeeder, FundSettingsService],
  exports: [CallService, CallsDemoSeeder, FundSettingsService],
})
export class CallsModule {}

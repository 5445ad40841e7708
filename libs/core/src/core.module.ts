import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';
import { AppConfig } from './config/app-config';

/** The validated configuration and the clock, available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CoreModule, providers: [{ provide: AppConfig, useValue: config }, Clock], exports: [AppConfig, Clock] };
  }
}

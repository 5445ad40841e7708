import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';

/**
 * The application's connection pool. Entities register themselves with TypeOrmModule.forFeature
 * in their own lib; the schema comes only from migrations/, never from synchronize.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.databaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        retryAttempts: 3,
        retryDelay: 1000,
        extra: { max: 10, application_name: 'grants' },
      }),
    }),
  ],
})
export class DatabaseModule {}

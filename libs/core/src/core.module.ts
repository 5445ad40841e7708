import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock/clock';
import { AppConfig } from './config/app-config';
import { FileStorage, LocalFileStorage, S3FileStorage } from './storage/file-storage';

export interface CoreOptions {
  /** A test's own clock in place of the system's. */
  clock?: Clock;
}

function fileStorage(config: AppConfig): FileStorage {
  if (config.s3Bucket) {
    const client = new S3Client({ region: config.s3Region, endpoint: config.s3Endpoint, forcePathStyle: Boolean(config.s3Endpoint) });
    return new S3FileStorage(client, config.s3Bucket);
  }
  return new LocalFileStorage(path.resolve(config.dataDir, 'files'));
}

/** The validated configuration, the clock and file storage, available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        options.clock ? { provide: Clock, useValue: options.clock } : Clock,
        { provide: FileStorage, useFactory: () => fileStorage(config) },
      ],
      exports: [AppConfig, Clock, FileStorage],
    };
  }
}

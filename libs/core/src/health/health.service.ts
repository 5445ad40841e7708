import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../jobs/redis-connection';

export type DependencyState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'down';
  db: DependencyState;
  queue: DependencyState;
}

const PROBE_TIMEOUT_MS = 1500;

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, queue] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1')), this.probe(() => this.pingRedis())]);
    return { status: db === 'up' && queue === 'up' ? 'ok' : 'down', db, queue };
  }

  private async pingRedis(): Promise<void> {
    const client = new Redis(redisOptions(this.config.redisUrl, 'probe'));
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  }

  private async probe(check: () => Promise<unknown>): Promise<DependencyState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
    });
    try {
      await Promise.race([check(), timeout]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}

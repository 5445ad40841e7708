import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, redisOptions } from '@grants/core';
import Redis from 'ioredis';

/** What SMTP accepted for one job, kept until `email_delivery` holds it. */
export interface AcceptedEmail {
  jobId: string;
  template: string;
  recipients: string[];
  messageId: string;
  acceptedAt: string;
}

/**
 * Written the moment SMTP accepts a message, before the database is told: the job came from Redis,
 * so Redis is there when PostgreSQL may not be. A retry that finds its job here records the
 * delivery instead of sending again; `drain` moves what is left into `email_delivery` later.
 */
@Injectable()
export class EmailAcceptanceLedger implements OnApplicationShutdown {
  private connection: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  private get key(): string {
    return `${this.config.queuePrefix}:email-accepted`;
  }

  private redis(): Redis {
    // Commands wait through a Redis restart rather than fail: losing this write is what would send twice.
    this.connection ??= new Redis(redisOptions(this.config.redisUrl, 'worker'));
    return this.connection;
  }

  async record(accepted: AcceptedEmail): Promise<void> {
    await this.redis().hset(this.key, accepted.jobId, JSON.stringify(accepted));
  }

  async find(jobId: string): Promise<AcceptedEmail | null> {
    const found = await this.redis().hget(this.key, jobId);
    return found === null ? null : (JSON.parse(found) as AcceptedEmail);
  }

  async all(): Promise<AcceptedEmail[]> {
    const entries = await this.redis().hvals(this.key);
    return entries.map((entry) => JSON.parse(entry) as AcceptedEmail);
  }

  async forget(jobId: string): Promise<void> {
    await this.redis().hdel(this.key, jobId);
  }

  onApplicationShutdown(): void {
    this.connection?.disconnect();
    this.connection = null;
  }
}

import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { QueueName } from './job-definition';
import { redisOptions, whenReady } from './redis-connection';

/** One BullMQ producer per queue, created on first use, sharing one Redis connection. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private connection: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis(), prefix: this.config.queuePrefix });
      // Errors surface where add() is awaited; this keeps each reconnect attempt out of the log.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Whether Redis can take a job right now; add() would otherwise wait for a reconnect. */
  get connected(): boolean {
    return this.redis().status === 'ready';
  }

  /** Whether Redis is reachable, waiting briefly while the connection is being made (first use after boot, a reconnect). */
  reachable(timeoutMs = 1000): Promise<boolean> {
    return whenReady(this.redis(), timeoutMs);
  }

  get connectionStatus(): string {
    return this.redis().status;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    this.connection?.disconnect();
    this.connection = null;
  }

  private redis(): Redis {
    if (!this.connection) {
      this.connection = new Redis(redisOptions(this.config.redisUrl, 'producer'));
      this.connection.on('error', () => undefined);
    }
    return this.connection;
  }
}

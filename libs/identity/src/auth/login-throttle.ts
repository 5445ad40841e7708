import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, DomainError } from '@grants/core';
import { DataSource } from 'typeorm';
import { hashSecretToken } from './secret-token';

export const MAX_FAILED_LOGINS = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

/**
 * Counts failed sign-ins per email address (by hash, whether or not it has an account) and locks
 * the address for 15 minutes after five failures in 15 minutes. Kept in PostgreSQL so that every
 * API instance sees the same count.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async assertNotLocked(email: string): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT locked_until FROM login_throttle WHERE email_hash = $1`, [hashSecretToken(email)])) as Array<{
      locked_until: Date | null;
    }>;
    const lockedUntil = row?.locked_until;
    if (lockedUntil && lockedUntil > this.clock.now()) {
      const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - this.clock.now().getTime()) / 60_000));
      throw new DomainError('rate_limited', 'TOO_MANY_FAILED_LOGINS', `Too many failed sign-in attempts. Try again in ${minutes} minute(s), or reset your password.`);
    }
  }

  async recordFailure(email: string): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - WINDOW_MS);
    await this.dataSource.query(
      `INSERT INTO login_throttle (email_hash, failures, window_start) VALUES ($1, 1, $2)
       ON CONFLICT (email_hash) DO UPDATE SET
         failures     = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END,
         locked_until = CASE WHEN login_throttle.window_start >= $3 AND login_throttle.failures + 1 >= $4 THEN $5::timestamptz
                             ELSE login_throttle.locked_until END`,
      [hashSecretToken(email), now, windowStart, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MS)],
    );
  }

  async reset(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE email_hash = $1`, [hashSecretToken(email)]);
  }
}

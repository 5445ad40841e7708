import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, DomainError } from '@grants/core';
import { DataSource, EntityManager } from 'typeorm';
import { hashSecretToken } from './secret-token';

export const MAX_FAILED_LOGINS = 5;
export const LOGIN_LOCK_MINUTES = 15;
/** Failures of an address from every client together, in the window, after which each further one answers slowly. */
export const ADDRESS_FAILURES_BEFORE_SLOWING = 20;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = LOGIN_LOCK_MINUTES * 60_000;
const MAX_DELAY_MS = 2000;
/**
 * The row counting an address's failures from every client. Real client keys start `device:` or
 * `address:`, so none is this one; it is never locked (locking it would lock the owner out).
 */
const ALL_CLIENTS = 'all-clients';

/**
 * Each failure of a pair after the first answers more slowly: 250 ms, 500 ms, 1 s, then 2 s; and
 * past ADDRESS_FAILURES_BEFORE_SLOWING failures of the address from all clients, every one takes 2 s
 * (guesses spread over many clients are slowed, though none of them is locked).
 */
export function failureDelayMs(failures: number, addressFailures = 0): number {
  const pair = failures < 2 ? 0 : Math.min(250 * 2 ** (failures - 2), MAX_DELAY_MS);
  return addressFailures > ADDRESS_FAILURES_BEFORE_SLOWING ? MAX_DELAY_MS : pair;
}

export interface RecordedFailure {
  failures: number;
  /** The address's failures from every client in the window, this one included. */
  addressFailures: number;
  /** This failure locked the pair (the owner of the address is told once). */
  lockedNow: boolean;
}

/**
 * Counts failed sign-ins per pair of email address (by hash, whether or not it has an account) and
 * client (KnownDevices.clientKey: a browser known to the account, or a network address), slows
 * them down, and locks the pair for 15 minutes after five failures in 15 minutes. Other clients of
 * the same address are not held back, so a lock made elsewhere never keeps the owner out of their
 * own browser, and a password reset clears every lock of the address. The address's failures from
 * all clients are counted too, only to slow them (failureDelayMs). Kept in PostgreSQL so that
 * every API instance sees the same count.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async assertNotLocked(email: string, client: string): Promise<void> {
    const [row] = (await this.dataSource.query(`SELECT locked_until FROM login_throttle WHERE email_hash = $1 AND client_hash = $2`, [
      hashSecretToken(email),
      hashSecretToken(client),
    ])) as Array<{ locked_until: Date | null }>;
    const lockedUntil = row?.locked_until;
    if (lockedUntil && lockedUntil > this.clock.now()) {
      const seconds = Math.ceil((lockedUntil.getTime() - this.clock.now().getTime()) / 1000);
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      throw new DomainError(
        'rate_limited',
        'TOO_MANY_FAILED_LOGINS',
        `Too many failed sign-in attempts from here. Try again in ${minutes} minute(s), or reset your password.`,
        { retryAfterSeconds: seconds },
      );
    }
  }

  async recordFailure(email: string, client: string): Promise<RecordedFailure> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - WINDOW_MS);
    const rows = (await this.dataSource.query(
      `INSERT INTO login_throttle (email_hash, client_hash, failures, window_start) VALUES ($1, $2, 1, $3)
       ON CONFLICT (email_hash, client_hash) DO UPDATE SET
         failures     = CASE WHEN login_throttle.window_start < $4 THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start < $4 THEN $3 ELSE login_throttle.window_start END,
         locked_until = CASE WHEN login_throttle.window_start >= $4 AND login_throttle.failures + 1 >= $5 THEN $6::timestamptz
                             ELSE login_throttle.locked_until END
       RETURNING failures`,
      [hashSecretToken(email), hashSecretToken(client), now, windowStart, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MS)],
    )) as Array<{ failures: number }>;
    const failures = rows[0]?.failures ?? 1;
    const total = (await this.dataSource.query(
      `INSERT INTO login_throttle (email_hash, client_hash, failures, window_start) VALUES ($1, $2, 1, $3)
       ON CONFLICT (email_hash, client_hash) DO UPDATE SET
         failures     = CASE WHEN login_throttle.window_start < $4 THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start < $4 THEN $3 ELSE login_throttle.window_start END
       RETURNING failures`,
      [hashSecretToken(email), hashSecretToken(ALL_CLIENTS), now, windowStart],
    )) as Array<{ failures: number }>;
    return { failures, addressFailures: total[0]?.failures ?? 1, lockedNow: failures === MAX_FAILED_LOGINS };
  }

  /** A successful sign-in clears its own pair only: guesses made elsewhere stay counted. */
  async clearPair(email: string, client: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE email_hash = $1 AND client_hash = $2`, [hashSecretToken(email), hashSecretToken(client)]);
  }

  /** A new password makes every earlier guess moot: every lock of the address ends. */
  async clearAddress(manager: EntityManager, email: string): Promise<void> {
    await manager.query(`DELETE FROM login_throttle WHERE email_hash = $1`, [hashSecretToken(email)]);
  }
}

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { AppConfig, Clock, DomainError, OutboxService } from '@grants/core';
import { NotificationService, sendEmailJob } from '@grants/notifications';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, Locale, Panel, Role } from '../roles';
import { UserEntity } from '../users/user.entity';
import { KnownDevices, SignInClient } from './known-device';
import { failureDelayMs, LOGIN_LOCK_MINUTES, LoginThrottle } from './login-throttle';
import { OneTimeTokenEntity, TokenPurpose } from './one-time-token.entity';
import { PasswordHasher } from './password-hasher';
import { passwordResetRequestJob } from './password-reset-request.job';
import { signInLockedJob } from './sign-in-locked.job';
import { hashSecretToken, newSecretToken, normalizeEmail } from './secret-token';
import { SessionEntity } from './session.entity';

const HOUR = 3600_000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * HOUR,
  password_reset: 1 * HOUR,
  invitation: 7 * 24 * HOUR,
};
export const API_SESSION_SECONDS = 8 * 3600;

export interface Registration {
  email: string;
  password: string;
  name: string;
  locale: Locale;
}

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  user: { id: string; email: string; name: string; roles: string[] };
}

const INVALID_CREDENTIALS = new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Invalid email or password');
const INVALID_TOKEN = () =>
  new DomainError('invalid', 'INVALID_TOKEN', 'This link is not valid any more: it has expired or was already used. Ask for a new one.');

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly knownDevices: KnownDevices,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates an applicant account and emails a verification link. An address that already has an
   * account gets the same answer, and its owner an email saying so: nobody learns who is registered.
   */
  async register(input: Registration): Promise<{ id: string; email: string }> {
    const email = normalizeEmail(input.email);
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ email, name: input.name.trim(), locale: input.locale, passwordHash, roles: ['applicant'], panels: [] })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) {
        const existing = await manager.findOneByOrFail(UserEntity, { email });
        await this.notifications.sendEmail(manager, {
          key: `account-exists/${randomUUID()}`,
          to: [existing.email],
          locale: existing.locale,
          template: 'account-exists',
          data: { name: existing.name, signInUrl: this.link('/sign-in'), resetUrl: this.link('/password-reset') },
        });
        return { id: randomUUID(), email };
      }
      await this.sendVerification(manager, { id, email, name: input.name.trim(), locale: input.locale });
      await this.audit.record(manager, {
        actor: { id, role: 'applicant' },
        action: 'user.registered',
        entityType: 'user',
        entityId: id,
        toState: 'unverified',
      });
      return { id, email };
    });
  }

  /** Sends a fresh verification link to an unverified account; answers the same for any address. */
  async resendVerification(rawEmail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { email: normalizeEmail(rawEmail) });
      if (user && !user.emailVerifiedAt) {
        await this.sendVerification(manager, user);
      }
    });
  }

  async verifyEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const userId = await this.consumeToken(manager, token, ['verify_email']);
      await this.markVerified(manager, userId, { id: userId, role: 'applicant' });
    });
  }

  /**
   * Failed attempts are counted per address and client (SignInClient): they slow down, then lock
   * that pair only, and the owner of the address is told. Whoever guesses from elsewhere never locks
   * the owner out of a browser they signed in on before; a password reset ends every lock.
   */
  async login(rawEmail: string, password: string, from: SignInClient, kind: 'api' | 'web' = 'api'): Promise<SignedIn> {
    const email = normalizeEmail(rawEmail);
    const client = this.knownDevices.clientKey(email, from);
    await this.throttle.assertNotLocked(email, client);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
    if (!(await this.hasher.verify(user?.passwordHash ?? null, password)) || !user) {
      return this.failedSignIn(email, client);
    }
    if (!user.emailVerifiedAt) {
      throw new DomainError('forbidden', 'EMAIL_NOT_VERIFIED', 'Confirm your email address first: use the link we emailed you, or ask for a new one.');
    }
    // Said only to whoever knows the password, so it tells nobody else that the account exists.
    if (user.disabledAt) throw new DomainError('forbidden', 'ACCOUNT_DISABLED', 'This account has been disabled. Contact the program office if you think this is a mistake.');
    await this.throttle.clearPair(email, client);
    const { token, hash } = newSecretToken();
    const start = this.clock.now();
    const expiresAt = this.sessionEnd(kind, start);
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.save(
        manager.create(SessionEntity, { userId: user.id, kind, tokenHash: hash, expiresAt }),
      );
      await this.audit.record(manager, {
        actor: { id: user.id, role: user.roles.at(-1) ?? 'applicant' },
        action: 'session.started',
        entityType: 'session',
        entityId: session.id,
        details: { kind },
      });
    });
    return { accessToken: token, expiresIn: Math.round((expiresAt.getTime() - start.getTime()) / 1000), user: { id: user.id, email: user.email, name: user.name, roles: user.roles } };
  }

  /** Browser token for the known-device cookie, after a sign-in on a web page (KnownDevices). */
  knownDeviceToken(rawEmail: string, current: string | null): string {
    return this.knownDevices.tokenFor(normalizeEmail(rawEmail), current);
  }

  /**
   * Always succeeds from the caller's point of view, in the same time for any address: the request
   * only records the work (no account is looked up here); the worker does it (sendPasswordReset).
   */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const requestId = randomUUID();
    await this.dataSource.transaction((manager) => this.outbox.enqueue(manager, passwordResetRequestJob, requestId, { email: normalizeEmail(rawEmail), requestId }));
  }

  /** The worker's half of a reset request: a known address gets a one-hour link, once per request. */
  async sendPasswordReset(email: string, requestId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { email: normalizeEmail(email) });
      if (!user) return;
      // A retried job finds its email already asked for, and issues no second link.
      if (await this.outbox.has(manager, sendEmailJob, `password-reset/${requestId}`)) return;
      const { token } = await this.issueToken(manager, user.id, 'password_reset');
      await this.notifications.sendEmail(manager, {
        key: `password-reset/${requestId}`,
        to: [user.email],
        locale: user.locale,
        template: 'password-reset',
        data: { name: user.name, resetUrl: this.link(`/password-reset/confirm?token=${token}`) },
      });
      await this.audit.record(manager, { actor: { id: null, role: 'anonymous' }, action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
    });
  }

  /** Sets a password from a reset or invitation token; signs out every existing session. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const userId = await this.consumeToken(manager, token, ['password_reset', 'invitation']);
      // Every other password link the person was sent stops working too.
      await manager
        .createQueryBuilder()
        .update(OneTimeTokenEntity)
        .set({ usedAt: this.clock.now() })
        .where(`user_id = :userId AND purpose IN ('password_reset', 'invitation') AND used_at IS NULL`, { userId })
        .execute();
      await manager.update(UserEntity, { id: userId }, { passwordHash });
      const { email } = await manager.findOneByOrFail(UserEntity, { id: userId });
      await this.throttle.clearAddress(manager, email);
      await manager.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, { actor: { id: userId, role: null }, action: 'user.password_set', entityType: 'user', entityId: userId });
      // The link reached this address, which proves it belongs to the person.
      await this.markVerified(manager, userId, { id: userId, role: null });
    });
  }

  /**
   * Resolves a bearer token or session cookie to the person acting, or null. `slide: false` reads a
   * web session without counting as activity (the pages asking how long the session has left).
   */
  async authenticate(token: string, { slide = true }: { slide?: boolean } = {}): Promise<Actor | null> {
    // Every request asks this: plain SQL, read into the two objects it needs, not entities built by a query builder.
    const [found] = (await this.dataSource.query(
      `SELECT s.id, s.kind, s.created_at, s.expires_at, u.id AS user_id, u.email, u.name, u.locale, u.roles, u.panels
         FROM session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND u.disabled_at IS NULL AND s.expires_at > $2
          AND (s.kind <> 'web' OR s.created_at > $3)`,
      [hashSecretToken(token), this.clock.now(), this.webSessionsBornAfter()],
    )) as Array<{ id: string; kind: SessionEntity['kind']; created_at: Date; expires_at: Date; user_id: string; email: string; name: string; locale: Locale; roles: Role[]; panels: Panel[] }>;
    if (!found) return null;
    const row = { id: found.id, kind: found.kind, createdAt: found.created_at, expiresAt: found.expires_at };
    const user = { id: found.user_id, email: found.email, name: found.name, locale: found.locale, roles: found.roles, panels: found.panels };
    // Web sessions end after a while without use; the end moves at most every tenth of that time
    // (a minute at most) to spare writes.
    const idleMs = this.config.webIdleSeconds * 1000;
    let expiresAt = row.expiresAt;
    const absoluteEnd = row.createdAt.getTime() + this.config.webSessionMaxHours * HOUR;
    if (slide && row.kind === 'web' && expiresAt.getTime() < absoluteEnd && expiresAt.getTime() - this.clock.now().getTime() < idleMs - Math.min(60_000, idleMs / 10)) {
      expiresAt = await this.extendWebSession(row.id);
    }
    // The absolute end holds even for an end set before it was lowered (WEB_SESSION_MAX_HOURS changed).
    const atMaxLifetime = row.kind === 'web' && expiresAt.getTime() >= absoluteEnd - 1000;
    const end = atMaxLifetime ? new Date(Math.min(expiresAt.getTime(), absoluteEnd)) : expiresAt;
    return { userId: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles, panels: user.panels, sessionId: row.id, sessionSecondsLeft: this.secondsUntil(end), ...(atMaxLifetime ? { sessionAtMaxLifetime: true } : {}) };
  }

  /**
   * Moves a web session's end to a full idle period from now ("stay signed in"), never past its
   * absolute end (WEB_SESSION_MAX_HOURS after signing in); returns the new end.
   */
  async extendWebSession(sessionId: string): Promise<Date> {
    const idleEnd = this.later(this.config.webIdleSeconds * 1000);
    const [rows] = (await this.dataSource.query(
      `UPDATE session SET expires_at = LEAST($2::timestamptz, created_at + make_interval(hours => $3::int))
       WHERE id = $1 AND kind = 'web' AND revoked_at IS NULL RETURNING expires_at`,
      [sessionId, idleEnd, this.config.webSessionMaxHours],
    )) as [Array<{ expires_at: Date }>, number];
    return rows[0]?.expires_at ?? idleEnd;
  }

  /** Whether this token was a web session that reached its absolute end (the sign-in page says so). */
  async webSessionOutlived(token: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM session WHERE token_hash = $1 AND kind = 'web' AND revoked_at IS NULL AND created_at <= $2`, [
      hashSecretToken(token),
      this.webSessionsBornAfter(),
    ])) as unknown[];
    return rows.length > 0;
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(SessionEntity, { id: actor.sessionId }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, { actor: { id: actor.userId, role: null }, action: 'session.ended', entityType: 'session', entityId: actor.sessionId });
    });
  }

  /** Issues a single-use token; only its hash is stored. */
  async issueToken(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<{ token: string; tokenId: string }> {
    const { token, hash } = newSecretToken();
    const saved = await manager.save(
      manager.create(OneTimeTokenEntity, { userId, purpose, tokenHash: hash, expiresAt: this.later(TOKEN_LIFETIME_MS[purpose]) }),
    );
    return { token, tokenId: saved.id };
  }

  link(path: string): string {
    return new URL(path, this.config.appUrl).toString();
  }

  private async sendVerification(manager: EntityManager, user: { id: string; email: string; name: string; locale: Locale }): Promise<void> {
    const { token, tokenId } = await this.issueToken(manager, user.id, 'verify_email');
    await this.notifications.sendEmail(manager, {
      key: `verify-email/${tokenId}`,
      to: [user.email],
      locale: user.locale,
      template: 'account-verification',
      data: { name: user.name, verifyUrl: this.link(`/verify-email?token=${token}`) },
    });
  }

  private async markVerified(manager: EntityManager, userId: string, actor: { id: string; role: string | null }): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(UserEntity)
      .set({ emailVerifiedAt: this.clock.now() })
      .where('id = :userId AND email_verified_at IS NULL', { userId })
      .execute();
    if (!result.affected) return;
    await this.audit.record(manager, { actor, action: 'user.email_verified', entityType: 'user', entityId: userId, fromState: 'unverified', toState: 'verified' });
  }

  /** Marks a valid token used, atomically, and returns its user; anything else is INVALID_TOKEN. */
  private async consumeToken(manager: EntityManager, token: string, purposes: TokenPurpose[]): Promise<string> {
    const result = await manager
      .createQueryBuilder()
      .update(OneTimeTokenEntity)
      .set({ usedAt: this.clock.now() })
      .where('token_hash = :hash AND purpose IN (:...purposes) AND used_at IS NULL AND expires_at > :now', {
        hash: hashSecretToken(token),
        purposes,
        now: this.clock.now(),
      })
      .returning(['userId'])
      .execute();
    const row = (result.raw as Array<{ user_id?: string; userId?: string }>)[0];
    const userId = row?.user_id ?? row?.userId;
    if (!userId) throw INVALID_TOKEN();
    return userId;
  }

  /** A new session's end: an API token's fixed lifetime, or a web session's idle period within its absolute lifetime. */
  private sessionEnd(kind: 'api' | 'web', start: Date): Date {
    if (kind === 'api') return new Date(start.getTime() + API_SESSION_SECONDS * 1000);
    return new Date(start.getTime() + Math.min(this.config.webIdleSeconds * 1000, this.config.webSessionMaxHours * HOUR));
  }

  /** Web sessions started at or before this have outlived WEB_SESSION_MAX_HOURS, however active they were. */
  private webSessionsBornAfter(): Date {
    return this.later(-this.config.webSessionMaxHours * HOUR);
  }

  /**
   * Counts the failure, answers the later failures of a pair (or of a much-guessed address) more
   * slowly, and when it locks the pair, queues telling the owner: the same work whether or not the
   * address has an account, so the answer's time does not say which.
   */
  private async failedSignIn(email: string, client: string): Promise<never> {
    const { failures, addressFailures, lockedNow } = await this.throttle.recordFailure(email, client);
    if (lockedNow) {
      const now = this.clock.now();
      // One job per address per lock period, however many clients are locked in it.
      await this.dataSource.transaction((manager) => this.outbox.enqueue(manager, signInLockedJob, `${hashSecretToken(email).toString('hex')}-${lockPeriod(now)}`, { email, lockedAt: now.toISOString() }));
    }
    await sleep(failureDelayMs(failures, addressFailures));
    throw INVALID_CREDENTIALS;
  }

  /**
   * The worker's half of a lock: a known address gets one email per lock period, however many
   * clients are locked in it; the owner learns that someone is guessing, and that a new password ends every lock.
   */
  async tellOwnerOfLock(rawEmail: string, lockedAt: Date): Promise<void> {
    const key = (userId: string) => `sign-in-locked/${userId}/${lockPeriod(lockedAt)}`;
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { email: normalizeEmail(rawEmail) });
      // A retried job finds its email already asked for, and records the lock once.
      if (!user || (await this.outbox.has(manager, sendEmailJob, key(user.id)))) return;
      await this.notifications.sendEmail(manager, {
        key: key(user.id),
        to: [user.email],
        locale: user.locale,
        template: 'sign-in-locked',
        data: { name: user.name, lockedAt: lockedAt.toISOString(), lockedMinutes: LOGIN_LOCK_MINUTES, resetUrl: this.link('/password-reset') },
      });
      await this.audit.record(manager, {
        actor: { id: null, role: 'anonymous' },
        action: 'user.sign_in_locked',
        entityType: 'user',
        entityId: user.id,
        details: { lockedMinutes: LOGIN_LOCK_MINUTES },
      });
    });
  }

  secondsUntil(instant: Date): number {
    return Math.max(0, Math.floor((instant.getTime() - this.clock.now().getTime()) / 1000));
  }

  private later(milliseconds: number): Date {
    return new Date(this.clock.now().getTime() + milliseconds);
  }
}

/** The lock period an instant falls in: the owner of an address is told at most once in each. */
function lockPeriod(instant: Date): number {
  return Math.floor(instant.getTime() / (LOGIN_LOCK_MINUTES * 60_000));
}

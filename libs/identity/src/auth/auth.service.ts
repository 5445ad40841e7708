import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { AppConfig, Clock, DomainError } from '@grants/core';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, Locale } from '../roles';
import { UserEntity } from '../users/user.entity';
import { LoginThrottle } from './login-throttle';
import { OneTimeTokenEntity, TokenPurpose } from './one-time-token.entity';
import { PasswordHasher } from './password-hasher';
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

  async login(rawEmail: string, password: string, kind: 'api' | 'web' = 'api'): Promise<SignedIn> {
    const email = normalizeEmail(rawEmail);
    await this.throttle.assertNotLocked(email);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
    if (!(await this.hasher.verify(user?.passwordHash ?? null, password)) || !user) {
      await this.throttle.recordFailure(email);
      throw INVALID_CREDENTIALS;
    }
    if (!user.emailVerifiedAt) {
      throw new DomainError('forbidden', 'EMAIL_NOT_VERIFIED', 'Confirm your email address first: use the link we emailed you, or ask for a new one.');
    }
    await this.throttle.reset(email);
    const { token, hash } = newSecretToken();
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.save(
        manager.create(SessionEntity, { userId: user.id, kind, tokenHash: hash, expiresAt: this.later(this.sessionSeconds(kind) * 1000) }),
      );
      await this.audit.record(manager, {
        actor: { id: user.id, role: user.roles.at(-1) ?? 'applicant' },
        action: 'session.started',
        entityType: 'session',
        entityId: session.id,
        details: { kind },
      });
    });
    return { accessToken: token, expiresIn: this.sessionSeconds(kind), user: { id: user.id, email: user.email, name: user.name, roles: user.roles } };
  }

  /** Always succeeds from the caller's point of view; a known address gets a one-hour link. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { email: normalizeEmail(rawEmail) });
      if (!user) return;
      const { token, tokenId } = await this.issueToken(manager, user.id, 'password_reset');
      await this.notifications.sendEmail(manager, {
        key: `password-reset/${tokenId}`,
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
    const row = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('session')
      .innerJoinAndMapOne('session.user', UserEntity, 'user', 'user.id = session.userId')
      .where('session.tokenHash = :hash', { hash: hashSecretToken(token) })
      .andWhere('session.revokedAt IS NULL')
      .andWhere('session.expiresAt > :now', { now: this.clock.now() })
      .getOne();
    const user = (row as (SessionEntity & { user?: UserEntity }) | null)?.user;
    if (!row || !user) return null;
    // Web sessions end after a while without use; the end moves at most every tenth of that time
    // (a minute at most) to spare writes.
    const idleMs = this.config.webIdleSeconds * 1000;
    let expiresAt = row.expiresAt;
    if (slide && row.kind === 'web' && expiresAt.getTime() - this.clock.now().getTime() < idleMs - Math.min(60_000, idleMs / 10)) {
      expiresAt = await this.extendWebSession(row.id);
    }
    return { userId: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles, panels: user.panels, sessionId: row.id, sessionSecondsLeft: this.secondsUntil(expiresAt) };
  }

  /** Moves a web session's end to a full idle period from now ("stay signed in"); returns the new end. */
  async extendWebSession(sessionId: string): Promise<Date> {
    const expiresAt = this.later(this.config.webIdleSeconds * 1000);
    await this.dataSource.getRepository(SessionEntity).update({ id: sessionId, kind: 'web', revokedAt: IsNull() }, { expiresAt });
    return expiresAt;
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

  private sessionSeconds(kind: 'api' | 'web'): number {
    return kind === 'web' ? this.config.webIdleSeconds : API_SESSION_SECONDS;
  }

  secondsUntil(instant: Date): number {
    return Math.max(0, Math.floor((instant.getTime() - this.clock.now().getTime()) / 1000));
  }

  private later(milliseconds: number): Date {
    return new Date(this.clock.now().getTime() + milliseconds);
  }
}

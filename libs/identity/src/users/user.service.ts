import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, decodeCursor, ForbiddenError, NotFoundError, Page, PageRequest, toPage } from '@grants/core';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { OneTimeTokenEntity } from '../auth/one-time-token.entity';
import { SessionEntity } from '../auth/session.entity';
import { AuthService } from '../auth/auth.service';
import { normalizeEmail } from '../auth/secret-token';
import { Actor, hasRole, Locale, Panel, Role, STAFF_ROLES, StaffRole } from '../roles';
import { AccessChange, OpenWorkRegistry } from './open-work.registry';
import { UserEntity } from './user.entity';
import { OrganizationMemberEntity } from '../organizations/organization-member.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationInvitationEntity } from '../organizations/organization-invitation.entity';

export interface StaffAccountInput {
  email: string;
  name: string;
  roles: StaffRole[];
  panels: Panel[];
  locale: Locale;
}

export interface Profile {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  roles: Role[];
  panels: Panel[];
  organizations: Array<{ id: string; legalName: string; role: string; region: string }>;
  invitations: Array<{ id: string; organizationId: string; organizationName: string; role: string; expiresAt: Date }>;
}

/** A staff account as administrators list it. */
export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  panels: Panel[];
  /** Invited and no password set yet: the invitation's link was not used. */
  invitationPending: boolean;
  /** When an administrator disabled the account; null while it may sign in. */
  disabledAt: Date | null;
  createdAt: Date;
}

/** The columns of a StaffAccount, for the queries that read one. */
/** Accounts holding any staff role (a constant list, written into the statement). */
const STAFF_ROLES_SQL = `ARRAY[${STAFF_ROLES.map((role) => `'${role}'`).join(', ')}]::text[]`;
const STAFF_ACCOUNT_COLUMNS = `id, email, name, roles, panels, password_hash IS NULL AS "invitationPending", disabled_at AS "disabledAt", created_at AS "createdAt"`;

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly openWork: OpenWorkRegistry,
  ) {}

  /**
   * An administrator creates a staff account, or grants staff roles to an existing account.
   * A new account gets an invitation whose link sets the first password.
   */
  async createStaff(actor: Actor, input: StaffAccountInput): Promise<{ id: string; email: string; roles: Role[]; created: boolean }> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('Only administrators manage staff accounts');
    const email = normalizeEmail(input.email);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(UserEntity, { where: { email }, lock: { mode: 'pessimistic_write' } });
      // An administrator who could make themself an officer would read the content they must not.
      if (existing?.id === actor.userId) throw CANNOT_CHANGE_SELF();
      // An unverified account may have been registered by someone else with this address: it gets
      // no roles until its owner proves the address through the invitation.
      if (existing && !existing.emailVerifiedAt) {
        await manager.update(UserEntity, { id: existing.id }, { passwordHash: null, locale: input.locale, roles: unique<Role>(['applicant', ...input.roles]), panels: unique(input.panels) });
        await manager.update(SessionEntity, { userId: existing.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        await manager.update(OneTimeTokenEntity, { userId: existing.id, usedAt: IsNull() }, { usedAt: this.clock.now() });
        return this.invite(manager, actor, { ...existing, roles: unique<Role>(['applicant', ...input.roles]), panels: unique(input.panels) }, input);
      }
      if (existing) {
        const roles = unique<Role>([...existing.roles, ...input.roles]);
        const panels = unique<Panel>([...existing.panels, ...input.panels]);
        await manager.update(UserEntity, { id: existing.id }, { roles, panels });
        await this.audit.record(manager, {
          actor: { id: actor.userId, role: 'admin' },
          action: 'user.roles_changed',
          entityType: 'user',
          entityId: existing.id,
          fromState: existing.roles.join(','),
          toState: roles.join(','),
          details: { panels },
        });
        await this.notifications.sendEmail(manager, {
          key: `roles-granted/${existing.id}/${roles.join('-')}/${panels.join('-') || 'none'}`,
          to: [existing.email],
          locale: existing.locale,
          template: 'roles-granted',
          data: { name: existing.name, roles: input.roles, signInUrl: this.auth.link('/sign-in') },
        });
        return { id: existing.id, email: existing.email, roles, created: false };
      }
      const roles = unique<Role>(['applicant', ...input.roles]);
      const user = await manager.save(
        manager.create(UserEntity, { email, name: input.name.trim(), locale: input.locale, passwordHash: null, roles, panels: unique(input.panels) }),
      );
      return this.invite(manager, actor, user, input);
    });
  }

  /** Emails an invitation whose link sets the first password (and so proves the address). */
  private async invite(manager: EntityManager, actor: Actor, user: UserEntity, input: StaffAccountInput): Promise<{ id: string; email: string; roles: Role[]; created: boolean }> {
    const { token, tokenId } = await this.auth.issueToken(manager, user.id, 'invitation');
    await this.notifications.sendEmail(manager, {
      key: `staff-invitation/${tokenId}`,
      to: [user.email],
      locale: input.locale,
      template: 'staff-invitation',
      data: { name: user.name, roles: input.roles, setPasswordUrl: this.auth.link(`/password-reset/confirm?token=${token}`) },
    });
    await this.audit.record(manager, {
      actor: { id: actor.userId, role: 'admin' },
      action: 'user.invited',
      entityType: 'user',
      entityId: user.id,
      toState: 'invited',
      details: { roles: user.roles, panels: user.panels },
    });
    return { id: user.id, email: user.email, roles: user.roles, created: true };
  }

  /** Accounts with a staff role (reviewer, officer, admin), newest first, for administrators. */
  async listStaff(actor: Actor, page: PageRequest): Promise<Page<StaffAccount>> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('Only administrators manage staff accounts');
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const rows = (await this.dataSource.query(
      `SELECT ${STAFF_ACCOUNT_COLUMNS}
         FROM user_account
        WHERE roles && ${STAFF_ROLES_SQL}
          AND ($1::timestamptz IS NULL OR (date_trunc('milliseconds', created_at), id) < ($1::timestamptz, $2::uuid))
        ORDER BY date_trunc('milliseconds', created_at) DESC, id DESC
        LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, page.limit + 1],
    )) as StaffAccount[];
    return toPage(rows, page.limit, (row) => row);
  }

  /** One staff account, for administrators; any other account is not theirs to look up. */
  async staffAccount(actor: Actor, id: string): Promise<StaffAccount> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('Only administrators manage staff accounts');
    const [account] = (await this.dataSource.query(
      `SELECT ${STAFF_ACCOUNT_COLUMNS}
         FROM user_account
        WHERE id = $1 AND roles && ${STAFF_ROLES_SQL}`,
      [id],
    )) as StaffAccount[];
    if (!account) throw new NotFoundError('Staff account');
    return account;
  }

  /**
   * An administrator disables an account: every session ends at once, signing in is refused, and
   * the person's open work (unsubmitted reviews) is handed on. Disabling a disabled account changes nothing.
   */
  async disable(actor: Actor, userId: string): Promise<StaffAccount> {
    assertAdmin(actor);
    if (userId === actor.userId) throw new ConflictError('CANNOT_DISABLE_SELF', 'You cannot disable your own account; ask another administrator');
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockAccount(manager, userId);
      if (user.disabledAt) return this.account(manager, userId);
      if (user.roles.includes('admin')) await this.assertAnotherAdmin(manager, userId);
      const now = this.clock.now();
      await manager.update(UserEntity, { id: userId }, { disabledAt: now });
      await manager.update(SessionEntity, { userId, revokedAt: IsNull() }, { revokedAt: now });
      // As when a member is removed: invitations the person sent and nobody has accepted are withdrawn.
      const withdrawn = await manager.update(OrganizationInvitationEntity, { invitedBy: userId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now });
      const reviewsHandedOn = await this.openWork.accessNarrowed(manager, userId, { kind: 'disabled' }, actor.userId);
      const event = await this.audit.record(manager, { actor: { id: actor.userId, role: 'admin' }, action: 'user.disabled', entityType: 'user', entityId: userId, fromState: 'enabled', toState: 'disabled', details: { reviewsHandedOn, invitationsWithdrawn: withdrawn.affected ?? 0 } });
      await this.notifications.sendEmail(manager, { key: `account-disabled/${event.id}`, to: [user.email], locale: user.locale, template: 'account-disabled', data: { name: user.name, reviewsHandedOn } });
      return this.account(manager, userId);
    });
  }

  /** An administrator lets a disabled account sign in again; its roles and panels are as they were, its reviews stay with others. */
  async enable(actor: Actor, userId: string): Promise<StaffAccount> {
    assertAdmin(actor);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockAccount(manager, userId);
      if (!user.disabledAt) return this.account(manager, userId);
      await manager.update(UserEntity, { id: userId }, { disabledAt: null });
      const event = await this.audit.record(manager, { actor: { id: actor.userId, role: 'admin' }, action: 'user.enabled', entityType: 'user', entityId: userId, fromState: 'disabled', toState: 'enabled' });
      await this.notifications.sendEmail(manager, { key: `account-enabled/${event.id}`, to: [user.email], locale: user.locale, template: 'account-enabled', data: { name: user.name, signInUrl: this.auth.link('/sign-in') } });
      return this.account(manager, userId);
    });
  }

  /** Takes a staff role away at once (the next request sees it); open reviews that no longer fit are handed on. */
  async removeRole(actor: Actor, userId: string, role: StaffRole): Promise<StaffAccount> {
    assertAdmin(actor);
    return this.narrow(actor, userId, { kind: 'role_removed', role }, (user) => (user.roles.includes(role) ? { roles: user.roles.filter((held) => held !== role) } : null));
  }

  /** Takes a review panel away; the panel's open reviews are handed on and automatic assignment stops choosing the person for it. */
  async removePanel(actor: Actor, userId: string, panel: Panel): Promise<StaffAccount> {
    assertAdmin(actor);
    return this.narrow(actor, userId, { kind: 'panel_removed', panel }, (user) => (user.panels.includes(panel) ? { panels: user.panels.filter((held) => held !== panel) } : null));
  }

  /** Removing what the account does not hold changes nothing and sends nothing. */
  private async narrow(actor: Actor, userId: string, change: Exclude<AccessChange, { kind: 'disabled' }>, next: (user: UserEntity) => Partial<Pick<UserEntity, 'roles' | 'panels'>> | null): Promise<StaffAccount> {
    if (userId === actor.userId) throw CANNOT_CHANGE_SELF();
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockAccount(manager, userId);
      const changed = next(user);
      if (!changed) return this.account(manager, userId);
      if (change.kind === 'role_removed' && change.role === 'admin' && !user.disabledAt) await this.assertAnotherAdmin(manager, userId);
      await manager.update(UserEntity, { id: userId }, changed);
      const reviewsHandedOn = await this.openWork.accessNarrowed(manager, userId, change, actor.userId);
      const removed = change.kind === 'role_removed' ? { role: change.role } : { panel: change.panel };
      const event = await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'admin' },
        action: change.kind === 'role_removed' ? 'user.role_removed' : 'user.panel_removed',
        entityType: 'user',
        entityId: userId,
        fromState: change.kind === 'role_removed' ? user.roles.join(',') : user.panels.join(','),
        toState: change.kind === 'role_removed' ? (changed.roles ?? []).join(',') : (changed.panels ?? []).join(','),
        details: { ...removed, reviewsHandedOn },
      });
      await this.notifications.sendEmail(manager, { key: `access-removed/${event.id}`, to: [user.email], locale: user.locale, template: 'access-removed', data: { name: user.name, removed, reviewsHandedOn } });
      return this.account(manager, userId);
    });
  }

  private async lockAccount(manager: EntityManager, userId: string): Promise<UserEntity> {
    const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Some enabled administrator other than this one must remain; their rows are locked so that two admins cannot remove each other at once. */
  private async assertAnotherAdmin(manager: EntityManager, userId: string): Promise<void> {
    const others = (await manager.query(`SELECT id FROM user_account WHERE 'admin' = ANY (roles) AND disabled_at IS NULL AND id <> $1 FOR UPDATE`, [userId])) as unknown[];
    if (others.length === 0) throw new ConflictError('LAST_ADMIN', 'This is the only enabled administrator: give another account the administrator role first');
  }

  /** Any account, staff or not, as an administrator manages it (disabling, removing a role). */
  async managedAccount(actor: Actor, userId: string): Promise<StaffAccount> {
    assertAdmin(actor);
    return this.account(this.dataSource.manager, userId);
  }

  /** Any account by id (a change may have taken its last staff role), as administrators see it. */
  private async account(manager: EntityManager, userId: string): Promise<StaffAccount> {
    const [account] = (await manager.query(`SELECT ${STAFF_ACCOUNT_COLUMNS} FROM user_account WHERE id = $1`, [userId])) as StaffAccount[];
    if (!account) throw new NotFoundError('User');
    return account;
  }

  async profile(actor: Actor): Promise<Profile> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user) throw new NotFoundError('User');
    const organizations = await this.dataSource
      .getRepository(OrganizationMemberEntity)
      .createQueryBuilder('member')
      .innerJoin(OrganizationEntity, 'organization', 'organization.id = member.organizationId')
      .select(['organization.id AS id', 'organization.legal_name AS "legalName"', 'member.role AS role', 'organization.region AS region'])
      .where('member.userId = :userId', { userId: user.id })
      .orderBy('organization.legal_name')
      .addOrderBy('organization.id')
      .getRawMany<{ id: string; legalName: string; role: string; region: string }>();
    const invitations = user.emailVerifiedAt
      ? await this.dataSource
          .getRepository(OrganizationInvitationEntity)
          .createQueryBuilder('invitation')
          .innerJoin(OrganizationEntity, 'organization', 'organization.id = invitation.organizationId')
          .select([
            'invitation.id AS id',
            'invitation.organization_id AS "organizationId"',
            'organization.legal_name AS "organizationName"',
            'invitation.role AS role',
            'invitation.expires_at AS "expiresAt"',
          ])
          .where('invitation.email = :email AND invitation.accepted_at IS NULL AND invitation.revoked_at IS NULL AND invitation.expires_at > now()', { email: user.email })
          .orderBy('invitation.created_at')
          .getRawMany<Profile['invitations'][number]>()
      : [];
    return { id: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles, panels: user.panels, organizations, invitations };
  }
}

const CANNOT_CHANGE_SELF = () => new ConflictError('CANNOT_CHANGE_SELF', 'You cannot change the roles or panels of your own account; ask another administrator');

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('Only administrators manage staff accounts');
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

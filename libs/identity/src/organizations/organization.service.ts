import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError, StaleVersionError } from '@grants/core';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { normalizeEmail } from '../auth/secret-token';
import { Actor, hasRole, Locale, MemberRole, OrganizationType, Region } from '../roles';
import { UserEntity } from '../users/user.entity';
import { OrganizationInvitationEntity } from './organization-invitation.entity';
import { OrganizationMemberEntity } from './organization-member.entity';
import { OrganizationEntity } from './organization.entity';

export interface OrganizationProfile {
  legalName: string;
  operatingName: string | null;
  type: OrganizationType;
  registrationNumber: string | null;
  region: Region;
  address: { line1: string; city: string; postalCode: string };
  indigenousLed: boolean;
  preferredLanguage: Locale;
}

export interface Organization extends OrganizationProfile {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberListing {
  members: Array<{ userId: string; name: string; email: string; role: MemberRole; since: Date }>;
  invitations: Array<{ id: string; email: string; role: MemberRole; expiresAt: Date }>;
}

/** What an organization's pages show in their heading: its name, and the caller's role in it (null for staff). */
export interface OrganizationHeading {
  id: string;
  legalName: string;
  role: MemberRole | null;
}

const INVITATION_DAYS = 7;

@Injectable()
export class OrganizationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, profile: OrganizationProfile): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(OrganizationEntity, { ...toColumns(profile), version: 1 }));
      await manager.insert(OrganizationMemberEntity, { organizationId: saved.id, userId: actor.userId, role: 'owner' });
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: 'organization.created',
        entityType: 'organization',
        entityId: saved.id,
        toState: 'active',
        details: { owner: actor.userId },
      });
      return toOrganization(saved);
    });
  }

  /** Members and officers read an organization; anyone else is told it does not exist. Staff reads show in its access log. */
  async get(actor: Actor, id: string): Promise<Organization> {
    const { organization, role } = await this.readable(actor, id);
    if (!role) await this.recordStaffRead(actor, id, 'organization.viewed');
    return toOrganization(organization);
  }

  /**
   * The organization's name and the caller's role in it, for the heading of its pages; members and
   * officers only (others: not found). Not logged: staff see the name in every list of applications.
   */
  async heading(actor: Actor, id: string): Promise<OrganizationHeading> {
    const { organization, role } = await this.readable(actor, id);
    return { id: organization.id, legalName: organization.legalName, role };
  }

  async update(actor: Actor, id: string, version: number, changes: Partial<OrganizationProfile>): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertOwner(manager, actor, id);
      const columns = toColumns(changes);
      const result = await manager
        .createQueryBuilder()
        .update(OrganizationEntity)
        .set({ ...columns, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      const current = await manager.findOneByOrFail(OrganizationEntity, { id });
      if (!result.affected) throw new StaleVersionError('The organization', current.version);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'owner' },
        action: 'organization.updated',
        entityType: 'organization',
        entityId: id,
        details: { fields: Object.entries(changes).filter(([, value]) => value !== undefined).map(([key]) => key), version: current.version },
      });
      return toOrganization(current);
    });
  }

  /**
   * Invites an address to join. The answer is the same whether or not the address has an account;
   * the email says what to do in each case.
   */
  async invite(actor: Actor, id: string, rawEmail: string, role: MemberRole): Promise<{ id: string; email: string; role: MemberRole; status: 'pending'; expiresAt: Date }> {
    const email = normalizeEmail(rawEmail);
    return this.dataSource.transaction(async (manager) => {
      const organization = await this.assertOwner(manager, actor, id);
      const invitee = await manager.findOneBy(UserEntity, { email });
      if (invitee && (await this.membership(manager, id, invitee.id))) {
        throw new ConflictError('ALREADY_MEMBER', `${email} is already a member of this organization`);
      }
      const expiresAt = new Date(this.clock.now().getTime() + INVITATION_DAYS * 24 * 3600_000);
      // A new invitation to the same address replaces the open one.
      await manager.delete(OrganizationInvitationEntity, { organizationId: id, email, acceptedAt: IsNull() });
      const invitation = await manager.save(manager.create(OrganizationInvitationEntity, { organizationId: id, email, role, invitedBy: actor.userId, expiresAt }));
      await this.notifications.sendEmail(manager, {
        key: `organization-invitation/${invitation.id}`,
        to: [email],
        locale: invitee?.locale ?? organization.preferredLanguage,
        template: 'organization-invitation',
        data: {
          organizationName: organization.legalName,
          inviterName: actor.name,
          role,
          hasAccount: Boolean(invitee),
          // The invitation's page asks to sign in first, then accepts it.
          url: this.auth.link(invitee ? `/organizations/invitations/${invitation.id}` : `/register?email=${encodeURIComponent(email)}`),
        },
      });
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'owner' },
        action: 'organization.member_invited',
        entityType: 'organization',
        entityId: id,
        details: { invitationId: invitation.id, email, role },
      });
      return { id: invitation.id, email, role, status: 'pending', expiresAt };
    });
  }

  /** The invitee, signed in with the invited address (verified), joins the organization. */
  async acceptInvitation(actor: Actor, invitationId: string): Promise<{ organizationId: string; role: MemberRole }> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await manager.findOne(OrganizationInvitationEntity, {
        where: { id: invitationId, acceptedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
        lock: { mode: 'pessimistic_write' },
      });
      const user = await manager.findOneBy(UserEntity, { id: actor.userId });
      if (!invitation || !user?.emailVerifiedAt || normalizeEmail(user.email) !== normalizeEmail(invitation.email)) {
        throw new NotFoundError('Invitation');
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(OrganizationMemberEntity)
        .values({ organizationId: invitation.organizationId, userId: user.id, role: invitation.role })
        .orIgnore()
        .execute();
      await manager.update(OrganizationInvitationEntity, { id: invitation.id }, { acceptedAt: this.clock.now(), acceptedBy: user.id });
      await this.audit.record(manager, {
        actor: { id: user.id, role: invitation.role },
        action: 'organization.member_added',
        entityType: 'organization',
        entityId: invitation.organizationId,
        details: { userId: user.id, role: invitation.role, invitationId: invitation.id },
      });
      return { organizationId: invitation.organizationId, role: invitation.role };
    });
  }

  /** Members and officers see who belongs and who is invited; staff reads show in the access log. */
  async members(actor: Actor, id: string): Promise<MemberListing> {
    const { role } = await this.readable(actor, id);
    if (!role) await this.recordStaffRead(actor, id, 'organization.members_viewed');
    const members = await this.dataSource
      .getRepository(OrganizationMemberEntity)
      .createQueryBuilder('member')
      .innerJoin(UserEntity, 'user', 'user.id = member.userId')
      .select(['member.user_id AS "userId"', 'user.name AS name', 'user.email AS email', 'member.role AS role', 'member.created_at AS since'])
      .where('member.organizationId = :id', { id })
      .orderBy('member.created_at')
      .getRawMany<MemberListing['members'][number]>();
    const invitations = await this.dataSource.getRepository(OrganizationInvitationEntity).find({
      where: { organizationId: id, acceptedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: 'ASC' },
    });
    return { members, invitations: invitations.map(({ id: invitationId, email, role, expiresAt }) => ({ id: invitationId, email, role, expiresAt })) };
  }

  /** The caller's membership role in the organization, or null. Inside a transaction, pass its manager. */
  async roleOf(actor: Actor, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberRole | null> {
    return (await this.membership(manager, organizationId, actor.userId))?.role ?? null;
  }

  private async assertOwner(manager: EntityManager, actor: Actor, id: string): Promise<OrganizationEntity> {
    const organization = await manager.findOneBy(OrganizationEntity, { id });
    if (!organization) throw new NotFoundError('Organization');
    const membership = await this.membership(manager, id, actor.userId);
    if (!membership && !hasRole(actor, 'officer')) throw new NotFoundError('Organization');
    if (membership?.role !== 'owner') throw new ForbiddenError('Only an owner of the organization can do this');
    return organization;
  }

  /** Members and officers may read the organization; to anyone else it does not exist. */
  private async readable(actor: Actor, id: string): Promise<{ organization: OrganizationEntity; role: MemberRole | null }> {
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
    if (!organization) throw new NotFoundError('Organization');
    const role = (await this.membership(this.dataSource.manager, id, actor.userId))?.role ?? null;
    if (!role && !hasRole(actor, 'officer')) throw new NotFoundError('Organization');
    return { organization, role };
  }

  /** A read by staff who are not members, for the organization's access log (as applications' and awards' reads). */
  private async recordStaffRead(actor: Actor, id: string, action: 'organization.viewed' | 'organization.members_viewed'): Promise<void> {
    await this.audit.record(this.dataSource.manager, { actor: { id: actor.userId, role: 'officer' }, action, entityType: 'organization', entityId: id });
  }

  private membership(manager: EntityManager, organizationId: string, userId: string): Promise<OrganizationMemberEntity | null> {
    return manager.findOneBy(OrganizationMemberEntity, { organizationId, userId });
  }
}

function toColumns(profile: Partial<OrganizationProfile>): Partial<OrganizationEntity> {
  const { address, ...rest } = profile;
  const columns: Partial<OrganizationEntity> = { ...rest };
  if (address) {
    columns.addressLine1 = address.line1;
    columns.addressCity = address.city;
    columns.addressPostalCode = address.postalCode;
  }
  return columns;
}

function toOrganization(entity: OrganizationEntity): Organization {
  return {
    id: entity.id,
    legalName: entity.legalName,
    operatingName: entity.operatingName,
    type: entity.type,
    registrationNumber: entity.registrationNumber,
    region: entity.region,
    address: { line1: entity.addressLine1, city: entity.addressCity, postalCode: entity.addressPostalCode },
    indigenousLed: entity.indigenousLed,
    preferredLanguage: entity.preferredLanguage,
    version: entity.version,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

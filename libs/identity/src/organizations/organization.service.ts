import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { AppConfig, Clock, ConflictError, DomainError, ForbiddenError, NotFoundError, RuleViolationError, StaleVersionError } from '@grants/core';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { normalizeEmail } from '../auth/secret-token';
import { Actor, hasRole, Locale, MemberRole, OrganizationType, Region } from '../roles';
import { UserEntity } from '../users/user.entity';
import { OrganizationInvitationEntity } from './organization-invitation.entity';
import { OrganizationMemberEntity } from './organization-member.entity';
import { OrganizationContactEntity } from './organization-contact.entity';
import { OrganizationEntity } from './organization.entity';
import { formatBusinessNumber, parseBusinessNumber } from './rules/business-number';
import { duplicateContactEmails, hasSigningAuthority, OrganizationContact, ProfileProblem, profileProblems } from './rules/recipient-profile';

export interface OrganizationProfile {
  legalName: string;
  operatingName: string | null;
  type: OrganizationType;
  registrationNumber: string | null;
  region: Region;
  address: { line1: string; city: string; postalCode: string };
  indigenousLed: boolean;
  preferredLanguage: Locale;
  /** As typed (spaces and hyphens allowed); stored compact. Setting it clears noBusinessNumberReason. */
  businessNumber?: string | null;
  /** Setting it clears businessNumber. */
  noBusinessNumberReason?: string | null;
  /** The whole list, in order: a change replaces it. */
  contacts?: OrganizationContact[];
}

export interface Organization extends Omit<OrganizationProfile, 'businessNumber' | 'noBusinessNumberReason' | 'contacts'> {
  id: string;
  businessNumber: string | null;
  noBusinessNumberReason: string | null;
  contacts: OrganizationContact[];
  /** What the profile still lacks before the organization can submit; empty when complete. */
  profileProblems: ProfileProblem[];
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
const DAY_MS = 24 * 3600_000;

@Injectable()
export class OrganizationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, profile: OrganizationProfile): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      // An organization's owner is reached by email: it applies for public money under that address.
      const founder = await manager.findOneBy(UserEntity, { id: actor.userId });
      if (!founder?.emailVerifiedAt) {
        throw new ForbiddenError('Confirm your email address before creating an organization: use the link we emailed you, or ask for a new one.', 'EMAIL_NOT_VERIFIED');
      }
      const saved = await manager.save(manager.create(OrganizationEntity, { ...toColumns(profile), version: 1 }));
      await manager.insert(OrganizationMemberEntity, { organizationId: saved.id, userId: actor.userId, role: 'owner' });
      if (profile.contacts) await replaceContacts(manager, saved.id, profile.contacts);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: 'organization.created',
        entityType: 'organization',
        entityId: saved.id,
        toState: 'active',
        details: { owner: actor.userId },
      });
      return this.toOrganization(manager, saved);
    });
  }

  /** Members and officers read an organization; anyone else is told it does not exist. Staff reads show in its access log. */
  async get(actor: Actor, id: string): Promise<Organization> {
    const { organization, role } = await this.readable(actor, id);
    if (!role) await this.recordStaffRead(actor, id, 'organization.viewed');
    return this.toOrganization(this.dataSource.manager, organization);
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
      if (changes.contacts) await replaceContacts(manager, id, changes.contacts);
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
      return this.toOrganization(manager, current);
    });
  }

  /**
   * Invites an address to join. The answer is the same whether or not the address has an account;
   * the email says what to do in each case.
   */
  async invite(actor: Actor, id: string, rawEmail: string, role: MemberRole): Promise<{ id: string; email: string; role: MemberRole; status: 'pending'; expiresAt: Date }> {
    const email = normalizeEmail(rawEmail);
    return this.dataSource.transaction(async (manager) => {
      // Locked: two invitations sent at once both count toward the day's limit.
      const organization = await this.assertOwner(manager, actor, id, { lock: true });
      const inviter = await manager.findOneBy(UserEntity, { id: actor.userId });
      if (!inviter?.emailVerifiedAt) {
        throw new ForbiddenError('Confirm your email address before inviting anyone: use the link we emailed you, or ask for a new one.', 'EMAIL_NOT_VERIFIED');
      }
      const invitee = await manager.findOneBy(UserEntity, { email });
      if (invitee && (await this.membership(manager, id, invitee.id))) {
        throw new ConflictError('ALREADY_MEMBER', `${email} is already a member of this organization`);
      }
      const now = this.clock.now();
      await this.assertInvitationAllowance(manager, id, now);
      const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
      // A new invitation to the same address replaces the open one, whose link then stops working.
      await manager.update(OrganizationInvitationEntity, { organizationId: id, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: now });
      const invitation = await manager.save(manager.create(OrganizationInvitationEntity, { organizationId: id, email, role, invitedBy: actor.userId, createdAt: now, expiresAt }));
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
        where: { id: invitationId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
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
      where: { organizationId: id, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: 'ASC' },
    });
    return { members, invitations: invitations.map(({ id: invitationId, email, role, expiresAt }) => ({ id: invitationId, email, role, expiresAt })) };
  }

  /**
   * An owner removes a member, or a member leaves (the caller removes themself). The organization
   * keeps at least one owner. The person's access ends with the row: every read checks membership.
   * Invitations they sent that are still open end with them, so a removed owner cannot come back
   * through one.
   */
  async removeMember(actor: Actor, id: string, userId: string): Promise<void> {
    const leaving = actor.userId === userId;
    await this.dataSource.transaction(async (manager) => {
      // Locked: two owners removing each other at once must not leave the organization without one.
      const { organization, role } = await this.readable(actor, id, manager, { lock: true });
      if (!leaving && role !== 'owner') throw new ForbiddenError('Only an owner of the organization can remove its members');
      const member = await this.membership(manager, id, userId);
      if (!member) throw new NotFoundError('Member', 'MEMBER_NOT_FOUND');
      if (member.role === 'owner' && (await manager.countBy(OrganizationMemberEntity, { organizationId: id, role: 'owner' })) === 1) {
        throw new ConflictError('LAST_OWNER', 'An organization needs an owner: invite another owner, and once they have joined, you can leave.');
      }
      const now = this.clock.now();
      await manager.delete(OrganizationMemberEntity, { organizationId: id, userId });
      // The tie outlives the membership: were they staff (or later made staff), they still may not act on
      // the organization's applications (StaffIndependenceService reads it).
      await manager.query(
        `INSERT INTO staff_conflict (organization_id, user_id, kind, reason, declared_at) VALUES ($1, $2, 'former_member', $3, $4)
         ON CONFLICT (organization_id, user_id, kind) DO NOTHING`,
        [id, userId, leaving ? 'Left the organization' : 'Removed from the organization', now],
      );
      const withdrawn = await manager.update(
        OrganizationInvitationEntity,
        { organizationId: id, invitedBy: userId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
        { revokedAt: now },
      );
      const event = await this.audit.record(manager, {
        actor: { id: actor.userId, role: leaving ? member.role : 'owner' },
        action: leaving ? 'organization.member_left' : 'organization.member_removed',
        entityType: 'organization',
        entityId: id,
        details: { userId, role: member.role, invitationsWithdrawn: withdrawn.affected ?? 0 },
      });
      const person = await manager.findOneByOrFail(UserEntity, { id: userId });
      await this.notifications.sendEmail(manager, {
        key: `organization-membership-ended/${event.id}`,
        to: [person.email],
        locale: person.locale,
        template: 'organization-membership-ended',
        data: { name: person.name, organizationName: organization.legalName, reason: leaving ? 'left' : 'removed' },
      });
      if (leaving) await this.tellOwnersOfDeparture(manager, organization, person, event.id, withdrawn.affected ?? 0);
    });
  }

  /** An owner takes back an invitation not yet accepted; its link stops working at once. */
  async revokeInvitation(actor: Actor, id: string, invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertOwner(manager, actor, id);
      const now = this.clock.now();
      const invitation = await manager.findOne(OrganizationInvitationEntity, {
        where: { id: invitationId, organizationId: id, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new NotFoundError('Open invitation', 'INVITATION_NOT_FOUND');
      await manager.update(OrganizationInvitationEntity, { id: invitationId }, { revokedAt: now });
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'owner' },
        action: 'organization.invitation_revoked',
        entityType: 'organization',
        entityId: id,
        details: { invitationId, email: invitation.email, role: invitation.role },
      });
    });
  }

  /** What the organization's profile still lacks before it can submit (empty: complete). */
  async profileProblems(manager: EntityManager, organizationId: string): Promise<ProfileProblem[]> {
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: organizationId });
    return profileProblems({ ...organization, contacts: await this.contacts(manager, organizationId), memberEmails: await this.memberEmails(manager, organizationId) });
  }

  /** Whether the caller is a member and one of the organization's contacts with signing authority: who binds it. */
  async isSigningAuthority(manager: EntityManager, actor: Actor, organizationId: string): Promise<boolean> {
    if (!(await this.roleOf(actor, organizationId, manager))) return false;
    return hasSigningAuthority(await this.contacts(manager, organizationId), actor.email);
  }

  /** The organization's contacts, in order. */
  async contacts(manager: EntityManager, organizationId: string): Promise<OrganizationContact[]> {
    const rows = await manager.find(OrganizationContactEntity, { where: { organizationId }, order: { position: 'ASC' } });
    return rows.map(({ name, title, email, phone, signingAuthority }) => ({ name, title, email, phone, signingAuthority }));
  }

  /** The caller's membership role in the organization, or null. Inside a transaction, pass its manager. */
  async roleOf(actor: Actor, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberRole | null> {
    // Asked on nearly every request of an organization's member: plain SQL, no entity.
    const [row] = (await manager.query(`SELECT role FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, actor.userId])) as Array<{ role: MemberRole }>;
    return row?.role ?? null;
  }

  private async assertOwner(manager: EntityManager, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<OrganizationEntity> {
    const { organization, role } = await this.readable(actor, id, manager, options);
    if (role !== 'owner') throw new ForbiddenError('Only an owner of the organization can do this');
    return organization;
  }

  /**
   * Members and officers may read the organization; to anyone else it does not exist. `lock` holds
   * the organization's row to the end of the transaction, to serialize changes to its members.
   */
  private async readable(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager, options: { lock?: boolean } = {}): Promise<{ organization: OrganizationEntity; role: MemberRole | null }> {
    const organization = await manager.findOne(OrganizationEntity, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!organization) throw new NotFoundError('Organization');
    const role = (await this.membership(manager, id, actor.userId))?.role ?? null;
    if (!role && !hasRole(actor, 'officer')) throw new NotFoundError('Organization');
    return { organization, role };
  }

  /**
   * At most the configured number of invitations per organization in any 24 hours, revoked and
   * replaced ones included; the refusal says when the oldest of them leaves the window.
   */
  private async assertInvitationAllowance(manager: EntityManager, id: string, now: Date): Promise<void> {
    const limit = this.config.invitationsPerOrganizationPerDay;
    const sent = await manager.find(OrganizationInvitationEntity, {
      select: { id: true, createdAt: true },
      where: { organizationId: id, createdAt: MoreThan(new Date(now.getTime() - DAY_MS)) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    const oldestCounted = sent[limit - 1];
    if (!oldestCounted) return;
    const retryAt = new Date(oldestCounted.createdAt.getTime() + DAY_MS);
    throw new DomainError('rate_limited', 'INVITATION_LIMIT', `This organization has sent ${limit} invitations in the last 24 hours, the most allowed. You can invite again after ${retryAt.toISOString()}.`, {
      limit,
      retryAt: retryAt.toISOString(),
    });
  }

  /** When a member leaves on their own, the owners who remain hear of it, each in their language. */
  private async tellOwnersOfDeparture(manager: EntityManager, organization: OrganizationEntity, person: UserEntity, eventId: string, invitationsWithdrawn: number): Promise<void> {
    const owners = await manager
      .createQueryBuilder(UserEntity, 'user')
      .innerJoin(OrganizationMemberEntity, 'member', 'member.userId = user.id')
      .where('member.organizationId = :id AND member.role = :role', { id: organization.id, role: 'owner' })
      .andWhere('user.disabledAt IS NULL')
      .getMany();
    for (const owner of owners) {
      await this.notifications.sendEmail(manager, {
        key: `organization-member-departed/${eventId}/${owner.id}`,
        to: [owner.email],
        locale: owner.locale,
        template: 'organization-member-departed',
        data: { organizationName: organization.legalName, memberName: person.name, memberEmail: person.email, invitationsWithdrawn, membersUrl: this.auth.link(`/organizations/${organization.id}/members`) },
      });
    }
  }

  /** A read by staff who are not members, for the organization's access log (as applications' and awards' reads). */
  private async recordStaffRead(actor: Actor, id: string, action: 'organization.viewed' | 'organization.members_viewed'): Promise<void> {
    await this.audit.record(this.dataSource.manager, { actor: { id: actor.userId, role: 'officer' }, action, entityType: 'organization', entityId: id });
  }

  private async memberEmails(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows = (await manager.query(`SELECT u.email FROM organization_member m JOIN user_account u ON u.id = m.user_id WHERE m.organization_id = $1`, [organizationId])) as Array<{ email: string }>;
    return rows.map((row) => row.email);
  }

  private async toOrganization(manager: EntityManager, entity: OrganizationEntity): Promise<Organization> {
    const contacts = await this.contacts(manager, entity.id);
    return {
      id: entity.id,
      legalName: entity.legalName,
      operatingName: entity.operatingName,
      type: entity.type,
      registrationNumber: entity.registrationNumber,
      businessNumber: entity.businessNumber,
      noBusinessNumberReason: entity.noBusinessNumberReason,
      region: entity.region,
      address: { line1: entity.addressLine1, city: entity.addressCity, postalCode: entity.addressPostalCode },
      indigenousLed: entity.indigenousLed,
      preferredLanguage: entity.preferredLanguage,
      contacts,
      profileProblems: profileProblems({ ...entity, contacts, memberEmails: await this.memberEmails(manager, entity.id) }),
      version: entity.version,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }

  private membership(manager: EntityManager, organizationId: string, userId: string): Promise<OrganizationMemberEntity | null> {
    return manager.findOneBy(OrganizationMemberEntity, { organizationId, userId });
  }
}

function toColumns(profile: Partial<OrganizationProfile>): Partial<OrganizationEntity> {
  const { address, businessNumber, noBusinessNumberReason, contacts: _contacts, ...rest } = profile;
  const columns: Partial<OrganizationEntity> = { ...rest };
  if (address) {
    columns.addressLine1 = address.line1;
    columns.addressCity = address.city;
    columns.addressPostalCode = address.postalCode;
  }
  if (businessNumber && noBusinessNumberReason) {
    throw new RuleViolationError('BUSINESS_NUMBER_AND_REASON', 'Give the Business Number or the reason the organization has none, not both');
  }
  if (businessNumber !== undefined) {
    columns.businessNumber = businessNumber === null ? null : compactBusinessNumber(businessNumber);
    if (businessNumber !== null) columns.noBusinessNumberReason = null;
  }
  if (noBusinessNumberReason !== undefined) {
    columns.noBusinessNumberReason = noBusinessNumberReason?.trim() || null;
    if (columns.noBusinessNumberReason !== null) columns.businessNumber = null;
  }
  return columns;
}

function compactBusinessNumber(typed: string): string {
  const parsed = parseBusinessNumber(typed);
  if ('problem' in parsed) throw new RuleViolationError('INVALID_BUSINESS_NUMBER', `${typed} is not a CRA Business Number: ${BUSINESS_NUMBER_PROBLEMS[parsed.problem]}`, { problem: parsed.problem });
  return formatBusinessNumber(parsed.value);
}

export const BUSINESS_NUMBER_PROBLEMS = {
  FORMAT: 'it is nine digits, optionally followed by a program account such as RR0001',
  CHECK_DIGIT: 'its last digit does not match the first eight (check for a typo)',
  PROGRAM: 'its program account starts with a program identifier the CRA does not issue',
} as const;

/** The contacts, replaced as a whole in their order; one address once. */
async function replaceContacts(manager: EntityManager, organizationId: string, contacts: readonly OrganizationContact[]): Promise<void> {
  const duplicates = duplicateContactEmails(contacts);
  if (duplicates.length > 0) throw new RuleViolationError('DUPLICATE_CONTACT', `Each contact needs an address of their own: ${duplicates.join(', ')} is given twice`, { emails: duplicates });
  await manager.delete(OrganizationContactEntity, { organizationId });
  if (contacts.length === 0) return;
  await manager.insert(
    OrganizationContactEntity,
    contacts.map((contact, position) => ({ organizationId, position, name: contact.name.trim(), title: contact.title.trim(), email: normalizeEmail(contact.email), phone: contact.phone.trim(), signingAuthority: contact.signingAuthority })),
  );
}

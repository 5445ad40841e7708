import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MemberNotifier, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { AppConfig, Clock, ConflictError, decodeCursor, FileStorage, ForbiddenError, NotFoundError, Page, RuleViolationError, toPage } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { Actor, ADMIN_NO_CONTENT, hasRole, isAdministratorOnly, MemberRole, OrganizationEntity, OrganizationService, UserEntity } from '@grants/identity';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
import { AwardEntity, AwardPaymentEntity } from '../award.entity';
import { syncPaymentsWithSchedule } from '../payments/payment-plan-sync';
import { AgreementDrafter } from './agreement-drafter';
import { AgreementStatus, AgreementVersionEntity } from './agreement-version.entity';
import { AmendmentChanges, AmendmentProblem, amendedSchedules } from './rules/agreement-schedules';

export interface AgreementSignature {
  name: string;
  title: string;
  signedAt: Date;
  /** The SHA-256 of the PDF the signer was shown: this version's. */
  pdfSha256: string;
}

export interface AgreementVersionSummary {
  version: number;
  status: AgreementStatus;
  /** The amendment's reason; null for version 1. */
  reason: string | null;
  createdAt: Date;
  pdfSha256: string | null;
  recipientSignature: AgreementSignature | null;
  provinceSignature: AgreementSignature | null;
}

export interface Agreement extends AgreementVersionSummary {
  id: string;
  awardId: string;
  /** Whose agreement it is, for the pages' headings and the signer's attestation. */
  organizationName: string;
  referenceNumber: string | null;
  schedules: AgreementSchedules;
  totalCents: number;
  /** The version both parties signed that binds them now; null until the first is executed. */
  inForceVersion: number | null;
  /** Every version, oldest first (this one included). */
  versions: AgreementVersionSummary[];
  /** What the caller may do to this version now (the same rules sign() and countersign() apply). */
  can: { sign: boolean; countersign: boolean; amend: boolean };
}

export interface Signing {
  version: number;
  name: string;
  title: string;
  /** What the signer was shown, when the client sends it: refused if this version's PDF is not that one. */
  pdfSha256?: string;
}

export interface Countersigning {
  version: number;
  /** The approver's position; their role's name by default. */
  title?: string;
}

/** A version waiting for (or past) signatures, as staff lists show it. */
export interface AgreementListing {
  awardId: string;
  agreementVersionId: string;
  version: number;
  status: AgreementStatus;
  reason: string | null;
  referenceNumber: string | null;
  organizationId: string;
  organizationName: string;
  totalCents: number;
  createdAt: Date;
  recipientSignedAt: Date | null;
  recipientSignerName: string | null;
  /** Whether the caller may counter-sign it: an approver, not its signer, not tied to the organization. */
  canCountersign: boolean;
}

export interface AgreementQuery {
  status: AgreementStatus;
  limit: number;
  cursor?: string;
}

export interface Amendment extends AmendmentChanges {
  reason: string;
}

interface AgreementAccess {
  award: AwardEntity;
  memberRole: MemberRole | null;
  isStaff: boolean;
}

const PENDING: readonly AgreementStatus[] = ['generating', 'awaiting_recipient', 'awaiting_province'];
const DEFAULT_APPROVER_TITLE = { en: 'Authorized approver, Ministry of Children, Community and Social Services', fr: 'Approbateur autorisé, ministère des Services à l’enfance et des Services sociaux et communautaires' } as const;

/**
 * An award's Transfer Payment Agreement: version 1 comes with the award's acceptance, each later one
 * from an officer's amendment. The organization's signing authority signs a version, then an
 * approver who did not sign it counter-signs; only then is it executed, in force, and (for version 1)
 * payments may start. Both sides read every version and its signatures.
 */
@Injectable()
export class AgreementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly independence: StaffIndependenceService,
    private readonly drafter: AgreementDrafter,
    private readonly members: MemberNotifier,
    private readonly notifications: NotificationService,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The latest version (the one waiting for signatures, if any) with every version; staff reads show in the access log. */
  async get(actor: Actor, awardId: string): Promise<Agreement> {
    const access = await this.access(this.dataSource.manager, actor, awardId);
    const agreement = await this.view(this.dataSource.manager, actor, access);
    if (!access.memberRole) await this.recordStaffRead(actor, awardId, { version: agreement.version });
    return agreement;
  }

  /** For officers and approvers: the versions in a status, those waiting longest first (keyset pages). */
  async list(actor: Actor, query: AgreementQuery): Promise<Page<AgreementListing>> {
    if (!hasRole(actor, 'officer', 'approver')) throw new ForbiddenError('Only fund officers and approvers see the agreements of every organization');
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = (await this.dataSource.query(
      `SELECT v.award_id AS "awardId", v.id, v.version, v.status, v.reason, a.reference_number AS "referenceNumber", w.organization_id AS "organizationId",
              o.legal_name AS "organizationName", v.total_cents::text AS "totalCents", v.created_at AS "createdAt",
              v.recipient_signed_at AS "recipientSignedAt", v.recipient_signer_name AS "recipientSignerName", v.recipient_signed_by AS "recipientSignedBy"
         FROM agreement_version v
         JOIN award w ON w.id = v.award_id
         JOIN application a ON a.id = w.application_id
         JOIN organization o ON o.id = w.organization_id
        WHERE v.status = $1 AND ($2::timestamptz IS NULL OR (date_trunc('milliseconds', v.created_at), v.id) > ($2::timestamptz, $3::uuid))
        ORDER BY date_trunc('milliseconds', v.created_at), v.id
        LIMIT $4`,
      [query.status, after?.createdAt ?? null, after?.id ?? null, query.limit + 1],
    )) as Array<Omit<AgreementListing, 'agreementVersionId' | 'totalCents' | 'canCountersign'> & { id: string; totalCents: string; recipientSignedBy: string | null }>;
    const tied = await this.independence.conflictedOrganizations(actor);
    return toPage(rows, query.limit, ({ id, totalCents, recipientSignedBy, ...row }) => ({
      ...row,
      agreementVersionId: id,
      totalCents: Number(totalCents),
      canCountersign: hasRole(actor, 'approver') && row.status === 'awaiting_province' && recipientSignedBy !== actor.userId && !tied.has(row.organizationId),
    }));
  }

  /** A version's PDF (the latest by default), as the parties saw it when they signed. */
  async pdf(actor: Actor, awardId: string, version?: number): Promise<{ filename: string; content: Buffer; sha256: string }> {
    const access = await this.access(this.dataSource.manager, actor, awardId);
    const versions = await this.versions(this.dataSource.manager, awardId);
    const chosen = version === undefined ? versions.at(-1) : versions.find((candidate) => candidate.version === version);
    if (!chosen) throw new NotFoundError('Agreement version', 'AGREEMENT_VERSION_NOT_FOUND');
    if (!chosen.storageKey || !chosen.pdfSha256) throw new ConflictError('AGREEMENT_NOT_READY', 'The agreement’s PDF is being prepared; try again in a moment');
    if (!access.memberRole) await this.recordStaffRead(actor, awardId, { version: chosen.version, what: 'pdf' });
    const [row] = (await this.dataSource.query(`SELECT a.reference_number FROM application a WHERE a.id = $1`, [access.award.applicationId])) as Array<{ reference_number: string | null }>;
    const stem = chosen.locale === 'fr' ? 'entente' : 'agreement';
    return { filename: `${stem}-${row?.reference_number ?? awardId}-v${chosen.version}.pdf`, content: await this.storage.get(chosen.storageKey), sha256: chosen.pdfSha256 };
  }

  /** The organization's signing authority signs the version waiting for it. */
  async sign(actor: Actor, awardId: string, signing: Signing): Promise<Agreement> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.access(manager, actor, awardId, true);
      if (!access.memberRole || !(await this.organizations.isSigningAuthority(manager, actor, access.award.organizationId))) {
        throw new ForbiddenError('Only a member of the organization named in its profile as a contact with signing authority can sign its agreement', 'NOT_SIGNING_AUTHORITY');
      }
      const pending = await this.pendingVersion(manager, awardId, signing.version);
      if (pending.status === 'awaiting_province') throw new ConflictError('AGREEMENT_ALREADY_SIGNED', `Version ${pending.version} was already signed for the organization; it waits for the Province’s counter-signature`);
      if (signing.pdfSha256 && signing.pdfSha256.toLowerCase() !== pending.pdfSha256) {
        throw new ConflictError('AGREEMENT_PDF_CHANGED', 'The PDF you read is not this version’s: open the agreement again before signing', { pdfSha256: pending.pdfSha256 });
      }
      const now = this.clock.now();
      Object.assign(pending, { status: 'awaiting_province', recipientSignedBy: actor.userId, recipientSignerName: signing.name.trim(), recipientSignerTitle: signing.title.trim(), recipientSignedAt: now });
      await manager.save(pending);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: access.memberRole },
        action: 'agreement.signed',
        entityType: 'award',
        entityId: awardId,
        fromState: 'awaiting_recipient',
        toState: 'awaiting_province',
        details: { version: pending.version, name: pending.recipientSignerName, title: pending.recipientSignerTitle, pdfSha256: pending.pdfSha256, attested: true },
      });
      await this.tellApprovers(manager, access.award, pending);
      return this.view(manager, actor, access);
    });
  }

  /** An approver who did not sign for the organization counter-signs: the version is executed and in force. */
  async countersign(actor: Actor, awardId: string, countersigning: Countersigning): Promise<Agreement> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.access(manager, actor, awardId, true);
      if (!hasRole(actor, 'approver')) throw new ForbiddenError('Only an approver with expenditure authority can counter-sign for the Province', 'NOT_APPROVER');
      const pending = await this.pendingVersion(manager, awardId, countersigning.version);
      if (pending.status !== 'awaiting_province') {
        throw new ConflictError('AGREEMENT_NOT_SIGNED', `Version ${pending.version} has not been signed for the organization yet; the Province counter-signs after it`);
      }
      if (pending.recipientSignedBy === actor.userId) {
        throw new ForbiddenError('You signed this agreement for the organization; another approver must counter-sign it for the Province', 'SEPARATION_OF_DUTIES');
      }
      await this.independence.assertIndependent(manager, actor, access.award.organizationId);
      const inForce = await manager.findOneBy(AgreementVersionEntity, { awardId, status: 'executed' });
      if (inForce) await manager.update(AgreementVersionEntity, { id: inForce.id }, { status: 'superseded' });
      Object.assign(pending, {
        status: 'executed',
        provinceSignedBy: actor.userId,
        provinceSignerName: actor.name,
        provinceSignerTitle: countersigning.title?.trim() || DEFAULT_APPROVER_TITLE[pending.locale],
        provinceSignedAt: this.clock.now(),
      });
      await manager.save(pending);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'approver' },
        action: 'agreement.executed',
        entityType: 'award',
        entityId: awardId,
        fromState: 'awaiting_province',
        toState: 'executed',
        details: { version: pending.version, name: pending.provinceSignerName, title: pending.provinceSignerTitle, pdfSha256: pending.pdfSha256, ...(inForce ? { supersedes: inForce.version } : {}) },
      });
      await this.putInForce(manager, actor, access.award, pending);
      await this.tellMembersOfExecution(manager, access.award, pending);
      return this.view(manager, actor, access);
    });
  }

  /** An officer proposes the next version; the one in force stays in force until both parties sign it. */
  async amend(actor: Actor, awardId: string, amendment: Amendment): Promise<Agreement> {
    return this.dataSource.transaction(async (manager) => {
      const access = await this.access(manager, actor, awardId, true);
      if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only a fund officer can propose an amendment');
      await this.independence.assertIndependent(manager, actor, access.award.organizationId);
      const versions = await this.versions(manager, awardId);
      const pending = versions.find((version) => PENDING.includes(version.status));
      if (pending) throw new ConflictError('AMENDMENT_PENDING', `Version ${pending.version} is still waiting for signatures; it must be executed before another amendment`, { version: pending.version });
      const inForce = versions.find((version) => version.status === 'executed');
      if (!inForce) throw new ConflictError('AGREEMENT_NOT_EXECUTED', 'Only an executed agreement can be amended');
      const payments = await manager.find(AwardPaymentEntity, { where: { awardId }, select: { position: true, holdback: true, status: true, offsetCents: true } });
      const paid = payments.filter((payment) => payment.status === 'paid');
      const unpaid = payments.filter((payment) => payment.status !== 'paid');
      // A paid holdback is a paid part of the last instalment.
      const result = amendedSchedules(inForce.schedules, amendment, new Set(paid.map((payment) => (payment.holdback ? payment.position - 1 : payment.position))), unpaid);
      if ('problems' in result) {
        const [first] = result.problems as [AmendmentProblem, ...AmendmentProblem[]];
        throw new RuleViolationError(first.code, describeAmendmentProblem(first), { problems: result.problems });
      }
      await this.drafter.draftAmendment(manager, access.award, inForce, result.schedules, amendment.reason.trim(), actor);
      return this.view(manager, actor, access);
    });
  }

  /** Members of the award's organization, officers and approvers; anyone else is told it does not exist. */
  private async access(manager: EntityManager, actor: Actor, awardId: string, lock = false): Promise<AgreementAccess> {
    const award = await manager.findOne(AwardEntity, { where: { id: awardId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!award) throw new NotFoundError('Award');
    const memberRole = await this.organizations.roleOf(actor, award.organizationId, manager);
    const isStaff = hasRole(actor, 'officer', 'approver');
    if (!memberRole && !isStaff && isAdministratorOnly(actor)) throw ADMIN_NO_CONTENT();
    if (!memberRole && !isStaff) throw new NotFoundError('Award');
    if (award.status !== 'accepted') throw new NotFoundError('Agreement', 'AGREEMENT_NOT_FOUND');
    return { award, memberRole, isStaff };
  }

  private versions(manager: EntityManager, awardId: string): Promise<AgreementVersionEntity[]> {
    return manager.find(AgreementVersionEntity, { where: { awardId }, order: { version: 'ASC' } });
  }

  /** The version waiting for signatures, if it is the one the signer read (409 otherwise). */
  private async pendingVersion(manager: EntityManager, awardId: string, version: number): Promise<AgreementVersionEntity> {
    const pending = await manager.findOne(AgreementVersionEntity, { where: { awardId, status: In([...PENDING]) }, lock: { mode: 'pessimistic_write' } });
    if (!pending) throw new ConflictError('AGREEMENT_NOT_PENDING', 'No version of this agreement is waiting for signatures');
    if (pending.version !== version) {
      throw new ConflictError('STALE_VERSION', `Version ${pending.version} is the one waiting for signatures, not version ${version}: read it before signing`, { currentVersion: pending.version });
    }
    if (pending.status === 'generating') throw new ConflictError('AGREEMENT_NOT_READY', 'The agreement’s PDF is being prepared; sign it once you can read it');
    return pending;
  }

  /** What an executed version changes on the award: conditions and the unpaid payments. Payments may be requested from now on. */
  private async putInForce(manager: EntityManager, actor: Actor, award: AwardEntity, executed: AgreementVersionEntity): Promise<void> {
    const { b, e } = executed.schedules;
    if (award.conditions !== b.conditions) {
      award.conditions = b.conditions;
      award.version += 1;
      await manager.save(award);
    }
    await syncPaymentsWithSchedule(manager, this.audit, actor, award, e);
  }

  private async tellApprovers(manager: EntityManager, award: AwardEntity, signed: AgreementVersionEntity): Promise<void> {
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: award.organizationId });
    const referenceNumber = await this.referenceNumber(manager, award);
    const approvers = (await manager.query(`SELECT id, email, locale FROM user_account WHERE 'approver' = ANY (roles) AND disabled_at IS NULL AND id <> $1 ORDER BY created_at`, [
      signed.recipientSignedBy,
    ])) as Array<Pick<UserEntity, 'id' | 'email' | 'locale'>>;
    for (const approver of approvers) {
      await this.notifications.sendEmail(manager, {
        key: `agreement-signed/${signed.id}/${approver.id}`,
        to: [approver.email],
        locale: approver.locale,
        template: 'agreement-signed',
        data: {
          organizationName: organization.legalName,
          referenceNumber,
          version: signed.version,
          reason: signed.reason,
          signerName: signed.recipientSignerName!,
          signerTitle: signed.recipientSignerTitle!,
          agreementUrl: this.link(award.id),
        },
      });
    }
  }

  private async tellMembersOfExecution(manager: EntityManager, award: AwardEntity, executed: AgreementVersionEntity): Promise<void> {
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: award.organizationId });
    await this.members.emailMembers(manager, organization, `agreement-executed/${executed.id}`, 'agreement-executed', {
      organizationName: organization.legalName,
      referenceNumber: await this.referenceNumber(manager, award),
      version: executed.version,
      reason: executed.reason,
      recipientSignerName: executed.recipientSignerName!,
      provinceSignerName: executed.provinceSignerName!,
      agreementUrl: this.link(award.id),
    });
  }

  private async view(manager: EntityManager, actor: Actor, access: AgreementAccess): Promise<Agreement> {
    const versions = await this.versions(manager, access.award.id);
    const latest = versions.at(-1);
    if (!latest) throw new NotFoundError('Agreement', 'AGREEMENT_NOT_FOUND');
    const inForce = versions.find((version) => version.status === 'executed') ?? null;
    const signingAuthority = access.memberRole !== null && (await this.organizations.isSigningAuthority(manager, actor, access.award.organizationId));
    const independent = access.isStaff && (await this.independence.conflictOf(actor, access.award.organizationId, manager)) === null;
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: access.award.organizationId });
    return {
      id: latest.id,
      awardId: latest.awardId,
      organizationName: organization.legalName,
      referenceNumber: (await this.referenceNumber(manager, access.award)) || null,
      ...summary(latest),
      schedules: latest.schedules,
      totalCents: latest.totalCents,
      inForceVersion: inForce?.version ?? null,
      versions: versions.map(summary),
      can: {
        sign: signingAuthority && latest.status === 'awaiting_recipient',
        countersign: hasRole(actor, 'approver') && independent && latest.status === 'awaiting_province' && latest.recipientSignedBy !== actor.userId,
        amend: hasRole(actor, 'officer') && independent && latest.status === 'executed',
      },
    };
  }

  private async referenceNumber(manager: EntityManager, award: AwardEntity): Promise<string> {
    const [row] = (await manager.query(`SELECT reference_number FROM application WHERE id = $1`, [award.applicationId])) as Array<{ reference_number: string | null }>;
    return row?.reference_number ?? '';
  }

  private link(awardId: string): string {
    return new URL(`/awards/${awardId}/agreement`, this.config.appUrl).toString();
  }

  private async recordStaffRead(actor: Actor, awardId: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.record(this.dataSource.manager, {
      actor: { id: actor.userId, role: hasRole(actor, 'officer') ? 'officer' : 'approver' },
      action: 'agreement.viewed',
      entityType: 'award',
      entityId: awardId,
      details,
    });
  }
}

function summary(version: AgreementVersionEntity): AgreementVersionSummary {
  return {
    version: version.version,
    status: version.status,
    reason: version.reason,
    createdAt: version.createdAt,
    pdfSha256: version.pdfSha256,
    recipientSignature:
      version.recipientSignedAt && version.pdfSha256
        ? { name: version.recipientSignerName!, title: version.recipientSignerTitle!, signedAt: version.recipientSignedAt, pdfSha256: version.pdfSha256 }
        : null,
    provinceSignature:
      version.provinceSignedAt && version.pdfSha256
        ? { name: version.provinceSignerName!, title: version.provinceSignerTitle!, signedAt: version.provinceSignedAt, pdfSha256: version.pdfSha256 }
        : null,
  };
}

export function describeAmendmentProblem(problem: AmendmentProblem): string {
  switch (problem.code) {
    case 'NOTHING_TO_AMEND':
      return 'The amendment changes nothing in the agreement in force';
    case 'BUDGET_TOTAL_CHANGED':
      return `The budget lines add up to ${problem.budgetCents} cents; they must add up to the agreement’s total, ${problem.totalCents} cents`;
    case 'INVALID_BUDGET_LINE':
      return `Budget line ${problem.index + 1} needs a fiscal year such as 2027-28, a budget category and a positive amount`;
    case 'PAYMENT_PLAN_TOTAL_CHANGED':
      return `The instalments add up to ${problem.planCents} cents; they must add up to the agreement’s total, ${problem.totalCents} cents`;
    case 'PAYMENT_PLAN_LENGTH_CHANGED':
      return `The payment plan has ${problem.instalments} instalments; an amendment changes their dates and amounts, not how many there are`;
    case 'INVALID_INSTALMENT':
      return `Instalment ${problem.index + 1} needs a fiscal year such as 2027-28, a date (YYYY-MM-DD) and a positive amount`;
    case 'PAID_INSTALMENT_CHANGED':
      return `Instalment ${problem.position + 1} is already paid; it cannot change`;
    case 'INSTALMENT_BELOW_OFFSET':
      return `Instalment ${problem.position + 1} cannot be less than the ${problem.offsetCents} cents already kept from it against a recovery`;
    case 'PAYMENT_IN_APPROVAL':
      return `Instalment ${problem.position + 1} is being approved for its amount: amend it once it is paid`;
    case 'END_BEFORE_START':
      return `The end date must be a date (YYYY-MM-DD) on or after the project’s start, ${problem.startsOn}`;
  }
}

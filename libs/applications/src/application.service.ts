import { Injectable, Logger } from '@nestjs/common';
import { statusSeenBy, statusSeenBySql, statusViewerOf } from './rules/status-seen';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { CallEntity, answerProblems, callPhase, eligibilityProblems } from '@grants/calls';
import { Clock, ConflictError, DomainError, FileStorage, ForbiddenError, NotFoundError, Page, RuleViolationError, StaleVersionError } from '@grants/core';
import { Actor, ADMIN_NO_CONTENT, isAdministratorOnly, MemberRole, OrganizationEntity, OrganizationService, Panel, hasRole } from '@grants/identity';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ApplicationEntity, ApplicationStatus, isEditable } from './application.entity';
import { AttachmentEntity } from './attachment.entity';
import { BudgetLineEntity } from './budget-line.entity';
import { ScreeningStep } from './screening.entity';
import { SnapshotEntity } from './snapshot.entity';
import { StaffIndependenceService } from './staff-independence.service';
import { BudgetLine, allowedFiscalYears, budgetProblems, budgetTotalCents } from './rules/budget-rules';

export interface AttachmentView {
  id: string;
  key: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  uploadedAt: Date;
}

export interface Application {
  id: string;
  callId: string;
  organizationId: string;
  status: ApplicationStatus;
  title: string;
  summary: string;
  answers: Record<string, unknown>;
  budget: BudgetLine[];
  requestedCents: number;
  attachments: AttachmentView[];
  version: number;
  referenceNumber: string | null;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The latest eligibility screening, with the officer's reason. */
  screening: { outcome: ScreeningStep; reason: string; respondBy: Date | null; screenedAt: Date } | null;
  awardId: string | null;
  organizationName: string;
  /** The decision letter can be downloaded. */
  letterReady: boolean;
}

export interface ApplicationSummary {
  id: string;
  callId: string;
  organizationId: string;
  organizationName: string;
  status: ApplicationStatus;
  title: string;
  referenceNumber: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
  /** The sum of its budget lines, in cents. */
  requestedCents: number;
  /** The award made of it, once the decision is released. */
  awardId: string | null;
  /** The decision letter can be downloaded. */
  letterReady: boolean;
}

export interface DraftChanges {
  title?: string;
  summary?: string;
  /** Merged into the saved answers; null clears an answer. */
  answers?: Record<string, unknown>;
  /** Replaces the whole budget. */
  budget?: BudgetLine[];
}

/** What the application lists sort by. */
export const APPLICATION_SORTS = ['created', 'submitted', 'requested', 'score', 'status', 'reference', 'organization'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
/** The search of the lists: a reference number's beginning, or part of an organization's name or a project title. */
export const APPLICATION_SEARCH = { minLength: 1, maxLength: 100 } as const;

/** Unless told: the latest, the largest and the best first; statuses in the order applications go through them, references and names from A. */
export function defaultOrderOf(sort: ApplicationSort): SortOrder {
  return sort === 'status' || sort === 'reference' || sort === 'organization' ? 'asc' : 'desc';
}

export interface ApplicationQuery {
  callId?: string;
  status?: ApplicationStatus;
  /** Search (APPLICATION_SEARCH): trimmed; empty is no search. */
  q?: string;
  /** created by default. */
  sort?: ApplicationSort;
  /** defaultOrderOf(sort) by default. */
  order?: SortOrder;
  limit: number;
  cursor?: string;
}

/** How many applications a list shows with its filters, for its pagination. */
export interface ApplicationTotals {
  total: number;
  /** How many of them come before the cursor's page (0 on the first page). */
  before: number;
}

/** What was sent at one submission, frozen (SubmissionService writes it). */
export interface SnapshotContent {
  title: string;
  summary: string;
  answers: Record<string, unknown>;
  budget: BudgetLine[];
  requestedCents: number;
  attachments: Array<Pick<AttachmentView, 'id' | 'key' | 'filename' | 'sha256' | 'sizeBytes' | 'contentType'>>;
  call: { id: string; fund: string; title: Record<string, string> };
  organization: Record<string, unknown>;
}

export interface SnapshotView {
  version: number;
  submittedAt: Date;
  content: SnapshotContent;
}

/** What of an application someone outside its organization read. */
export type ViewedContent = 'application' | 'attachment' | 'snapshot' | 'letter';
/** What an assigned reviewer reads of an application: what the organization sent. */
const REVIEWERS_READ: readonly ViewedContent[] = ['application', 'attachment', 'snapshot'];
export type ApplicationViewer = 'officer' | 'reviewer' | 'admin';

export interface ApplicationRead {
  what: ViewedContent;
  /** In which capacity; by default officer (or admin), as only they read outside their organization. */
  as?: ApplicationViewer;
  attachmentId?: string;
}

/** The access an actor has to one application. */
export interface ApplicationAccess {
  application: ApplicationEntity;
  memberRole: MemberRole | null;
  isOfficer: boolean;
  /** Reads it as a reviewer assigned to it, having declared no conflict. */
  asReviewer: boolean;
}

export const DECLARE_CONFLICT_FIRST = (): DomainError =>
  new DomainError('forbidden', 'CONFLICT_DECLARATION_REQUIRED', 'Declare whether you have a conflict of interest with this applicant before seeing the application');

@Injectable()
export class ApplicationService {
  private readonly logger = new Logger(ApplicationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly storage: FileStorage,
    private readonly independence: StaffIndependenceService,
  ) {}

  /** Starts the organization's draft for a call: one draft per organization per call. */
  async createDraft(actor: Actor, callId: string, organizationId: string): Promise<Application> {
    if (!(await this.organizations.roleOf(actor, organizationId))) throw new NotFoundError('Organization');
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.findOneBy(CallEntity, { id: callId });
      if (!call || !call.publishedAt) throw new NotFoundError('Call');
      const phase = callPhase(call, this.clock.now());
      if (phase !== 'open') throw new RuleViolationError('CALL_NOT_OPEN', `This call is ${phase}: applications can be started only while it is open`);
      // The same rule as at submission: an organization the call excludes learns it before writing anything.
      const organization = await manager.findOneByOrFail(OrganizationEntity, { id: organizationId });
      const reasons = call.eligibility ? eligibilityProblems(call.eligibility, organization) : [];
      if (reasons.length > 0) throw new RuleViolationError('INELIGIBLE', `Your organization is not eligible for this call: ${reasons.join('; ')}`, { reasons });
      const existing = await manager.findOneBy(ApplicationEntity, { callId, organizationId, status: 'draft' });
      if (existing) {
        throw new ConflictError('DRAFT_EXISTS', 'Your organization already has a draft for this call: continue that one', { applicationId: existing.id });
      }
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ApplicationEntity)
        .values({ callId, organizationId, status: 'draft', title: '', summary: '', answers: {}, version: 1, createdBy: actor.userId })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) throw new ConflictError('DRAFT_EXISTS', 'Your organization already has a draft for this call: continue that one');
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'applicant' }, action: 'application.created', entityType: 'application', entityId: id, toState: 'draft', details: { callId, organizationId } });
      return this.view(manager, await manager.findOneByOrFail(ApplicationEntity, { id }));
    });
  }

  async updateDraft(actor: Actor, id: string, version: number, changes: DraftChanges): Promise<Application> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForMember(manager, actor, id);
      if (!isEditable(application.status)) {
        throw new RuleViolationError('APPLICATION_SUBMITTED', 'A submitted application cannot be changed');
      }
      if (application.version !== version) throw new StaleVersionError('The application', application.version);
      const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });

      if (changes.answers) {
        const problems = answerProblems(call.form ?? { sections: [] }, changes.answers);
        if (problems.length > 0) throw invalid('INVALID_ANSWERS', problems);
        const answers = { ...application.answers };
        for (const [key, value] of Object.entries(changes.answers)) {
          if (value === null) delete answers[key];
          else answers[key] = value;
        }
        application.answers = answers;
      }
      if (changes.budget) {
        const allowed = allowedFiscalYears(call.closesAt ?? this.clock.now(), call.maxDurationMonths ?? 12);
        const problems = budgetProblems(changes.budget, allowed);
        if (problems.length > 0) throw invalid('INVALID_BUDGET', problems);
        await manager.delete(BudgetLineEntity, { applicationId: id });
        if (changes.budget.length > 0) {
          await manager.insert(
            BudgetLineEntity,
            changes.budget.map((line, position) => ({ applicationId: id, position, ...line })),
          );
        }
      }
      if (changes.title !== undefined) application.title = changes.title;
      if (changes.summary !== undefined) application.summary = changes.summary;
      application.version += 1;
      // update, not save: save would read the row back first.
      const updated = await manager
        .createQueryBuilder()
        .update(ApplicationEntity)
        .set({ answers: application.answers, title: application.title, summary: application.summary, version: application.version })
        .where({ id })
        .returning(['updatedAt'])
        .execute();
      application.updatedAt = (updated.raw as Array<{ updated_at: Date }>)[0]!.updated_at;
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: 'application.updated',
        entityType: 'application',
        entityId: id,
        details: { fields: definedKeys(changes), version: application.version },
      });
      return application;
    });
    // Read after commit, off the transaction that held the row's lock.
    return this.view(this.dataSource.manager, saved);
  }

  async get(actor: Actor, id: string): Promise<Application> {
    const access = await this.readAccess(actor, id);
    const application = await this.view(this.dataSource.manager, access.application);
    await this.recordView(actor, access, { what: 'application' });
    return { ...application, status: await this.statusSeenBy(actor, access.application) };
  }

  /**
   * What was sent, every version (1 first; a resubmission after a request for information adds one),
   * as it was frozen at submission: reviewers assigned to it read it too. A staff read is recorded.
   */
  async snapshots(actor: Actor, id: string): Promise<SnapshotView[]> {
    const access = await this.readAccess(actor, id, 'snapshot');
    await this.recordView(actor, access, { what: 'snapshot' });
    const rows = await this.dataSource.getRepository(SnapshotEntity).find({ where: { applicationId: id }, order: { version: 'ASC' } });
    return rows.map(({ version, submittedAt, content }) => ({ version, submittedAt, content: content as unknown as SnapshotContent }));
  }

  /**
   * The application as its organization's members work on it (the applicant's form pages): an
   * officer outside the organization is refused, anyone else told it does not exist. A member's
   * read is theirs, so nothing is recorded; the status is the one they see.
   */
  async getForMember(actor: Actor, id: string): Promise<Application> {
    const access = await this.readAccess(actor, id);
    if (!access.memberRole) throw new ForbiddenError('Only members of the organization edit its application');
    const application = await this.view(this.dataSource.manager, access.application);
    return { ...application, status: await this.statusSeenBy(actor, access.application) };
  }

  /**
   * Applicants see their organizations' applications; officers see every one. Sorted by the query's
   * key (newest first by default), the id breaking ties; applications without a key (not submitted,
   * no score, no reference yet) come last whichever the order. Keyset pages: the cursor holds the
   * last item's key and id, and the sort it was made for.
   */
  async list(actor: Actor, query: ApplicationQuery): Promise<Page<ApplicationSummary>> {
    const sorting = await this.sortingOf(actor, query);
    const { key, direction } = sorting;
    const after = query.cursor ? decodeListCursor(query.cursor, sorting) : null;
    const wanted = query.limit + 1;
    const rows: ListRow[] = [];
    // Two segments, each read along its index: the keyed applications, then those without a key.
    if (!after || after.key !== null) {
      const keyed = this.listRows(actor, query, key).orderBy(key.sql, direction).addOrderBy('application.id', direction).limit(wanted);
      if (key.nullable) keyed.andWhere(`${key.sql} IS NOT NULL`);
      if (after) {
        // The bound on the key alone as well: an index of the organization (its name) takes that one, not the pair across two tables.
        keyed.andWhere(`${key.sql} ${direction === 'DESC' ? '<=' : '>='} CAST(:afterKey AS ${key.type})`);
        keyed.andWhere(`(${key.sql}, application.id) ${direction === 'DESC' ? '<' : '>'} (CAST(:afterKey AS ${key.type}), CAST(:afterId AS uuid))`, { afterKey: after.key, afterId: after.id });
      }
      rows.push(...(await keyed.getRawMany<ListRow>()));
    }
    if (key.nullable && rows.length < wanted) {
      const unkeyed = this.listRows(actor, query, key).andWhere(`${key.sql} IS NULL`).orderBy('application.id', direction).limit(wanted - rows.length);
      // After a keyed item, every unkeyed one follows; after an unkeyed one, those past its id.
      if (after?.key === null) unkeyed.andWhere(`application.id ${direction === 'DESC' ? '<' : '>'} CAST(:afterId AS uuid)`, { afterId: after.id });
      rows.push(...(await unkeyed.getRawMany<ListRow>()));
    }
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(({ sortKey: _sortKey, requestedCents, ...summary }) => ({ ...summary, requestedCents: Number(requestedCents) })),
      nextCursor: rows.length > query.limit && last ? encodeListCursor(sorting, last.sortKey, last.id) : null,
    };
  }

  /** The totals of the list this actor sees with these filters (list's), and how many come before the cursor's page in its sort. */
  async totals(actor: Actor, query: Omit<ApplicationQuery, 'limit'>): Promise<ApplicationTotals> {
    const builder = this.listed(actor, query).select('count(*)::int', 'total');
    if (query.cursor) {
      const sorting = await this.sortingOf(actor, query);
      const { key, direction } = sorting;
      const after = decodeListCursor(query.cursor, sorting);
      // The cursor is the last item of the page before: it and what sorts ahead of it came before.
      const ahead = direction === 'DESC' ? '>=' : '<=';
      const before =
        after.key === null ? `${key.sql} IS NOT NULL OR application.id ${ahead} CAST(:afterId AS uuid)` : `(${key.sql}, application.id) ${ahead} (CAST(:afterKey AS ${key.type}), CAST(:afterId AS uuid))`;
      builder.addSelect(`count(*) FILTER (WHERE ${before})::int`, 'before');
      builder.setParameters({ afterKey: after.key, afterId: after.id, ...key.parameters });
    }
    const row = await builder.getRawOne<{ total: number; before?: number }>();
    return { total: row?.total ?? 0, before: row?.before ?? 0 };
  }

  /** The list's columns, and the sort key as text for the cursor. */
  private listRows(actor: Actor, query: ApplicationQuery, key: SortKey): SelectQueryBuilder<ApplicationEntity> {
    return this.listed(actor, query)
      .select([
        'application.id AS id',
        'application.call_id AS "callId"',
        'application.organization_id AS "organizationId"',
        'organization.legal_name AS "organizationName"',
        `${statusSeenBySql(statusViewerOf(actor), 'viewerId')} AS status`,
        'application.title AS title',
        'application.reference_number AS "referenceNumber"',
        'application.submitted_at AS "submittedAt"',
        'application.updated_at AS "updatedAt"',
        'application.requested_cents AS "requestedCents"',
        '(SELECT w.id FROM award w WHERE w.application_id = application.id) AS "awardId"',
        'EXISTS (SELECT 1 FROM decision_letter l WHERE l.application_id = application.id AND l.generated_at IS NOT NULL) AS "letterReady"',
        `${key.type === 'timestamptz' ? `to_char(${key.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `(${key.sql})::text`} AS "sortKey"`,
      ])
      .setParameters(key.parameters);
  }

  /**
   * The query's sort for this actor. What the actor may not see orders nothing: the reviews' score
   * is the office's (applicants, and staff tied to an organization, sort its applications as
   * unscored), and the status is the one the actor sees.
   */
  private async sortingOf(actor: Actor, query: Pick<ApplicationQuery, 'sort' | 'order'>): Promise<Sorting> {
    const sort = query.sort ?? 'created';
    const order = query.order ?? defaultOrderOf(sort);
    const sorting = (key: Omit<SortKey, 'parameters'> & Partial<Pick<SortKey, 'parameters'>>): Sorting => ({ sort, order, direction: order === 'desc' ? 'DESC' : 'ASC', key: { parameters: {}, ...key } });
    switch (sort) {
      case 'created':
        return sorting({ sql: 'application.created_at', type: 'timestamptz', nullable: false });
      case 'submitted':
        return sorting({ sql: 'application.submitted_at', type: 'timestamptz', nullable: true });
      case 'requested':
        return sorting({ sql: 'application.requested_cents', type: 'bigint', nullable: false });
      case 'reference':
        return sorting({ sql: 'application.reference_number', type: 'text', nullable: true });
      case 'organization':
        return sorting({ sql: 'lower(organization.legal_name)', type: 'text', nullable: false });
      case 'status': {
        if (!hasRole(actor, 'officer')) return sorting({ sql: `application_status_rank(${statusSeenBySql('organization')})`, type: 'integer', nullable: false });
        const ties = await this.independence.conflictedOrganizations(actor);
        // An officer sees every status as it is (the index's order), except in the organizations they belong to.
        const member = [...ties.values()].includes('member');
        return sorting({ sql: `application_status_rank(${member ? statusSeenBySql('staff', 'viewerId') : 'application.status'})`, type: 'integer', nullable: false });
      }
      case 'score': {
        if (!hasRole(actor, 'officer')) return sorting({ sql: 'CAST(NULL AS numeric)', type: 'numeric', nullable: true });
        const tied = [...(await this.independence.conflictedOrganizations(actor)).keys()];
        if (tied.length === 0) return sorting({ sql: 'application.review_score', type: 'numeric', nullable: true });
        return sorting({
          sql: 'CASE WHEN application.organization_id = ANY(CAST(:tiedOrganizations AS uuid[])) THEN NULL ELSE application.review_score END',
          type: 'numeric',
          nullable: true,
          parameters: { tiedOrganizations: tied },
        });
      }
    }
  }

  /** The applications this actor may list (officers: every one; others: their organizations'), with the list's filters and search. */
  private listed(actor: Actor, query: Pick<ApplicationQuery, 'callId' | 'status' | 'q'>): SelectQueryBuilder<ApplicationEntity> {
    const builder = this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('application').innerJoin('organization', 'organization', 'organization.id = application.organization_id');
    if (!hasRole(actor, 'officer')) {
      builder.andWhere('application.organization_id IN (SELECT organization_id FROM organization_member WHERE user_id = :userId)', { userId: actor.userId });
    }
    if (query.callId) builder.andWhere('application.call_id = :callId', { callId: query.callId });
    if (query.status) builder.andWhere(`${statusSeenBySql(statusViewerOf(actor), 'viewerId')} = :status`, { status: query.status });
    const search = query.q?.trim();
    if (search) {
      // What was typed is text, not a pattern: % and _ match themselves.
      const typed = search.replace(/[\\%_]/g, (character) => `\\${character}`);
      builder.andWhere(
        `(application.reference_number ILIKE :searchStart OR application.title ILIKE :searchAny
          OR application.organization_id IN (SELECT o.id FROM organization o WHERE o.legal_name ILIKE :searchAny OR o.operating_name ILIKE :searchAny))`,
        { searchStart: `${typed}%`, searchAny: `%${typed}%` },
      );
    }
    return builder.setParameter('viewerId', actor.userId);
  }

  async withdraw(actor: Actor, id: string): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockForMember(manager, actor, id);
      const memberRole = await this.organizations.roleOf(actor, application.organizationId, manager);
      if (memberRole !== 'owner') throw new ForbiddenError('Only an owner of the organization can withdraw its application');
      if (!['draft', 'submitted', 'information_requested', 'in_review'].includes(application.status)) {
        const seen = await this.statusSeenBy(actor, application, manager);
        // A decision not yet released is not told, only that the review is over.
        throw new ConflictError('CANNOT_WITHDRAW', seen === application.status ? `An application that is ${seen} cannot be withdrawn` : 'The review of this application is complete: it can no longer be withdrawn');
      }
      const from = application.status;
      application.status = 'withdrawn';
      application.withdrawnAt = this.clock.now();
      application.version += 1;
      const saved = await manager.save(application);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'owner' }, action: 'application.withdrawn', entityType: 'application', entityId: id, fromState: from, toState: 'withdrawn' });
      return this.view(manager, saved);
    });
  }

  /** Whether this actor is offered withdraw(): an owner's, once sent and while the review goes on (the status the actor sees). */
  async mayWithdraw(actor: Actor, application: Pick<Application, 'status' | 'organizationId'>): Promise<boolean> {
    return ['submitted', 'information_requested', 'in_review'].includes(application.status) && (await this.organizations.roleOf(actor, application.organizationId)) === 'owner';
  }

  /** Whether deleteDraft would take this application from this actor: an owner's, while a draft (for the pages to offer it). */
  async mayDeleteDraft(actor: Actor, application: Pick<Application, 'status' | 'organizationId'>): Promise<boolean> {
    return application.status === 'draft' && (await this.organizations.roleOf(actor, application.organizationId)) === 'owner';
  }

  /**
   * Deletes a draft at an owner's request: its row, answers, budget and documents, files included.
   * A draft was never submitted, so nothing points at it (no reference number, snapshot, screening
   * or review), and the organization may start a new one for the call. The trail keeps what it was.
   * Other members are refused (403), an officer told only members change it (403), anyone else
   * told it does not exist (404); what is no longer a draft is refused (409 NOT_A_DRAFT).
   */
  async deleteDraft(actor: Actor, id: string): Promise<void> {
    const storageKeys = await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForMember(manager, actor, id);
      const memberRole = await this.organizations.roleOf(actor, application.organizationId, manager);
      if (memberRole !== 'owner') throw new ForbiddenError('Only an owner of the organization can delete its draft');
      if (application.status !== 'draft') throw new ConflictError('NOT_A_DRAFT', 'Only a draft can be deleted; a submitted application can be withdrawn');
      // Removed documents too: removing one from a draft only hid it.
      const attachments = await manager.find(AttachmentEntity, { where: { applicationId: id } });
      await manager.delete(AttachmentEntity, { applicationId: id });
      // Its budget lines go with it (ON DELETE CASCADE).
      await manager.delete(ApplicationEntity, { id });
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'owner' },
        action: 'application.deleted',
        entityType: 'application',
        entityId: id,
        fromState: 'draft',
        details: { callId: application.callId, organizationId: application.organizationId, title: application.title, attachmentsDeleted: attachments.length },
      });
      return attachments.map((attachment) => attachment.storageKey);
    });
    // Only once the rows are gone: a failed commit keeps the files its rows point at. A file left
    // behind by a failure here is unreachable (no row points at it), and logged for the office.
    for (const key of storageKeys) {
      await this.storage.remove(key).catch((error: unknown) => this.logger.warn(`file ${key} of deleted draft ${id} not removed: ${String(error)}`));
    }
  }

  /**
   * The one rule of who may read an application: members of its organization, officers, and a
   * reviewer assigned to it once they have declared no conflict of interest (before that, 403
   * CONFLICT_DECLARATION_REQUIRED), who reads what the organization sent (the application and its
   * documents), not what the office sent back (the decision letter). Anyone else is told it does
   * not exist.
   */
  async readAccess(actor: Actor, id: string, what: ViewedContent = 'application'): Promise<ApplicationAccess> {
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    if (!application) throw new NotFoundError('Application');
    const memberRole = await this.organizations.roleOf(actor, application.organizationId);
    const isOfficer = hasRole(actor, 'officer');
    if (memberRole || isOfficer) return { application, memberRole, isOfficer, asReviewer: false };
    // Refused openly: an administrator manages accounts, and is told why rather than that it does not exist.
    if (isAdministratorOnly(actor) && !hasRole(actor, 'reviewer')) throw ADMIN_NO_CONTENT();
    if (!hasRole(actor, 'reviewer') || !REVIEWERS_READ.includes(what)) throw new NotFoundError('Application');
    // The reviews library builds on this one, so the assignment is found by its table, not its entity.
    const [assignment] = (await this.dataSource.query(
      `SELECT r.conflict_declared, f.review_panel
         FROM review_assignment r
         JOIN call c ON c.id = $3
         JOIN fund f ON f.id = c.fund_id
        WHERE r.application_id = $1 AND r.reviewer_id = $2 AND r.status IN ('assigned', 'submitted')`,
      [id, actor.userId, application.callId],
    )) as Array<{ conflict_declared: boolean | null; review_panel: Panel | null }>;
    // A reviewer taken off the fund's panel reads none of its applications, not even those they reviewed before.
    if (!assignment || (assignment.review_panel && !actor.panels.includes(assignment.review_panel))) throw new NotFoundError('Application');
    if (assignment.conflict_declared !== false) throw DECLARE_CONFLICT_FIRST();
    return { application, memberRole: null, isOfficer: false, asReviewer: true };
  }

  /** The status this actor sees (statusSeenBy): a decision reaches its organization only once released. */
  async statusSeenBy(actor: Actor, application: ApplicationEntity, manager: EntityManager = this.dataSource.manager): Promise<ApplicationStatus> {
    const member = hasRole(actor, 'officer') && (await this.organizations.roleOf(actor, application.organizationId, manager)) !== null;
    const viewer = statusViewerOf(actor, member);
    if (viewer === 'staff' || (application.status !== 'approved' && application.status !== 'declined')) return statusSeenBy(viewer, application.status, false);
    const [released] = (await manager.query(`SELECT 1 FROM application_decision WHERE application_id = $1 AND released_at IS NOT NULL`, [application.id])) as unknown[];
    return statusSeenBy(viewer, application.status, Boolean(released));
  }

  /**
   * Records that someone outside the organization read its application: its owners see who in
   * their access log (the OCAP principles). Members reading their own application are not recorded.
   * Recorded before the content is returned, so nothing is read without a trace.
   */
  async recordView(actor: Actor, access: Pick<ApplicationAccess, 'application' | 'memberRole'> & Partial<Pick<ApplicationAccess, 'asReviewer'>>, read: ApplicationRead): Promise<void> {
    if (access.memberRole) return;
    const { what, as = access.asReviewer ? 'reviewer' : hasRole(actor, 'officer') ? 'officer' : 'admin', ...about } = read;
    await this.audit.record(this.dataSource.manager, {
      actor: { id: actor.userId, role: as },
      action: 'application.viewed',
      entityType: 'application',
      entityId: access.application.id,
      details: { what, ...about },
    });
  }

  /** Locks the application for a change by a member of its organization. */
  async lockForMember(manager: EntityManager, actor: Actor, id: string): Promise<ApplicationEntity> {
    return this.forMember(manager, actor, id, { lock: true });
  }

  /** lockForMember without the lock, for a check made again under the lock later (before reading an upload). */
  async forMember(manager: EntityManager, actor: Actor, id: string, { lock = false }: { lock?: boolean } = {}): Promise<ApplicationEntity> {
    // Every change to an application starts here: plain SQL read into the entity, no query builder.
    const [row] = (await manager.query(
      `SELECT id, call_id, organization_id, status, title, summary, answers, version, reference_number, submitted_at, withdrawn_at, created_by, created_at, updated_at
         FROM application WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    )) as Array<ApplicationRow>;
    const application = row ? toApplicationEntity(row) : null;
    if (!application) throw new NotFoundError('Application');
    // The transaction's own connection: queued submits each hold one while they wait for the lock.
    if (!(await this.organizations.roleOf(actor, application.organizationId, manager))) {
      if (hasRole(actor, 'officer')) throw new ForbiddenError('Only members of the organization can change its application');
      throw new NotFoundError('Application');
    }
    return application;
  }

  /** The application with its budget, attachments, latest screening and outcome: one statement, the rows read as JSON rather than hydrated as entities. */
  async view(manager: EntityManager, application: ApplicationEntity): Promise<Application> {
    const [row] = (await manager.query(
      `SELECT (SELECT coalesce(json_agg(json_build_object('fiscalYear', b.fiscal_year, 'category', b.category, 'description', b.description, 'amountCents', b.amount_cents) ORDER BY b.position), '[]')
                 FROM application_budget_line b WHERE b.application_id = $1) AS budget,
              (SELECT coalesce(json_agg(json_build_object('id', f.id, 'key', f.key, 'filename', f.filename, 'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'contentType', f.content_type, 'uploadedAt', f.created_at) ORDER BY f.created_at), '[]')
                 FROM application_attachment f WHERE f.application_id = $1 AND f.deleted_at IS NULL) AS attachments,
              (SELECT json_build_object('outcome', s.outcome, 'reason', s.reason, 'respondBy', s.respond_by, 'screenedAt', s.screened_at)
                 FROM application_screening s WHERE s.application_id = $1 ORDER BY s.screened_at DESC LIMIT 1) AS screening,
              o.legal_name,
              (SELECT w.id FROM award w WHERE w.application_id = $1) AS award_id,
              EXISTS (SELECT 1 FROM decision_letter l WHERE l.application_id = $1 AND l.generated_at IS NOT NULL) AS letter_ready
         FROM organization o WHERE o.id = $2`,
      [application.id, application.organizationId],
    )) as Array<{
      budget: Application['budget'];
      attachments: Array<Omit<AttachmentView, 'uploadedAt'> & { uploadedAt: string }>;
      screening: { outcome: ScreeningStep; reason: string; respondBy: string | null; screenedAt: string } | null;
      legal_name: string;
      award_id: string | null;
      letter_ready: boolean;
    }>;
    const budget = (row?.budget ?? []).map((line) => ({ ...line, amountCents: Number(line.amountCents) }));
    const screening = row?.screening ?? null;
    return {
      id: application.id,
      callId: application.callId,
      organizationId: application.organizationId,
      status: application.status,
      title: application.title,
      summary: application.summary,
      answers: application.answers,
      budget,
      requestedCents: budgetTotalCents(budget),
      attachments: (row?.attachments ?? []).map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes), uploadedAt: new Date(file.uploadedAt) })),
      version: application.version,
      referenceNumber: application.referenceNumber,
      submittedAt: application.submittedAt,
      withdrawnAt: application.withdrawnAt,
      createdAt: application.createdAt,
      updatedAt: application.updatedAt,
      screening: screening ? { outcome: screening.outcome, reason: screening.reason, respondBy: screening.respondBy ? new Date(screening.respondBy) : null, screenedAt: new Date(screening.screenedAt) } : null,
      organizationName: row?.legal_name ?? '',
      awardId: row?.award_id ?? null,
      letterReady: row?.letter_ready ?? false,
    };
  }
}

interface ApplicationRow {
  id: string;
  call_id: string;
  organization_id: string;
  status: ApplicationStatus;
  title: string;
  summary: string;
  answers: Record<string, unknown>;
  version: number;
  reference_number: string | null;
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

function toApplicationEntity(row: ApplicationRow): ApplicationEntity {
  return Object.assign(new ApplicationEntity(), {
    id: row.id,
    callId: row.call_id,
    organizationId: row.organization_id,
    status: row.status,
    title: row.title,
    summary: row.summary,
    answers: row.answers,
    version: row.version,
    referenceNumber: row.reference_number,
    submittedAt: row.submitted_at,
    withdrawnAt: row.withdrawn_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export function toAttachmentView(attachment: AttachmentEntity): AttachmentView {
  return {
    id: attachment.id,
    key: attachment.key,
    filename: attachment.filename,
    sizeBytes: attachment.sizeBytes,
    sha256: attachment.sha256,
    contentType: attachment.contentType,
    uploadedAt: attachment.createdAt,
  };
}

/** A list's sort key: its SQL over `application` and `organization`, the type its cursor text is read back as, and whether it may be null. */
interface SortKey {
  sql: string;
  type: 'timestamptz' | 'bigint' | 'numeric' | 'integer' | 'text';
  nullable: boolean;
  parameters: Record<string, unknown>;
}

interface Sorting {
  sort: ApplicationSort;
  order: SortOrder;
  direction: 'ASC' | 'DESC';
  key: SortKey;
}

type ListRow = Omit<ApplicationSummary, 'requestedCents'> & { requestedCents: string; sortKey: string | null };

/** The text of each key type as listRows writes it: what a cursor may carry back. */
const KEY_TEXT: Record<SortKey['type'], (text: string) => boolean> = {
  // Microseconds, as PostgreSQL keeps them: two applications started in the same millisecond stay apart.
  timestamptz: (text) => {
    const time = new Date(text).getTime();
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(text) && time >= 0 && time < Date.UTC(10_000, 0, 1) && new Date(time).toISOString().slice(0, 23) === text.slice(0, 23);
  },
  bigint: (text) => /^\d{1,18}$/.test(text),
  numeric: (text) => /^\d{1,3}\.\d{2}$/.test(text),
  integer: (text) => /^\d{1,3}$/.test(text),
  // An organization's name, lower-cased: a character may grow in lower case, hence the room.
  text: (text) => text.length <= 1000 && !text.includes('\u0000'),
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidListCursor(): DomainError {
  return new DomainError('invalid', 'INVALID_CURSOR', 'cursor is not one this API gave out for this sort and order');
}

/** Opaque keyset cursor of the lists: the sort and order it was made for, the last item's key (null: it had none) and id. */
function encodeListCursor({ sort, order }: Sorting, key: string | null, id: string): string {
  return Buffer.from(JSON.stringify([sort, order, key, id]), 'utf8').toString('base64url');
}

/** Only what encodeListCursor writes, for the same sort and order. */
function decodeListCursor(cursor: string, { sort, order, key }: Sorting): { key: string | null; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidListCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidListCursor();
  const [cursorSort, cursorOrder, cursorKey, id] = parsed as unknown[];
  if (cursorSort !== sort || cursorOrder !== order || typeof id !== 'string' || !UUID.test(id)) throw invalidListCursor();
  if (cursorKey === null) {
    if (!key.nullable) throw invalidListCursor();
    return { key: null, id };
  }
  if (typeof cursorKey !== 'string' || !KEY_TEXT[key.type](cursorKey)) throw invalidListCursor();
  return { key: cursorKey, id };
}

function invalid(code: string, problems: Array<{ field: string; message: string }>): DomainError {
  return new DomainError('invalid', code, problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), { problems });
}

/** The fields a change really carries (DTO classes declare every field, undefined when absent). */
export function definedKeys(changes: object): string[] {
  return Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}

import { randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditRecord, AuditService } from '@grants/audit';
import { AppConfig, Clock, DomainError, FileStorage, ForbiddenError, NotFoundError, ConflictError, OfficialLanguage, OutboxService } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { ontarioDate } from '../rules/award-plan';
import { DataExportEntity, DataExportStatus } from './data-export.entity';
import { dataExportJob } from './data-export-jobs';
import { EXPORT_FILTERS, EXPORT_SHEETS, EXPORT_STATUSES, exportFilename, ExportFilters, ExportKind } from './export-kinds';
import { EXPORT_CONTENT_TYPES, ExportFormat, ExportPages, writeExport } from './export-sheet';
import { ExportRead, ExportSource, ExportSources } from './export-sources';

export interface ExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  /** The headings' language; the officer's account language if left out. */
  lang?: OfficialLanguage;
  filters: ExportFilters;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  /** Written as the rows are read, never gathered whole in memory. */
  content: Readable;
}

/**
 * Up to EXPORT_INLINE_ROWS rows: the file itself. Above: the export the worker builds. Either way
 * `id` is the export's: the entity of its `export.requested` event and the `exportId` of the reads
 * it records in the organizations' access logs (an inline export has no data_export row).
 */
export type ExportAnswer = ({ background: false; id: string; totalRows: number } & ExportFile) | { background: true; id: string; status: DataExportStatus; totalRows: number };

export interface ExportCall {
  id: string;
  title: Partial<Record<OfficialLanguage, string>>;
  fundCode: string;
}

export interface ExportProgress {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  lang: OfficialLanguage;
  status: DataExportStatus;
  totalRows: number;
  rowsWritten: number;
  /** Once ready. */
  sizeBytes: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Why a failed export failed, for diagnosis: the worker's own words, in English; pages do not show it. */
  error: string | null;
}

/**
 * Officers' exports of applications, reviews, awards with payments and reports with outcomes, in
 * CSV or XLSX. A small one is streamed at once; a large one is recorded with its job in one
 * transaction and built by the worker into file storage, a page of rows at a time.
 */
@Injectable()
export class DataExportService {
  private readonly logger = new Logger(DataExportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: ExportSources,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, request: ExportRequest): Promise<ExportAnswer> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers export');
    const filters = takenFilters(request.kind, request.filters);
    const lang = request.lang ?? actor.locale;
    const source = await this.sources.open(actor, request.kind, filters, lang);
    const totalRows = await source.count();
    const details = { kind: request.kind, format: request.format, lang, filters, rows: totalRows };
    const auditActor = { id: actor.userId, role: 'officer' };
    if (totalRows <= this.config.exportInlineRows) {
      // No data_export row: the id names the export in its event and in the reads it records.
      const id = randomUUID();
      await this.audit.record(this.dataSource.manager, { actor: auditActor, action: 'export.requested', entityType: 'data_export', entityId: id, details: { ...details, background: false } });
      const content = new PassThrough();
      writeExport(request.format, lang, EXPORT_SHEETS[request.kind][lang], source.columns, this.traced(actor, id, source, false), content).catch((error: unknown) => {
        this.logger.warn({ err: error, kind: request.kind }, 'export stopped');
        content.destroy(error as Error);
      });
      return { background: false, id, totalRows, filename: exportFilename(request.kind, request.format, ontarioDate(this.clock.now())), contentType: EXPORT_CONTENT_TYPES[request.format], content };
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(DataExportEntity, { requestedBy: actor.userId, kind: request.kind, format: request.format, lang, filters, status: 'queued', totalRows, rowsWritten: 0 }),
      );
      await this.outbox.enqueue(manager, dataExportJob, saved.id, { exportId: saved.id });
      await this.audit.record(manager, { actor: auditActor, action: 'export.requested', entityType: 'data_export', entityId: saved.id, details: { ...details, background: true } });
      return saved.id;
    });
    return { background: true, id, status: 'queued', totalRows };
  }

  /** The calls an export may be filtered by (every call with an application), newest first, for the export forms. */
  async calls(actor: Actor): Promise<ExportCall[]> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers export');
    return (await this.dataSource.query(
      `SELECT c.id, c.title, f.code AS "fundCode" FROM call c JOIN fund f ON f.id = c.fund_id
        WHERE EXISTS (SELECT 1 FROM application a WHERE a.call_id = c.id) ORDER BY c.created_at DESC, c.id`,
    )) as ExportCall[];
  }

  /** How far the worker got; only the officer who asked knows the export exists. */
  async progress(actor: Actor, id: string): Promise<ExportProgress> {
    const row = await this.own(actor, id);
    return {
      id: row.id,
      kind: row.kind,
      format: row.format,
      lang: row.lang,
      status: row.status,
      totalRows: row.totalRows,
      rowsWritten: row.rowsWritten,
      sizeBytes: row.sizeBytes,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
      error: row.error,
    };
  }

  async file(actor: Actor, id: string): Promise<ExportFile> {
    const row = await this.own(actor, id);
    if (row.status !== 'ready' || !row.storageKey) throw new ConflictError('EXPORT_NOT_READY', `This export is ${row.status}, not ready to download yet`, { status: row.status, rowsWritten: row.rowsWritten, totalRows: row.totalRows });
    return { filename: exportFilename(row.kind, row.format, ontarioDate(row.createdAt)), contentType: EXPORT_CONTENT_TYPES[row.format], content: await this.storage.read(row.storageKey) };
  }

  private async own(actor: Actor, id: string): Promise<DataExportEntity> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers export');
    const row = await this.dataSource.getRepository(DataExportEntity).findOneBy({ id, requestedBy: actor.userId });
    if (!row) throw new NotFoundError('Export');
    return row;
  }

  /**
   * The worker's part: builds the file from scratch (a retry starts over, so a half-written file
   * never counts), with rows_written updated after every page, then marks it ready. The rows are
   * read as the officer who asked would read them now, so an officer who lost the role gets nothing.
   */
  async build(exportId: string, lastAttempt: boolean): Promise<void> {
    const repository = this.dataSource.getRepository(DataExportEntity);
    const row = await repository.findOneBy({ id: exportId });
    if (!row) return;
    if (row.status === 'ready' && row.storageKey && (await this.storage.exists(row.storageKey))) return;
    await repository.update({ id: exportId }, { status: 'running', rowsWritten: 0, error: null, storageKey: null, sizeBytes: null, finishedAt: null });
    try {
      const actor = await this.actorOf(row.requestedBy);
      const source = await this.sources.open(actor, row.kind, row.filters, row.lang);
      const storageKey = `exports/${row.id}`;
      let sizeBytes = 0;
      let rowsWritten = 0;
      const file = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sizeBytes += chunk.length;
          done(null, chunk);
        },
      });
      const written = writeExport(row.format, row.lang, EXPORT_SHEETS[row.kind][row.lang], source.columns, this.traced(actor, row.id, source, true), file, async (count) => {
        rowsWritten = count;
        await repository.update({ id: exportId }, { rowsWritten: count });
      }).catch((error: unknown) => {
        file.destroy(error as Error);
        throw error;
      });
      await Promise.all([this.storage.put(storageKey, file, EXPORT_CONTENT_TYPES[row.format]), written]);
      await repository.update({ id: exportId }, { status: 'ready', storageKey, sizeBytes, rowsWritten, totalRows: rowsWritten, finishedAt: this.clock.now() });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      // A refusal will not change on a retry; anything else is tried again until the last attempt.
      const final = lastAttempt || error instanceof DomainError;
      await repository.update({ id: exportId }, { status: final ? 'failed' : 'queued', error: message.slice(0, 2000), finishedAt: final ? this.clock.now() : null });
      if (!(error instanceof DomainError)) throw error;
    }
  }

  /**
   * The source's rows for the writer, each page's reads first recorded in the organizations' access
   * logs, as staff reads of their applications and awards are: one `application.viewed` or
   * `award.viewed` per application or award per export, with `{via: 'export', exportId}`, written a
   * page at a time. An organization the officer is a member of is not recorded, as a member's own
   * reads are not. A rebuild (`again`) leaves out what an earlier attempt of the export recorded.
   */
  private async *traced(actor: Actor, exportId: string, source: ExportSource, again: boolean): ExportPages {
    const memberOf = new Set(
      ((await this.dataSource.query(`SELECT organization_id FROM organization_member WHERE user_id = $1`, [actor.userId])) as Array<{ organization_id: string }>).map((row) => row.organization_id),
    );
    const seen = new Set<string>();
    for await (const page of source.pages()) {
      let reads: ExportRead[] = [];
      for (const read of page.reads) {
        if (seen.has(read.entityId) || memberOf.has(read.organizationId)) continue;
        seen.add(read.entityId);
        reads.push(read);
      }
      if (again && reads.length > 0) {
        const earlier = new Set(
          (
            (await this.dataSource.query(`SELECT entity_id FROM audit_event WHERE entity_id = ANY($1::text[]) AND action IN ('application.viewed', 'award.viewed') AND details->>'exportId' = $2`, [
              reads.map((read) => read.entityId),
              exportId,
            ])) as Array<{ entity_id: string }>
          ).map((row) => row.entity_id),
        );
        reads = reads.filter((read) => !earlier.has(read.entityId));
      }
      await this.audit.recordMany(
        this.dataSource.manager,
        reads.map(
          (read): AuditRecord => ({
            actor: { id: actor.userId, role: 'officer' },
            action: read.action,
            entityType: read.entityType,
            entityId: read.entityId,
            details: { ...(read.what ? { what: read.what } : {}), via: 'export', exportId },
          }),
        ),
      );
      yield page.rows;
    }
  }

  private async actorOf(userId: string): Promise<Actor> {
    const [user] = (await this.dataSource.query(`SELECT id, email, name, locale, roles, panels FROM user_account WHERE id = $1`, [userId])) as Array<{
      id: string;
      email: string;
      name: string;
      locale: OfficialLanguage;
      roles: Actor['roles'];
      panels: Actor['panels'];
    }>;
    if (!user) throw new NotFoundError('User');
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles, panels: user.panels, sessionId: '' };
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('The officer who asked for this export is no longer a fund officer');
    return actor;
  }
}

/** The filters the kind takes; one it does not take is refused rather than silently ignored. */
function takenFilters(kind: ExportKind, filters: ExportFilters): ExportFilters {
  const taken: ExportFilters = {};
  for (const [name, value] of Object.entries(filters) as Array<[keyof ExportFilters, string | undefined]>) {
    if (value === undefined || value === '') continue;
    if (!EXPORT_FILTERS[kind].includes(name)) throw new DomainError('invalid', 'FILTER_NOT_TAKEN', `The ${kind} export does not take ${name}; it takes ${EXPORT_FILTERS[kind].join(', ')}`);
    if (name === 'status' && !EXPORT_STATUSES[kind].includes(value)) throw new DomainError('invalid', 'FILTER_INVALID', `status ${value} is not one of the ${kind} export's statuses: ${EXPORT_STATUSES[kind].join(', ')}`);
    (taken as Record<string, string>)[name] = value;
  }
  return taken;
}

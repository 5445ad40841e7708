import { randomUUID } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { CallEntity } from '@grants/calls';
import { Clock, DomainError, FileStorage, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor } from '@grants/identity';
import { FileTypeResult, fromBuffer, fromStream } from 'file-type';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApplicationService, AttachmentView, toAttachmentView } from './application.service';
import { isEditable } from './application.entity';
import { AttachmentEntity } from './attachment.entity';
import { sanitizeFilename } from './rules/filename';
import { UploadMeter } from './upload-meter';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** An attachment that answers no required document of the call. */
export const OTHER_ATTACHMENT_KEY = 'other';

const ACCEPTED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

/** Enough of a file for its type to be told, except an Office document's (see detectType). */
const TYPE_HEAD_BYTES = 64 * 1024;

/** A file being received, as the service reads it: nothing of it is read before the upload is allowed. */
export interface IncomingFile {
  /** Which of the call's documents it is; read once the actor is known to be allowed to attach here. */
  key(): Promise<string>;
  /** Starts reading the file (for an HTTP upload, the request body); FILE_REQUIRED when none was sent. */
  open(): Promise<OpenedFile>;
}

export interface OpenedFile {
  /** The name the sender gave it, for display only. */
  originalName: string;
  stream: Readable;
}

/** A file already in memory (factories, seeders) taken through the same checks as an upload. */
export function bufferedFile(key: string, originalName: string, content: Buffer): IncomingFile {
  return { key: () => Promise.resolve(key), open: () => Promise.resolve({ originalName, stream: Readable.from(content.length > 0 ? [content] : [], { objectMode: false }) }) };
}

interface StoredFile {
  sizeBytes: number;
  sha256: string;
  type: FileTypeResult;
}

@Injectable()
export class AttachmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a document of a draft. The file is opened only once the actor may attach it here, then
   * streamed to storage, counted and hashed on the way, and refused at the first byte past 25 MiB.
   * Its type is read from its bytes; its name is for display only.
   */
  async upload(actor: Actor, applicationId: string, file: IncomingFile): Promise<AttachmentView> {
    // Checked before a byte of the upload is read (then its key, then the file), and again under the
    // lock once it is stored: a refused upload is never read, and receiving up to 25 MiB holds no
    // connection or lock.
    await this.assertCanAttach(this.dataSource.manager, actor, applicationId, null, { lock: false });
    const key = await file.key();
    await this.assertCanAttach(this.dataSource.manager, actor, applicationId, key, { lock: false });
    const { originalName, stream } = await file.open();
    const attachmentId = randomUUID();
    const storageKey = `applications/${applicationId}/${attachmentId}`;
    // Stored before the row commits: a failed commit leaves an unreferenced file, never a row without one.
    const stored = await this.store(storageKey, stream);

    return this.dataSource.transaction(async (manager) => {
      await this.assertCanAttach(manager, actor, applicationId, key, { lock: true });
      // insert, not save: save would look for a row with this new id first.
      const saved = manager.create(AttachmentEntity, {
        id: attachmentId,
        applicationId,
        key,
        filename: sanitizeFilename(originalName, stored.type.ext),
        contentType: stored.type.mime,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageKey,
        uploadedBy: actor.userId,
      });
      await manager.insert(AttachmentEntity, saved);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: 'application.attachment_added',
        entityType: 'application',
        entityId: applicationId,
        details: { attachmentId, key, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
      });
      return toAttachmentView(saved);
    });
  }

  /** Streams the file to storage; one that is too large, empty or of a refused type is not kept. */
  private async store(storageKey: string, stream: Readable): Promise<StoredFile> {
    const meter = new UploadMeter(MAX_ATTACHMENT_BYTES, TYPE_HEAD_BYTES, () => new DomainError('too_large', 'FILE_TOO_LARGE', 'Files may be 25 MiB at most'));
    // When the meter fails (too large), the pipeline destroys the source: no more of it is read,
    // and the storage keeps nothing of a failed stream.
    await this.storage.put(storageKey, pipeline(stream, meter, () => undefined));
    try {
      if (meter.bytes === 0) throw new DomainError('invalid', 'EMPTY_FILE', 'The file is empty');
      const type = await this.detectType(storageKey, meter);
      if (!type || !ACCEPTED_TYPES[type.mime]) {
        throw new DomainError('unsupported_type', 'UNSUPPORTED_FILE_TYPE', `Only ${Object.values(ACCEPTED_TYPES).join(', ')} files are accepted`);
      }
      return { sizeBytes: meter.bytes, sha256: meter.sha256(), type };
    } catch (error: unknown) {
      await this.storage.remove(storageKey);
      throw error;
    }
  }

  /**
   * The type, from the first bytes when they tell it. A DOCX or XLSX is a zip whose type is told by
   * the names of its parts, which can lie past the head: then the stored file is read again as a
   * stream (file-type reads the parts' headers and skips their contents), as a whole file would be.
   */
  private async detectType(storageKey: string, meter: UploadMeter): Promise<FileTypeResult | undefined> {
    // A file malformed enough to make file-type throw is simply not one of the accepted types.
    const fromHead = await fromBuffer(meter.head).catch(() => undefined);
    if (meter.complete || (fromHead && fromHead.mime !== 'application/zip')) return fromHead;
    const stored = await this.storage.read(storageKey);
    try {
      return await fromStream(stored).catch(() => undefined);
    } finally {
      stored.destroy();
    }
  }

  /** A member may attach to an editable draft; with a key, only a document the call asks for (or "other"). */
  private async assertCanAttach(manager: EntityManager, actor: Actor, applicationId: string, key: string | null, options: { lock: boolean }): Promise<void> {
    const application = await this.applications.forMember(manager, actor, applicationId, options);
    if (!isEditable(application.status)) throw new RuleViolationError('APPLICATION_SUBMITTED', 'A submitted application cannot be changed');
    if (key === null) return;
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const keys = [...call.requiredAttachments.map((required) => required.key), OTHER_ATTACHMENT_KEY];
    if (!keys.includes(key)) throw new DomainError('invalid', 'UNKNOWN_ATTACHMENT_KEY', `key must be one of ${keys.join(', ')}`);
  }

  async download(actor: Actor, applicationId: string, attachmentId: string): Promise<{ attachment: AttachmentView; content: Buffer }> {
    const access = await this.applications.readAccess(actor, applicationId, 'attachment');
    const attachment = await this.dataSource.getRepository(AttachmentEntity).findOneBy({ id: attachmentId, applicationId, deletedAt: IsNull() });
    if (!attachment) throw new NotFoundError('Attachment');
    const content = await this.storage.get(attachment.storageKey);
    await this.applications.recordView(actor, access, { what: 'attachment', attachmentId });
    return { attachment: toAttachmentView(attachment), content };
  }

  /** Removes a document from a draft; the file is kept, as submitted snapshots may point at it. */
  async remove(actor: Actor, applicationId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lockForMember(manager, actor, applicationId);
      if (!isEditable(application.status)) throw new RuleViolationError('APPLICATION_SUBMITTED', 'A submitted application cannot be changed');
      const result = await manager.update(AttachmentEntity, { id: attachmentId, applicationId, deletedAt: IsNull() }, { deletedAt: this.clock.now() });
      if (!result.affected) throw new NotFoundError('Attachment');
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: 'application.attachment_removed',
        entityType: 'application',
        entityId: applicationId,
        details: { attachmentId },
      });
    });
  }
}

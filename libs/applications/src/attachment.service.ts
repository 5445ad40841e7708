import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { CallEntity } from '@grants/calls';
import { Clock, DomainError, FileStorage, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor } from '@grants/identity';
import { fromBuffer } from 'file-type';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApplicationService, AttachmentView, toAttachmentView } from './application.service';
import { isEditable } from './application.entity';
import { AttachmentEntity } from './attachment.entity';
import { sanitizeFilename } from './rules/filename';

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

export interface Upload {
  key: string;
  originalName: string;
  content: Buffer;
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

  /** Stores a document of a draft. Its type is read from its bytes; its name is for display only. */
  async upload(actor: Actor, applicationId: string, upload: Upload): Promise<AttachmentView> {
    if (upload.content.length === 0) throw new DomainError('invalid', 'EMPTY_FILE', 'The file is empty');
    if (upload.content.length > MAX_ATTACHMENT_BYTES) throw new DomainError('too_large', 'FILE_TOO_LARGE', 'Files may be 25 MiB at most');
    const detected = await fromBuffer(upload.content);
    if (!detected || !ACCEPTED_TYPES[detected.mime]) {
      throw new DomainError('unsupported_type', 'UNSUPPORTED_FILE_TYPE', `Only ${Object.values(ACCEPTED_TYPES).join(', ')} files are accepted`);
    }
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const attachmentId = randomUUID();
    const storageKey = `applications/${applicationId}/${attachmentId}`;

    // Checked before the file is stored, and again under the lock after: writing up to 25 MiB
    // must not hold a database connection or the application's lock.
    await this.dataSource.transaction((manager) => this.assertCanAttach(manager, actor, applicationId, upload.key));
    // Stored before the row commits: a failed commit leaves an unreferenced file, never a row without one.
    await this.storage.put(storageKey, upload.content, detected.mime);

    return this.dataSource.transaction(async (manager) => {
      await this.assertCanAttach(manager, actor, applicationId, upload.key);
      const saved = await manager.save(
        manager.create(AttachmentEntity, {
          id: attachmentId,
          applicationId,
          key: upload.key,
          filename: sanitizeFilename(upload.originalName, detected.ext),
          contentType: detected.mime,
          sizeBytes: upload.content.length,
          sha256,
          storageKey,
          uploadedBy: actor.userId,
        }),
      );
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: 'application.attachment_added',
        entityType: 'application',
        entityId: applicationId,
        details: { attachmentId, key: upload.key, sha256, sizeBytes: upload.content.length },
      });
      return toAttachmentView(saved);
    });
  }

  private async assertCanAttach(manager: EntityManager, actor: Actor, applicationId: string, key: string): Promise<void> {
    const application = await this.applications.lockForMember(manager, actor, applicationId);
    if (!isEditable(application.status)) throw new RuleViolationError('APPLICATION_SUBMITTED', 'A submitted application cannot be changed');
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const keys = [...call.requiredAttachments.map((required) => required.key), OTHER_ATTACHMENT_KEY];
    if (!keys.includes(key)) throw new DomainError('invalid', 'UNKNOWN_ATTACHMENT_KEY', `key must be one of ${keys.join(', ')}`);
  }

  async download(actor: Actor, applicationId: string, attachmentId: string): Promise<{ attachment: AttachmentView; content: Buffer }> {
    const access = await this.applications.readAccess(actor, applicationId);
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

import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, ApplicationService, ApplicationStatus, ScreeningEntity } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, FileStorage } from '@grants/core';
import { Actor, Organization, OrganizationService } from '@grants/identity';
import { DecisionEntity } from '@grants/reviews';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementVersionEntity } from '../agreements/agreement-version.entity';
import { AwardEntity } from '../award.entity';
import { AwardService } from '../award.service';
import { letterFilename } from '../letter.service';
import { DecisionLetterEntity } from '../release.entity';
import { ontarioDate } from '../rules/award-plan';
import { AccessLogService } from './access-log.service';
import { exportReadme } from './export-readme';
import { pathSegment, slugOf, UniqueNames } from './export-names';
import { ZipWriter } from './zip-writer';

export interface OrganizationArchive {
  filename: string;
  /** A ZIP archive, written as it is read. */
  content: Readable;
}

interface StoredAttachment {
  id: string;
  key: string;
  filename: string;
  contentType: string;
  sizeBytes: string;
  sha256: string;
  storageKey: string;
  uploadedAt: Date;
  removedAt: Date | null;
}

const UNRELEASED_OUTCOMES: readonly ApplicationStatus[] = ['approved', 'declined'];

/**
 * Everything the system holds about an organization, in one archive for its owners (OCAP:
 * access and possession). The office's deliberations are left out; README.txt says which and why.
 */
@Injectable()
export class OrganizationExportService {
  private readonly logger = new Logger(OrganizationExportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly applications: ApplicationService,
    private readonly awards: AwardService,
    private readonly accessLog: AccessLogService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
  ) {}

  /** Recorded before the first byte is written, so the export itself is in the trail it carries. */
  async export(actor: Actor, organizationId: string): Promise<OrganizationArchive> {
    await this.dataSource.transaction(async (manager) => {
      await this.accessLog.assertOwner(actor, organizationId, manager);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'owner' }, action: 'organization.exported', entityType: 'organization', entityId: organizationId });
    });
    const organization = await this.organizations.get(actor, organizationId);
    const exportedAt = this.clock.now();
    const zip = new ZipWriter();
    this.write(zip, actor, organization, exportedAt).catch((error: unknown) => {
      // The response is under way: all that is left is to break it, so no one keeps half an archive as whole.
      this.logger.warn({ err: error, organizationId }, 'organization export stopped');
      zip.fail(error instanceof Error ? error : new Error(String(error)));
    });
    return { filename: `${slugOf(organization.legalName, 'organization')}-data-${ontarioDate(exportedAt)}.zip`, content: zip.stream };
  }

  private async write(zip: ZipWriter, actor: Actor, organization: Organization, exportedAt: Date): Promise<void> {
    const manager = this.dataSource.manager;
    await zip.add('README.txt', exportReadme(organization.legalName, exportedAt));
    await zip.add('organization.json', json(organization));
    await zip.add('members.json', json(await this.organizations.members(actor, organization.id)));
    const applications = await manager.find(ApplicationEntity, { where: { organizationId: organization.id }, order: { createdAt: 'ASC' } });
    const folders = new UniqueNames();
    for (const application of applications) {
      await this.writeApplication(zip, manager, application, `applications/${folders.claim(pathSegment(application.referenceNumber ?? application.id, application.id))}`);
    }
    const entries = [];
    for await (const entry of this.accessLog.entries(organization.id)) entries.push(entry);
    await zip.add('access-log.json', json(entries));
    zip.finish();
  }

  private async writeApplication(zip: ZipWriter, manager: EntityManager, application: ApplicationEntity, folder: string): Promise<void> {
    const released = await manager.findOneBy(DecisionEntity, { applicationId: application.id }).then((decision) => (decision?.releasedAt ? decision : null));
    const view = await this.applications.view(manager, application);
    const screenings = await manager.find(ScreeningEntity, { where: { applicationId: application.id }, order: { screenedAt: 'ASC' } });
    await zip.add(
      `${folder}/application.json`,
      json({
        ...view,
        // An outcome recorded but not released is still the office's deliberation.
        status: !released && UNRELEASED_OUTCOMES.includes(view.status) ? 'in_review' : view.status,
        screenings: screenings.map(({ outcome, reason, respondBy, screenedAt }) => ({ outcome, reason, respondBy, screenedAt })),
      }),
    );
    await zip.add(`${folder}/snapshots.json`, json(await this.snapshotsOf(manager, application.id)));
    await this.writeAttachments(zip, manager, application.id, folder);
    if (released) {
      const { outcome, approvedCents, conditions, feedback, releasedAt } = released;
      await zip.add(`${folder}/decision.json`, json({ outcome, approvedCents, conditions, feedback, releasedAt }));
    }
    const letter = await manager.findOneBy(DecisionLetterEntity, { applicationId: application.id });
    if (letter?.storageKey && (await this.storage.exists(letter.storageKey))) {
      await zip.add(`${folder}/${pathSegment(letterFilename(letter, application.referenceNumber), 'letter.pdf')}`, await this.storage.get(letter.storageKey));
    }
    const award = await manager.findOneBy(AwardEntity, { applicationId: application.id });
    if (award) {
      await zip.add(`${folder}/award.json`, json(await this.awards.view(manager, award, false)));
      await this.writeAgreement(zip, manager, award.id, folder);
    }
  }

  /** Every version of the award's agreement, with its signatures, and the PDF each party saw. */
  private async writeAgreement(zip: ZipWriter, manager: EntityManager, awardId: string, folder: string): Promise<void> {
    const versions = await manager.find(AgreementVersionEntity, { where: { awardId }, order: { version: 'ASC' } });
    if (versions.length === 0) return;
    await zip.add(
      `${folder}/agreement.json`,
      json(
        versions.map((version) => ({
          version: version.version,
          status: version.status,
          reason: version.reason,
          createdAt: version.createdAt,
          pdfSha256: version.pdfSha256,
          schedules: version.schedules,
          recipientSignature: version.recipientSignedAt ? { name: version.recipientSignerName, title: version.recipientSignerTitle, signedAt: version.recipientSignedAt } : null,
          provinceSignature: version.provinceSignedAt ? { name: version.provinceSignerName, title: version.provinceSignerTitle, signedAt: version.provinceSignedAt } : null,
        })),
      ),
    );
    for (const version of versions) {
      if (version.storageKey && (await this.storage.exists(version.storageKey))) await zip.add(`${folder}/agreement-v${version.version}.pdf`, await this.storage.get(version.storageKey));
    }
  }

  /** Every document uploaded, removed ones too: the files are kept, as submitted snapshots point at them. */
  private async writeAttachments(zip: ZipWriter, manager: EntityManager, applicationId: string, folder: string): Promise<void> {
    const attachments = (await manager.query(
      `SELECT id, key, filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256, storage_key AS "storageKey",
              created_at AS "uploadedAt", deleted_at AS "removedAt"
         FROM application_attachment WHERE application_id = $1 ORDER BY created_at, id`,
      [applicationId],
    )) as StoredAttachment[];
    const names = new UniqueNames();
    const listing = [];
    for (const attachment of attachments) {
      // A file missing from storage is listed as missing rather than failing the whole archive.
      const stored = await this.storage.exists(attachment.storageKey);
      const file = stored ? `attachments/${names.claim(pathSegment(attachment.filename, attachment.id))}` : null;
      if (file) await zip.add(`${folder}/${file}`, await this.storage.get(attachment.storageKey));
      const { id, key, filename, contentType, sizeBytes, sha256, uploadedAt, removedAt } = attachment;
      listing.push({ file, missingFromStorage: !stored, id, key, filename, contentType, sizeBytes: Number(sizeBytes), sha256, uploadedAt, removedAt });
    }
    await zip.add(`${folder}/attachments.json`, json(listing));
  }

  private async snapshotsOf(manager: EntityManager, applicationId: string): Promise<Array<{ version: number; submittedAt: Date; content: unknown }>> {
    return (await manager.query(`SELECT version, submitted_at AS "submittedAt", content FROM application_snapshot WHERE application_id = $1 ORDER BY version`, [applicationId])) as Array<{
      version: number;
      submittedAt: Date;
      content: unknown;
    }>;
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MemberNotifier } from '@grants/applications';
import { AppConfig, FileStorage, HandlesJob, JobHandler } from '@grants/core';
import { AgreementContent, AgreementRenderer, uncoveredCodePoints } from '@grants/documents';
import { OrganizationEntity, OrganizationService } from '@grants/identity';
import { DataSource } from 'typeorm';
import { AgreementVersionEntity } from './agreement-version.entity';
import { RenderAgreementPayload, renderAgreementJob } from './agreement-jobs';

/**
 * A version's PDF: rendered, stored with its SHA-256 (what the signatures refer to), then the
 * organization's members are asked to have it signed. Safe to run again: a version already past
 * `generating` is left alone, and the email's key is the version's.
 */
@Injectable()
@HandlesJob(renderAgreementJob)
export class RenderAgreementHandler implements JobHandler<RenderAgreementPayload> {
  private readonly logger = new Logger(RenderAgreementHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderer: AgreementRenderer,
    private readonly storage: FileStorage,
    private readonly organizations: OrganizationService,
    private readonly members: MemberNotifier,
    private readonly config: AppConfig,
  ) {}

  async handle({ agreementVersionId }: RenderAgreementPayload): Promise<void> {
    const version = await this.dataSource.getRepository(AgreementVersionEntity).findOneBy({ id: agreementVersionId });
    if (!version) throw new Error(`no agreement version ${agreementVersionId}`);
    if (version.status !== 'generating') return;
    const { content, organization, referenceNumber } = await this.contentFor(version);
    const missing = uncoveredCodePoints(JSON.stringify(content));
    if (missing.length > 0) this.logger.warn({ agreementVersionId, codePoints: missing }, 'agreement text has characters no embedded font covers');
    const pdf = await this.renderer.render(content);
    const storageKey = `agreements/${version.awardId}/v${version.version}`;
    await this.storage.put(storageKey, pdf, 'application/pdf');
    await this.dataSource.transaction(async (manager) => {
      const ready = await manager
        .createQueryBuilder()
        .update(AgreementVersionEntity)
        .set({ status: 'awaiting_recipient', storageKey, pdfSha256: createHash('sha256').update(pdf).digest('hex'), sizeBytes: pdf.length, generatedAt: new Date() })
        .where('id = :id AND status = :status', { id: version.id, status: 'generating' })
        .execute();
      if (!ready.affected) return;
      await this.members.emailMembers(manager, organization, `agreement-ready/${version.id}`, 'agreement-ready', {
        organizationName: organization.legalName,
        referenceNumber,
        version: version.version,
        reason: version.reason,
        totalCents: version.totalCents,
        agreementUrl: new URL(`/awards/${version.awardId}/agreement`, this.config.appUrl).toString(),
      });
    });
  }

  private async contentFor(version: AgreementVersionEntity): Promise<{ content: AgreementContent; organization: OrganizationEntity; referenceNumber: string }> {
    const [row] = (await this.dataSource.query(
      `SELECT w.organization_id, a.reference_number, c.title AS call_title, f.name_en, f.name_fr
         FROM award w
         JOIN application a ON a.id = w.application_id
         JOIN call c ON c.id = w.call_id
         JOIN fund f ON f.id = c.fund_id
        WHERE w.id = $1`,
      [version.awardId],
    )) as Array<{ organization_id: string; reference_number: string | null; call_title: Partial<Record<'en' | 'fr', string>>; name_en: string; name_fr: string }>;
    if (!row) throw new Error(`no award ${version.awardId} for its agreement`);
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: row.organization_id });
    const contacts = await this.organizations.contacts(this.dataSource.manager, organization.id);
    const locale = version.locale;
    const referenceNumber = row.reference_number ?? '';
    return {
      organization,
      referenceNumber,
      content: {
        locale,
        version: version.version,
        amendmentReason: version.reason,
        preparedAt: version.createdAt,
        referenceNumber,
        fundName: locale === 'fr' ? row.name_fr : row.name_en,
        callTitle: row.call_title[locale] ?? '',
        recipient: {
          legalName: organization.legalName,
          operatingName: organization.operatingName,
          businessNumber: organization.businessNumber,
          addressLine1: organization.addressLine1,
          addressCity: organization.addressCity,
          addressPostalCode: organization.addressPostalCode,
        },
        signingAuthorities: contacts.filter((contact) => contact.signingAuthority).map(({ name, title }) => ({ name, title })),
        schedules: version.schedules,
      },
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, ApplicationService } from '@grants/applications';
import { CallEntity, FundEntity } from '@grants/calls';
import { AppConfig, FileStorage, NotFoundError } from '@grants/core';
import { LetterContent } from '@grants/documents';
import { Actor, OrganizationEntity, UserEntity } from '@grants/identity';
import { DecisionEntity } from '@grants/reviews';
import { DataSource, EntityManager } from 'typeorm';
import { AwardEntity, AwardPaymentEntity, AwardReportEntity } from './award.entity';
import { DecisionLetterEntity } from './release.entity';

export interface LetterFile {
  filename: string;
  content: Buffer;
}

const FILENAME = { award: { en: 'award-letter', fr: 'lettre-octroi' }, decline: { en: 'decision-letter', fr: 'lettre-decision' } } as const;

/** What a decision letter says, gathered from the decision and its award; and the stored letters. */
@Injectable()
export class LetterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** The stored PDF, for the organization's members and officers; 404 until it is generated. */
  async download(actor: Actor, applicationId: string): Promise<LetterFile> {
    const access = await this.applications.readAccess(actor, applicationId, 'letter');
    const letter = await this.dataSource.getRepository(DecisionLetterEntity).findOneBy({ applicationId });
    if (!letter?.storageKey || !(await this.storage.exists(letter.storageKey))) throw new NotFoundError('Letter');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id: applicationId });
    await this.applications.recordView(actor, access, { what: 'letter' });
    return { filename: letterFilename(letter, application.referenceNumber), content: await this.storage.get(letter.storageKey) };
  }

  async contentFor(manager: EntityManager, letter: DecisionLetterEntity): Promise<LetterContent> {
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: letter.applicationId });
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const fund = await manager.findOneByOrFail(FundEntity, { id: call.fundId });
    const decision = await manager.findOneByOrFail(DecisionEntity, { applicationId: application.id });
    const officer = await manager.findOneByOrFail(UserEntity, { id: decision.decidedBy });
    const locale = letter.locale;
    const base = {
      locale,
      issuedAt: decision.releasedAt!,
      organization: {
        legalName: organization.legalName,
        addressLine1: organization.addressLine1,
        addressCity: organization.addressCity,
        addressPostalCode: organization.addressPostalCode,
      },
      referenceNumber: application.referenceNumber ?? '',
      fundName: locale === 'fr' ? fund.nameFr : fund.nameEn,
      callTitle: call.title[locale] ?? '',
      applicationTitle: application.title,
      officerName: officer.name,
      contact: this.config.officeContact,
    };
    if (letter.kind === 'decline') return { ...base, kind: 'decline', feedback: decision.feedback };
    const award = await manager.findOneByOrFail(AwardEntity, { applicationId: application.id });
    const payments = await manager.find(AwardPaymentEntity, { where: { awardId: award.id }, order: { position: 'ASC' } });
    const reports = await manager.find(AwardReportEntity, { where: { awardId: award.id }, order: { dueOn: 'ASC', kind: 'DESC' } });
    return {
      ...base,
      kind: 'award',
      approvedCents: award.approvedCents,
      conditions: award.conditions,
      payments: payments.map(({ fiscalYear, amountCents, dueOn }) => ({ fiscalYear, amountCents, dueOn })),
      reports: reports.map(({ kind, period, dueOn }) => ({ kind, period, dueOn })),
      acceptBy: award.acceptBy,
      acceptUrl: new URL(`/awards/${award.id}`, this.config.appUrl).toString(),
    };
  }
}

export function letterFilename(letter: Pick<DecisionLetterEntity, 'kind' | 'locale'>, referenceNumber: string | null): string {
  return `${referenceNumber ?? 'application'}-${FILENAME[letter.kind][letter.locale]}.pdf`;
}

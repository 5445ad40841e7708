import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CallEntity, FundEntity, Question } from '@grants/calls';
import { FileStorage, JobRequeueService, NotFoundError, OfficialLanguage, OutboxService } from '@grants/core';
import { SubmissionContent, SubmittedAnswer } from '@grants/documents';
import { Actor, OrganizationEntity } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { ApplicationService, SnapshotContent } from './application.service';
import { budgetTotalCents, isBudgetCategory } from './rules/budget-rules';
import { SnapshotEntity } from './snapshot.entity';
import { renderSubmissionJob, submissionJobKey, submissionPdfKey } from './submission-pdf-jobs';

/** A PDF not stored yet: being prepared, or being tried again after its render failed for good. */
export type SubmissionPdfStatus = 'preparing' | 'retrying';

/** A submitted version's PDF once the worker has stored it; until then, how it is coming along. */
export type SubmissionPdf = { ready: true; filename: string; content: Buffer } | { ready: false; status: SubmissionPdfStatus };

/** The PDF of each submitted version: what it says (from the snapshot), and the stored files. */
@Injectable()
export class SubmissionPdfService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly outbox: OutboxService,
    private readonly jobs: JobRequeueService,
    private readonly storage: FileStorage,
  ) {}

  /**
   * The stored PDF of one version, for whoever may read what was sent (readAccess); a version that
   * was never sent, or an application the actor may not read, does not exist. A version whose PDF
   * is not stored has it made: queued once (a version sent before PDFs were made, or whose job has
   * not run), or made again when its render failed for good or its file was deleted since.
   */
  async download(actor: Actor, applicationId: string, version: number): Promise<SubmissionPdf> {
    const access = await this.applications.readAccess(actor, applicationId, 'snapshot');
    if (!(await this.dataSource.getRepository(SnapshotEntity).existsBy({ applicationId, version }))) throw new NotFoundError('Version');
    const key = submissionPdfKey(applicationId, version);
    if (!(await this.storage.exists(key))) return { ready: false, status: await this.prepare(applicationId, version) };
    await this.applications.recordView(actor, access, { what: 'snapshot' });
    return { ready: true, filename: submissionPdfFilename(access.application.referenceNumber, version), content: await this.storage.get(key) };
  }

  /**
   * Queues the render, or puts it back when it ended without a stored PDF; a render still to run is
   * left alone. Two requests at once put it back once (see JobRequeueService), and a render that
   * finds the PDF stored does nothing, so the PDF is never made twice at the same time.
   */
  private async prepare(applicationId: string, version: number): Promise<SubmissionPdfStatus> {
    const jobId = await this.outbox.enqueue(this.dataSource.manager, renderSubmissionJob, submissionJobKey(applicationId, version), { applicationId, version });
    const requeued = await this.jobs.requeue(renderSubmissionJob.queue, jobId, ['failed', 'completed']);
    return requeued === 'failed' ? 'retrying' : 'preparing';
  }

  /**
   * What the version's PDF says, in the organization's language: the snapshot as it was sent, each
   * answer under its question in the call's form. Snapshots seeded before they held the call and the
   * organization fall back on the current ones.
   */
  async contentFor(manager: EntityManager, applicationId: string, version: number): Promise<SubmissionContent> {
    const snapshot = await manager.findOneByOrFail(SnapshotEntity, { applicationId, version });
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: applicationId });
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const fund = await manager.findOneByOrFail(FundEntity, { id: call.fundId });
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
    const sent = snapshot.content as Partial<SnapshotContent>;
    const sentLanguage = sent.organization?.preferredLanguage;
    const locale: OfficialLanguage = sentLanguage === 'en' || sentLanguage === 'fr' ? sentLanguage : organization.preferredLanguage;
    const answers = sent.answers ?? {};
    const budget = sent.budget ?? [];
    const documentLabels = new Map(call.requiredAttachments.map((required) => [required.key, required.label[locale]]));
    return {
      locale,
      fundName: locale === 'fr' ? fund.nameFr : fund.nameEn,
      callTitle: sent.call?.title[locale] ?? call.title[locale] ?? '',
      organizationName: typeof sent.organization?.legalName === 'string' ? sent.organization.legalName : organization.legalName,
      referenceNumber: application.referenceNumber ?? '',
      version,
      submittedAt: snapshot.submittedAt,
      title: sent.title ?? '',
      summary: sent.summary ?? '',
      sections: (call.form?.sections ?? []).map((section) => ({
        title: section.title[locale],
        questions: section.questions.map((question) => ({ label: question.label[locale], answer: submittedAnswer(locale, question, answers[question.key]) })),
      })),
      budget: budget.map((line) => ({ fiscalYear: line.fiscalYear, category: isBudgetCategory(line.category) ? line.category : null, description: line.description ?? '', amountCents: line.amountCents })),
      requestedCents: sent.requestedCents ?? budgetTotalCents(budget),
      attachments: (sent.attachments ?? []).map((attachment) => ({ label: documentLabels.get(attachment.key) ?? attachment.key, filename: attachment.filename, sizeBytes: attachment.sizeBytes })),
    };
  }
}

/** `CBSF-2027-0042-v1.pdf`. */
export function submissionPdfFilename(referenceNumber: string | null, version: number): string {
  return `${referenceNumber ?? 'application'}-v${version}.pdf`;
}

/** An answer as the question's type reads it; a value of another shape (an older form) is shown as it is. */
function submittedAnswer(locale: OfficialLanguage, question: Question, value: unknown): SubmittedAnswer {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return { kind: 'none' };
  const label = (choice: unknown): string => question.options?.find((option) => option.value === choice)?.label[locale] ?? String(choice);
  switch (question.type) {
    case 'number':
      if (typeof value === 'number') return { kind: 'number', value };
      break;
    case 'choice':
      return { kind: 'choices', labels: [label(value)] };
    case 'multichoice':
      return { kind: 'choices', labels: (Array.isArray(value) ? value : [value]).map(label) };
    case 'yesno':
      if (typeof value === 'boolean') return { kind: 'yesno', value };
      break;
    case 'date':
      if (typeof value === 'string') return { kind: 'date', isoDate: value };
      break;
  }
  return { kind: 'text', text: String(value) };
}

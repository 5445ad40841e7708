import { allowedFiscalYears, Application, ApplicationService, AttachmentService, bufferedFile, ScreeningService, SubmissionService } from '@grants/applications';
import { ReleaseProgress, ReleaseService } from '@grants/awards';
import { Call, FundCode } from '@grants/calls';
import { Actor } from '@grants/identity';
import { AssignmentService, Decision, DecisionService, RankingService, ReviewAssignmentEntity } from '@grants/reviews';
import { ServiceTestContext } from '../service-context';
import { createPublishedCall, TestCall } from './call.factory';
import { createOrganization, TestOrganization } from './organization.factory';

/** The smallest file the attachment service's type sniffer takes for a PDF. */
export const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export interface TestApplication extends TestOrganization, TestCall {
  /** As the organization saw it after the factory's last step. */
  application: Application;
}

export interface ApplicationOptions {
  /** The call applied to; a new published call of `fund` by default. */
  call?: TestCall;
  /** The fund of the new call when `call` is not given; CBSF by default. */
  fund?: FundCode;
  /** The applicant; a new organization by default, Indigenous-led for an ILIF call. */
  organization?: TestOrganization;
  /** The member who drafts and submits; the owner by default. */
  by?: Actor;
  /** Whether the draft has everything submission needs (the default), or is only started. */
  complete?: boolean;
  requestedCents?: number;
}

export interface ApplicationInReviewOptions extends ApplicationOptions {
  /** Assigned by hand, in order, once the application is screened in. */
  reviewers?: Actor[];
}

export interface TestApplicationInReview extends TestApplication {
  assignments: ReviewAssignmentEntity[];
}

/**
 * An organization's draft for an open call, through ApplicationService and AttachmentService:
 * the answer the call requires, a one-line budget in the first fiscal year the call allows,
 * and the financial statements.
 */
export async function createDraftApplication(services: ServiceTestContext, options: ApplicationOptions = {}): Promise<TestApplication> {
  const testCall = options.call ?? (await createPublishedCall(services, { fund: options.fund }));
  const { call } = testCall;
  const testOrganization = options.organization ?? (await createOrganization(services, { indigenousLed: call.fundCode === 'ILIF' }));
  const by = options.by ?? testOrganization.owner;
  const applications = services.get(ApplicationService);
  let application = await applications.createDraft(by, call.id, testOrganization.organization.id);
  if (options.complete ?? true) {
    application = await applications.updateDraft(by, application.id, application.version, {
      title: 'Safe housing and outreach',
      summary: 'Transitional housing with an outreach worker.',
      answers: { need: 'Transitional housing for survivors in the region.' },
      budget: [{ fiscalYear: firstFiscalYear(call), category: 'personnel', description: 'Outreach worker', amountCents: options.requestedCents ?? 7_250_050 }],
    });
    await services.get(AttachmentService).upload(by, application.id, bufferedFile('financial_statements', 'financial-statements.pdf', MINIMAL_PDF));
    application = await applications.get(by, application.id);
  }
  return { ...testCall, ...testOrganization, application };
}

/** A complete draft submitted through SubmissionService: it has its reference number. */
export async function createSubmittedApplication(services: ServiceTestContext, options: ApplicationOptions = {}): Promise<TestApplication> {
  const draft = await createDraftApplication(services, { ...options, complete: true });
  const by = options.by ?? draft.owner;
  await services.get(SubmissionService).submit(by, draft.application.id);
  return { ...draft, application: await services.get(ApplicationService).get(by, draft.application.id) };
}

/** A submitted application the call's officer screened in (eligible), with `reviewers` assigned by hand. */
export async function createApplicationInReview(services: ServiceTestContext, options: ApplicationInReviewOptions = {}): Promise<TestApplicationInReview> {
  const submitted = await createSubmittedApplication(services, options);
  const { officer, application } = submitted;
  await services.get(ScreeningService).screen(officer, application.id, 'eligible', 'Complete and eligible');
  const assignments: ReviewAssignmentEntity[] = [];
  for (const reviewer of options.reviewers ?? []) {
    assignments.push(await services.get(AssignmentService).assign(officer, application.id, reviewer.userId));
  }
  return { ...submitted, application: await services.get(ApplicationService).get(submitted.owner, application.id), assignments };
}

/**
 * The call's officer approves (the whole request) or declines, with a rationale; against the
 * ranking's funding line with a reason, as the rules require. Not released.
 */
export async function decideApplication(services: ServiceTestContext, { officer, call, application }: TestApplication, outcome: 'approved' | 'declined'): Promise<Decision> {
  const place = await services.get(RankingService).placeOf(officer, call.id, application.id);
  if (!place) throw new Error(`application ${application.id} is not in the ranking of its call: is it in review?`);
  const ranked = place.ranked ?? { ...place.awaiting, aboveFundingLine: null };
  const againstTheLine = ranked.aboveFundingLine !== null && (outcome === 'approved' ? !ranked.aboveFundingLine : ranked.aboveFundingLine);
  return services.get(DecisionService).decide(officer, application.id, {
    outcome,
    approvedCents: outcome === 'approved' ? ranked.requestedCents : null,
    conditions: '',
    rationale: outcome === 'approved' ? 'Strong community need' : 'Outside the priorities of this call',
    overrideReason: againstTheLine ? 'Decided against the ranking for the test' : null,
    feedback: outcome === 'declined' ? 'The need is not shown clearly enough.' : null,
  });
}

/** The officer releases every decided application of the call (letters and awards are queued in the outbox). */
export function releaseDecisions(services: ServiceTestContext, { officer, call }: TestCall): Promise<ReleaseProgress> {
  return services.get(ReleaseService).release(officer, call.id);
}

function firstFiscalYear(call: Call): string {
  const [first] = allowedFiscalYears(call.closesAt!, call.maxDurationMonths!);
  return first!;
}

import {
  addMember,
  createApplicationInReview,
  createIlifPanelReviewer,
  createOfficer,
  createOrganization,
  createPublishedCall,
  createReviewer,
  createSubmittedApplication,
  refusalOf,
  serviceTestContext,
  ServiceTestContext,
} from '@grants/testing';
import { Actor, OrganizationService } from '@grants/identity';
import { isolatedEnvironment } from '../../../test/support/databases';
import { AssignmentService } from './assignment.service';
import { ReviewService } from './review.service';

/**
 * Automatic assignment per call (AssignmentService.autoAssign). Its own database: the pool is
 * every reviewer of the fund, so here it is exactly the five reviewers made below.
 */
describe('automatic assignment of reviewers', () => {
  let services: ServiceTestContext;
  let officer: Actor;
  /** Four community reviewers and one of the ILIF panel, who reviews for the CBSF too. */
  let community: Actor[];
  let panelist: Actor;
  let assignments: AssignmentService;

  beforeAll(async () => {
    services = await serviceTestContext({ env: await isolatedEnvironment('assignment') });
    assignments = services.get(AssignmentService);
    officer = await createOfficer(services);
    community = [];
    for (let i = 1; i <= 4; i++) community.push(await createReviewer(services, { name: `Community reviewer ${i}` }));
    panelist = await createIlifPanelReviewer(services, { name: 'Panel reviewer' });
  });
  afterAll(() => services.close());

  /** Who is on the application, by status, as the officer sees its reviews. */
  async function reviewersOf(applicationId: string, status = 'assigned'): Promise<string[]> {
    return (await services.get(ReviewService).reviewsOf(officer, applicationId)).filter((review) => review.status === status).map((review) => review.reviewerId);
  }

  it('gives each application in review the call’s number of reviewers, balanced, and only what is missing when run again', async () => {
    const call = await createPublishedCall(services, { officer, terms: { reviewersPerApplication: 2 } });
    const inReview = [
      await createApplicationInReview(services, { call }),
      await createApplicationInReview(services, { call }),
      await createApplicationInReview(services, { call }),
    ];
    const notScreened = await createSubmittedApplication(services, { call });

    expect(await assignments.autoAssign(officer, call.call.id)).toEqual({ created: 6, shortfalls: [], conflicted: [] });

    const onEach = await Promise.all(inReview.map(({ application }) => reviewersOf(application.id)));
    for (const reviewers of onEach) expect(new Set(reviewers).size).toBe(2);
    expect(await reviewersOf(notScreened.application.id)).toEqual([]);
    // Six places among five reviewers: nobody carries more than one more than another.
    const loads = [...community, panelist].map((reviewer) => onEach.flat().filter((id) => id === reviewer.userId).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);

    expect(await assignments.autoAssign(officer, call.call.id)).toEqual({ created: 0, shortfalls: [], conflicted: [] });
  });

  it('never gives an application to a reviewer who is a member of the applicant organization', async () => {
    // Every reviewer is wanted, so the one who works for the applicant is the one left out.
    const call = await createPublishedCall(services, { officer, terms: { reviewersPerApplication: 5 } });
    const employer = await createOrganization(services, { legalName: 'Refuge où travaille une réviseure' });
    await addMember(services, employer, 'editor', community[0]);
    const { application } = await createApplicationInReview(services, { call, organization: employer });

    expect(await assignments.autoAssign(officer, call.call.id)).toEqual({ created: 4, shortfalls: [{ applicationId: application.id, missing: 1 }], conflicted: [] });
    expect(await reviewersOf(application.id)).not.toContain(community[0]!.userId);
  });

  it('replaces a reviewer who declares a conflict at once, and never gives the application back to them or to a reviewer the office removed', async () => {
    const call = await createPublishedCall(services, { officer, terms: { reviewersPerApplication: 1 } });
    const { application } = await createApplicationInReview(services, { call });
    await assignments.autoAssign(officer, call.call.id);
    const [conflicted] = await reviewersOf(application.id);

    const [conflictedAssignment] = (await services.get(ReviewService).reviewsOf(officer, application.id)).filter((review) => review.reviewerId === conflicted);
    const reviewer = [...community, panelist].find((candidate) => candidate.userId === conflicted)!;
    await assignments.declareConflict(reviewer, conflictedAssignment!.id, true, 'I sit on its board');
    const [replacement] = await reviewersOf(application.id);
    expect(replacement).toEqual(expect.any(String));
    expect(replacement).not.toBe(conflicted);
    expect(await reviewersOf(application.id, 'recused')).toEqual([conflicted]);

    const [replacementAssignment] = (await services.get(ReviewService).reviewsOf(officer, application.id)).filter((review) => review.reviewerId === replacement && review.status === 'assigned');
    await assignments.remove(officer, replacementAssignment!.id);
    // Loads in the call are as they were when the replacement was chosen, so without the rule the
    // same reviewer would be chosen again.
    expect(await assignments.autoAssign(officer, call.call.id)).toEqual({ created: 1, shortfalls: [], conflicted: [] });
    const [third] = await reviewersOf(application.id);
    expect([conflicted, replacement]).not.toContain(third);
    expect(await reviewersOf(application.id, 'removed')).toEqual([replacement]);
  });

  it('assigns ILIF applications to the Indigenous review panel only, says how many reviewers are missing, and offers nobody else by hand', async () => {
    const call = await createPublishedCall(services, { officer, fund: 'ILIF', terms: { reviewersPerApplication: 2 } });
    const { application } = await createApplicationInReview(services, { call });

    expect(await assignments.autoAssign(officer, call.call.id)).toEqual({ created: 1, shortfalls: [{ applicationId: application.id, missing: 1 }], conflicted: [] });
    expect(await reviewersOf(application.id)).toEqual([panelist.userId]);
    expect((await assignments.assignableReviewers(officer, application.id)).map((candidate) => candidate.id)).toEqual([]);
  });
  it('never gives a reviewer the applications of an organization they belonged to, by hand or automatically', async () => {
    const call = await createPublishedCall(services, { officer, terms: { reviewersPerApplication: 6 } });
    const inReview = await createApplicationInReview(services, { call });
    const former = await addMember(services, inReview, 'editor', await createReviewer(services, { name: 'Former member' }));
    await services.get(OrganizationService).removeMember(inReview.owner, inReview.organization.id, former.userId);

    expect(await refusalOf(assignments.assign(officer, inReview.application.id, former.userId))).toEqual({ kind: 'rule_violation', code: 'REVIEWER_NOT_ELIGIBLE' });
    expect((await assignments.assignableReviewers(officer, inReview.application.id)).map((candidate) => candidate.id)).not.toContain(former.userId);
    await assignments.autoAssign(officer, call.call.id);
    const assigned = await reviewersOf(inReview.application.id);
    expect(assigned).toHaveLength(5);
    expect(assigned).not.toContain(former.userId);
  });
});

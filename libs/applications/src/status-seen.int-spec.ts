import {
  addMember,
  createApplicationInReview,
  decideApplication,
  releaseDecisions,
  serviceTestContext,
  ServiceTestContext,
} from '@grants/testing';
import { Actor } from '@grants/identity';
import { isolatedEnvironment } from '../../../test/support/databases';
import { ApplicationStatus } from './application.entity';
import { ApplicationService } from './application.service';

/**
 * The status each viewer sees (statusSeenBy), through the reads the pages and the API make.
 * Its own database: releasing queues letters in the outbox, which no worker should pick up here.
 */
describe('the status each viewer sees', () => {
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext({ env: await isolatedEnvironment('status_seen') });
  });
  afterAll(() => services.close());

  /** The status in the application's read and in its call's list, which must agree. */
  async function seenBy(actor: Actor, applicationId: string, callId: string): Promise<{ read: ApplicationStatus; listed: ApplicationStatus | undefined }> {
    const applications = services.get(ApplicationService);
    const read = (await applications.get(actor, applicationId)).status;
    const listed = (await applications.list(actor, { callId, limit: 50 })).items.find((item) => item.id === applicationId)?.status;
    return { read, listed };
  }

  /** Whether filtering the call's list by `status` finds the application for this viewer. */
  async function foundByStatus(actor: Actor, applicationId: string, callId: string, status: ApplicationStatus): Promise<boolean> {
    const page = await services.get(ApplicationService).list(actor, { callId, status, limit: 50 });
    return page.items.some((item) => item.id === applicationId);
  }

  it.each(['approved', 'declined'] as const)(
    'shows the organization "in review" until a decision (%s) is released, while the officer sees it at once',
    async (outcome) => {
      const inReview = await createApplicationInReview(services);
      const editor = await addMember(services, inReview, 'editor');
      const { application, call, officer } = inReview;
      const inReviewForAll = { read: 'in_review', listed: 'in_review' };
      expect(await seenBy(editor, application.id, call.id)).toEqual(inReviewForAll);
      expect(await seenBy(officer, application.id, call.id)).toEqual(inReviewForAll);

      await decideApplication(services, inReview, outcome);
      const decided = { read: outcome, listed: outcome };
      for (const member of [inReview.owner, editor]) {
        expect(await seenBy(member, application.id, call.id)).toEqual(inReviewForAll);
        // A filter on the decision does not reveal it either.
        expect(await foundByStatus(member, application.id, call.id, outcome)).toBe(false);
        expect(await foundByStatus(member, application.id, call.id, 'in_review')).toBe(true);
      }
      expect(await seenBy(officer, application.id, call.id)).toEqual(decided);
      expect(await foundByStatus(officer, application.id, call.id, outcome)).toBe(true);

      await releaseDecisions(services, inReview);
      for (const member of [inReview.owner, editor]) {
        expect(await seenBy(member, application.id, call.id)).toEqual(decided);
        expect(await foundByStatus(member, application.id, call.id, outcome)).toBe(true);
      }
      expect(await seenBy(officer, application.id, call.id)).toEqual(decided);
    },
  );
});

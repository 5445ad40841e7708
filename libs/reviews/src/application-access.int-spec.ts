import { randomUUID } from 'node:crypto';
import { ApplicationService, AttachmentService } from '@grants/applications';
import { AccessLogService, LetterService } from '@grants/awards';
import { Actor } from '@grants/identity';
import {
  addMember,
  createApplicationInReview,
  createIlifPanelReviewer,
  createOrganization,
  createReviewer,
  createSubmittedApplication,
  refusalOf,
  serviceTestContext,
  ServiceTestContext,
} from '@grants/testing';
import { AssignmentService } from './assignment.service';
import { ReviewService } from './review.service';

/**
 * Who may read an application, through ReviewService.readApplication: the read behind
 * GET /api/v1/applications/:id and the reviewer's page, which hands members and officers to
 * ApplicationService.get and lets a reviewer read only what is assigned to them.
 */
describe('who may read an application', () => {
  let services: ServiceTestContext;
  let read: (actor: Actor, applicationId: string) => Promise<unknown>;

  beforeAll(async () => {
    services = await serviceTestContext();
    const reviews = services.get(ReviewService);
    read = (actor, applicationId) => reviews.readApplication(actor, applicationId);
  });
  afterAll(() => services.close());


  it('lets every member of the organization read and list it, and tells a member of another organization it does not exist', async () => {
    const applied = await createSubmittedApplication(services);
    const editor = await addMember(services, applied, 'editor');
    const { owner: outsider } = await createOrganization(services, { legalName: 'Another Shelter' });

    await expect(read(editor, applied.application.id)).resolves.toMatchObject({ id: applied.application.id, referenceNumber: applied.application.referenceNumber, answers: applied.application.answers });
    const listed = await services.get(ApplicationService).list(editor, { limit: 10 });
    expect(listed.items.map((item) => item.id)).toEqual([applied.application.id]);

    // The same answer as for an id that was never used: nothing tells the outsider it exists.
    expect(await refusalOf(read(outsider, applied.application.id))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    expect(await refusalOf(read(outsider, applied.application.id))).toEqual(await refusalOf(read(outsider, randomUUID())));
    expect((await services.get(ApplicationService).list(outsider, { limit: 10 })).items).toEqual([]);
  });

  it('lets an officer read any organization’s application, and shows the read in the organization’s access log', async () => {
    const applied = await createSubmittedApplication(services);
    const accessLog = services.get(AccessLogService);

    // A member's own read is not an access to record.
    await read(applied.owner, applied.application.id);
    expect((await accessLog.forOwner(applied.owner, applied.organization.id, { limit: 50 })).items.filter((entry) => entry.action === 'application.viewed')).toEqual([]);

    await expect(read(applied.officer, applied.application.id)).resolves.toMatchObject({ id: applied.application.id, answers: applied.application.answers });
    const viewed = (await accessLog.forOwner(applied.owner, applied.organization.id, { limit: 50 })).items.filter((entry) => entry.action === 'application.viewed');
    expect(viewed).toEqual([
      expect.objectContaining({ entityId: applied.application.id, referenceNumber: applied.application.referenceNumber, actor: { name: applied.officer.name, role: 'officer' } }),
    ]);
  });

  it('lets a reviewer read only an application assigned to them, after declaring no conflict, and no longer once removed; the organization sees the read', async () => {
    const [assigned, other] = [await createReviewer(services), await createReviewer(services)];
    const inReview = await createApplicationInReview(services, { reviewers: [assigned] });
    const [assignment] = inReview.assignments;
    const applicationId = inReview.application.id;

    expect(await refusalOf(read(other, applicationId))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    // Nothing of the application before the reviewer says whether they have a conflict.
    expect(await refusalOf(read(assigned, applicationId))).toEqual({ kind: 'forbidden', code: 'CONFLICT_DECLARATION_REQUIRED' });

    await services.get(AssignmentService).declareConflict(assigned, assignment!.id, false, null);
    await expect(read(assigned, applicationId)).resolves.toMatchObject({ id: applicationId, answers: inReview.application.answers });
    expect(await refusalOf(read(other, applicationId))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    // What the organization sent, documents included; not what the office sends back.
    const [document] = inReview.application.attachments;
    await expect(services.get(AttachmentService).download(assigned, applicationId, document!.id)).resolves.toMatchObject({ attachment: { id: document!.id } });
    await expect(services.get(LetterService).download(assigned, applicationId)).rejects.toThrow('Application not found');
    // The organization sees that a reviewer read it, and only the read that succeeded.
    const viewed = (await services.get(AccessLogService).forOwner(inReview.owner, inReview.organization.id, { limit: 50 })).items.filter((entry) => entry.action === 'application.viewed');
    expect(viewed.map((entry) => entry.actor)).toEqual([
      { name: assigned.name, role: 'reviewer' },
      { name: assigned.name, role: 'reviewer' },
    ]);

    await services.get(AssignmentService).remove(inReview.officer, assignment!.id);
    expect(await refusalOf(read(assigned, applicationId))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
  });

  it('keeps an ILIF application from reviewers outside the Indigenous review panel: they can neither be assigned it nor read it', async () => {
    const [panelist, community] = [await createIlifPanelReviewer(services), await createReviewer(services)];
    const inReview = await createApplicationInReview(services, { fund: 'ILIF', reviewers: [panelist] });
    const applicationId = inReview.application.id;
    expect(inReview.organization.indigenousLed).toBe(true);

    expect(await refusalOf(services.get(AssignmentService).assign(inReview.officer, applicationId, community.userId))).toEqual({ kind: 'rule_violation', code: 'REVIEWER_NOT_ELIGIBLE' });
    expect(await refusalOf(read(community, applicationId))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });

    await services.get(AssignmentService).declareConflict(panelist, inReview.assignments[0]!.id, false, null);
    await expect(read(panelist, applicationId)).resolves.toMatchObject({ id: applicationId });
  });
});

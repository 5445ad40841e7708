import { randomUUID } from 'node:crypto';
import { AccessLogService } from '@grants/awards';
import {
  addMember,
  createApplicationInReview,
  createDraftApplication,
  createOrganization,
  decideApplication,
  refusalOf,
  serviceTestContext,
  ServiceTestContext,
} from '@grants/testing';
import { ApplicationService } from './application.service';

/**
 * ApplicationService.getForMember: the read behind the applicant's form pages (task list, parts,
 * check, confirmation). Members only; an officer outside the organization is refused rather than
 * shown the form, and nothing is recorded in the organization's access log either way.
 */
describe('the application as its members work on it', () => {
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext();
  });
  afterAll(() => services.close());


  it('lets every member read the draft, refuses an officer outside the organization, tells anyone else it does not exist, and records none of it', async () => {
    const drafted = await createDraftApplication(services);
    const editor = await addMember(services, drafted, 'editor');
    const { owner: outsider } = await createOrganization(services, { legalName: 'Another Shelter' });
    const applications = services.get(ApplicationService);

    for (const member of [drafted.owner, editor]) {
      await expect(applications.getForMember(member, drafted.application.id)).resolves.toMatchObject({ id: drafted.application.id, status: 'draft', title: drafted.application.title });
    }
    expect(await refusalOf(applications.getForMember(drafted.officer, drafted.application.id))).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(await refusalOf(applications.getForMember(outsider, drafted.application.id))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    expect(await refusalOf(applications.getForMember(outsider, drafted.application.id))).toEqual(await refusalOf(applications.getForMember(outsider, randomUUID())));

    const log = await services.get(AccessLogService).forOwner(drafted.owner, drafted.organization.id, { limit: 50 });
    expect(log.items.filter((entry) => entry.action === 'application.viewed')).toEqual([]);
  });

  it('shows members "in review" for a decision not yet released', async () => {
    const inReview = await createApplicationInReview(services);
    await decideApplication(services, inReview, 'approved');
    await expect(services.get(ApplicationService).getForMember(inReview.owner, inReview.application.id)).resolves.toMatchObject({ status: 'in_review' });
  });
});

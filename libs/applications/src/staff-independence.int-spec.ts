import { Actor } from '@grants/identity';
import { addMember, createOfficer, createOrganization, createSubmittedApplication, refusalOf, serviceTestContext, ServiceTestContext } from '@grants/testing';
import { DataSource } from 'typeorm';
import { ApplicationService } from './application.service';
import { ScreeningService } from './screening.service';
import { StaffConflictService } from './staff-conflict.service';
import { StaffIndependenceService } from './staff-independence.service';

/** Separation of duties at the service: who counts as tied to an organization, and what a refusal leaves behind. */
describe('staff independence from applicant organizations', () => {
  let services: ServiceTestContext;
  let independence: StaffIndependenceService;

  beforeAll(async () => {
    services = await serviceTestContext();
    independence = services.get(StaffIndependenceService);
  });
  afterAll(() => services.close());

  it('counts an editor as much as an owner, and a refused screening changes nothing and records nothing', async () => {
    const submitted = await createSubmittedApplication(services);
    const editor: Actor = await addMember(services, submitted, 'editor', await createOfficer(services));
    expect(await independence.conflictOf(editor, submitted.organization.id)).toBe('member');

    expect(await refusalOf(services.get(ScreeningService).screen(editor, submitted.application.id, 'eligible', 'Looks fine'))).toEqual({ kind: 'forbidden', code: 'STAFF_CONFLICT' });
    expect((await services.get(ApplicationService).get(submitted.officer, submitted.application.id)).status).toBe('submitted');
    const events = (await services.get(DataSource).query(`SELECT action FROM audit_event WHERE entity_id = $1 AND actor_id = $2`, [submitted.application.id, editor.userId])) as unknown[];
    expect(events).toEqual([]);

    await services.get(ScreeningService).screen(submitted.officer, submitted.application.id, 'eligible', 'Complete and eligible');
  });

  it('extends a declaration to the whole organization, and to no other', async () => {
    const officer = await createOfficer(services);
    const submitted = await createSubmittedApplication(services);
    const elsewhere = await createOrganization(services, { legalName: 'Another Shelter' });
    expect(await independence.conflictOf(officer, submitted.organization.id)).toBeNull();

    await services.get(StaffConflictService).declare(officer, submitted.application.id, 'My partner works there');
    expect(await independence.conflictOf(officer, submitted.organization.id)).toBe('declared');
    expect(await independence.conflictOf(officer, elsewhere.organization.id)).toBeNull();
    expect(await refusalOf(services.get(StaffConflictService).declare(officer, submitted.application.id, 'Again'))).toEqual({ kind: 'conflict', code: 'ALREADY_DECLARED' });

    // A membership says more than a declaration: the page tells the officer they belong to it.
    await addMember(services, submitted, 'editor', officer);
    expect(await independence.conflictOf(officer, submitted.organization.id)).toBe('member');
    expect(await independence.conflictedOrganizations(officer)).toEqual(new Map([[submitted.organization.id, 'member']]));
  });
});

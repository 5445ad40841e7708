import { addMember, createOrganization, refusalOf, serviceTestContext, ServiceTestContext } from '@grants/testing';
import { OrganizationService } from './organization.service';

/** OrganizationService.removeMember when two changes to the same organization's members meet. */
describe('membership that ends, at the same time', () => {
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext();
  });
  afterAll(() => services.close());

  it('never leaves an organization without an owner when its two owners remove each other at once', async () => {
    const created = await createOrganization(services);
    const partner = await addMember(services, created, 'owner');
    const organizations = services.get(OrganizationService);
    const { organization, owner } = created;

    const outcomes = await Promise.allSettled([organizations.removeMember(owner, organization.id, partner.userId), organizations.removeMember(partner, organization.id, owner.userId)]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    // The second is refused: the one who was removed first is no longer anyone's owner.
    const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')!;
    expect(await refusalOf(Promise.reject(refused.reason))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    const remaining = [await organizations.roleOf(owner, organization.id), await organizations.roleOf(partner, organization.id)];
    expect(remaining.filter((role) => role === 'owner')).toHaveLength(1);
  });

  it('lets only one of two owners leave when they leave at once', async () => {
    const created = await createOrganization(services);
    const partner = await addMember(services, created, 'owner');
    const organizations = services.get(OrganizationService);
    const { organization, owner } = created;

    const outcomes = await Promise.allSettled([organizations.removeMember(owner, organization.id, owner.userId), organizations.removeMember(partner, organization.id, partner.userId)]);

    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(await refusalOf(Promise.reject(refused[0]!.reason))).toEqual({ kind: 'conflict', code: 'LAST_OWNER' });
  });
});

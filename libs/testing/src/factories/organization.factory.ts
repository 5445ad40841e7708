import { Actor, DATA_SHARING_VERSION, DataSharingService, MemberRole, Organization, OrganizationProfile, OrganizationService } from '@grants/identity';
import { ServiceTestContext } from '../service-context';
import { createApplicant } from './user.factory';

export interface TestOrganization {
  organization: Organization;
  owner: Actor;
}

export interface OrganizationOptions extends Partial<OrganizationProfile> {
  /** The account that registers it and becomes its owner; a new applicant by default. */
  owner?: Actor;
  /** An Indigenous-led organization's owner accepts the data-sharing agreement, as ILIF submissions need (true by default). */
  acceptDataSharing?: boolean;
}

const COMMUNITY_ORGANIZATION: OrganizationProfile = {
  legalName: 'Refuge Arc-en-ciel',
  operatingName: null,
  type: 'non_profit',
  registrationNumber: null,
  region: 'toronto',
  address: { line1: '10 Queen St W', city: 'Toronto', postalCode: 'M5H 2N2' },
  indigenousLed: false,
  preferredLanguage: 'en',
};

const INDIGENOUS_LED_ORGANIZATION: OrganizationProfile = {
  ...COMMUNITY_ORGANIZATION,
  legalName: 'Nishnawbe Healing Lodge',
  type: 'first_nation',
  region: 'north',
  address: { line1: '1 Lakeshore Rd', city: 'Thunder Bay', postalCode: 'P7B 1A1' },
  indigenousLed: true,
};

/** A Business Number and two contacts, the owner with signing authority: what a submission needs. */
export function completeProfileFor(owner: Actor): Pick<OrganizationProfile, 'businessNumber' | 'contacts'> {
  return {
    businessNumber: '123456782RR0001',
    contacts: [
      { name: owner.name, title: 'Executive Director', email: owner.email, phone: '416-555-0134', signingAuthority: true },
      { name: 'Sam Okafor', title: 'Program Manager', email: `programs.${owner.email}`, phone: '416-555-0199', signingAuthority: false },
    ],
  };
}

/** An organization registered through OrganizationService by its owner (a community non-profit by default). */
export async function createOrganization(services: ServiceTestContext, options: OrganizationOptions = {}): Promise<TestOrganization> {
  const { owner: given, acceptDataSharing = true, ...profile } = options;
  const owner = given ?? (await createApplicant(services));
  const base = profile.indigenousLed ? INDIGENOUS_LED_ORGANIZATION : COMMUNITY_ORGANIZATION;
  const organization = await services.get(OrganizationService).create(owner, { ...base, ...completeProfileFor(owner), ...profile });
  if (organization.indigenousLed && acceptDataSharing) {
    await services.get(DataSharingService).accept(owner, organization.id, { version: DATA_SHARING_VERSION, name: owner.name, title: 'Executive Director' });
  }
  return { organization, owner };
}

export function createIndigenousLedOrganization(services: ServiceTestContext, options: Omit<OrganizationOptions, 'indigenousLed'> = {}): Promise<TestOrganization> {
  return createOrganization(services, { ...options, indigenousLed: true });
}

/** Someone invited by the owner who accepted: the consenting path the product takes. */
export async function addMember(services: ServiceTestContext, { organization, owner }: TestOrganization, role: MemberRole = 'editor', member?: Actor): Promise<Actor> {
  const joining = member ?? (await createApplicant(services));
  const organizations = services.get(OrganizationService);
  const invitation = await organizations.invite(owner, organization.id, joining.email, role);
  await organizations.acceptInvitation(joining, invitation.id);
  return joining;
}

import type { Organization } from '@grants/identity';
import { differingFields, invitationFormProblems, normalizePostalCode, organizationFormProblems, profileChanges, readOrganizationForm, savedOrganizationForm, toProfile } from './organization-form';

const TYPED = {
  legalName: ' Services communautaires Nouvelle Voie ',
  operatingName: '',
  type: 'non_profit',
  registrationNumber: ' 123456789RR0001 ',
  region: 'east',
  addressLine1: '215, rue Principale',
  addressCity: 'Ottawa',
  postalCode: 'k1n5m1',
  indigenousLed: 'no',
  preferredLanguage: 'fr',
};

const SAVED: Organization = {
  id: '00000000-0000-4000-8000-000000000001',
  legalName: 'Services communautaires Nouvelle Voie',
  operatingName: null,
  type: 'non_profit',
  registrationNumber: '123456789RR0001',
  region: 'east',
  address: { line1: '215, rue Principale', city: 'Ottawa', postalCode: 'K1N 5M1' },
  indigenousLed: false,
  preferredLanguage: 'fr',
  version: 3,
  createdAt: new Date(),
  updatedAt: new Date(),
};

describe('the organization form', () => {
  it('writes a Canadian postal code as Canada Post does, and refuses what is not one', () => {
    expect(normalizePostalCode('k1n5m1')).toBe('K1N 5M1');
    expect(normalizePostalCode(' K1N-5M1 ')).toBe('K1N 5M1');
    expect(normalizePostalCode('p0t 2m0')).toBe('P0T 2M0');
    // O instead of zero; no D, F, I, O, Q, U anywhere, no W or Z first; US ZIP codes.
    for (const typed of ['K1A OB1', 'D1A 0B1', 'W1A 0B1', 'K1A 0BI', '90210', 'K1A 0B', 'K1A 0B12']) expect(normalizePostalCode(typed)).toBeNull();
  });

  it('asks for what is required, one problem per field in the order of the page', () => {
    const problems = organizationFormProblems(readOrganizationForm({ legalName: '  ', type: 'corporation', postalCode: 'K1A OB1', operatingName: 'x'.repeat(201) }));
    expect(problems.map((problem) => [problem.field, problem.kind])).toEqual([
      ['legalName', 'missing'],
      ['operatingName', 'tooLong'],
      ['type', 'missing'],
      ['region', 'missing'],
      ['addressLine1', 'missing'],
      ['addressCity', 'missing'],
      ['postalCode', 'invalid'],
      ['indigenousLed', 'missing'],
      ['preferredLanguage', 'missing'],
    ]);
    expect(organizationFormProblems(readOrganizationForm(TYPED))).toEqual([]);
  });

  it('saves the profile trimmed, with optional fields cleared to nothing, and only what changed', () => {
    const profile = toProfile(readOrganizationForm(TYPED));
    expect(profile).toEqual({
      legalName: 'Services communautaires Nouvelle Voie',
      operatingName: null,
      type: 'non_profit',
      registrationNumber: '123456789RR0001',
      region: 'east',
      address: { line1: '215, rue Principale', city: 'Ottawa', postalCode: 'K1N 5M1' },
      indigenousLed: false,
      preferredLanguage: 'fr',
    });
    expect(profileChanges(SAVED, profile)).toEqual({});
    expect(profileChanges(SAVED, { ...profile, operatingName: 'Nouvelle Voie', address: { ...profile.address, city: 'Gatineau' } })).toEqual({
      operatingName: 'Nouvelle Voie',
      address: { line1: '215, rue Principale', city: 'Gatineau', postalCode: 'K1N 5M1' },
    });
  });

  it('lists the saved values that differ from what was typed, after someone else saved', () => {
    const saved = savedOrganizationForm({ ...SAVED, operatingName: 'Nouvelle Voie', region: 'toronto' });
    expect(differingFields(saved, readOrganizationForm(TYPED))).toEqual(['operatingName', 'region']);
    expect(differingFields(savedOrganizationForm(SAVED), readOrganizationForm(TYPED))).toEqual([]);
  });

  it('invites an email address as owner or editor', () => {
    expect(invitationFormProblems(' amelie@example.org ', 'editor')).toEqual([]);
    expect(invitationFormProblems('amelie@', 'admin').map((problem) => problem.field)).toEqual(['email', 'role']);
  });
});

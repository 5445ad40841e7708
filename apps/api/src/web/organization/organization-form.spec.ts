import type { Organization } from '@grants/identity';
import {
  contactProblems,
  differingFields,
  invitationFormProblems,
  normalizePostalCode,
  organizationFormProblems,
  profileChanges,
  readOrganizationForm,
  savedOrganizationForm,
  toProfile,
} from './organization-form';

const TYPED = {
  legalName: ' Services communautaires Nouvelle Voie ',
  operatingName: '',
  type: 'non_profit',
  registrationNumber: ' 123456789RR0001 ',
  hasBusinessNumber: 'yes',
  businessNumber: ' 123 456 782-rr0001 ',
  noBusinessNumberReason: '',
  region: 'east',
  addressLine1: '215, rue Principale',
  addressCity: 'Ottawa',
  postalCode: 'k1n5m1',
  indigenousLed: 'no',
  preferredLanguage: 'fr',
  'contacts-0-name': ' Marie Tremblay ',
  'contacts-0-title': 'Directrice générale',
  'contacts-0-email': ' Marie@NouvelleVoie.ca ',
  'contacts-0-phone': '613-555-0134',
  'contacts-0-signingAuthority': 'yes',
  'contacts-1-name': '',
  'contacts-1-title': '',
  'contacts-1-email': '',
  'contacts-1-phone': '',
  'contacts-2-name': 'Luc Gagnon',
  'contacts-2-title': 'Coordonnateur',
  'contacts-2-email': 'luc@nouvellevoie.ca',
  'contacts-2-phone': '(613) 555-0199 poste 12',
};

const CONTACTS = [
  { name: 'Marie Tremblay', title: 'Directrice générale', email: 'marie@nouvellevoie.ca', phone: '613-555-0134', signingAuthority: true },
  { name: 'Luc Gagnon', title: 'Coordonnateur', email: 'luc@nouvellevoie.ca', phone: '(613) 555-0199 poste 12', signingAuthority: false },
];

const SAVED: Organization = {
  id: '00000000-0000-4000-8000-000000000001',
  legalName: 'Services communautaires Nouvelle Voie',
  operatingName: null,
  type: 'non_profit',
  registrationNumber: '123456789RR0001',
  businessNumber: '123456782RR0001',
  noBusinessNumberReason: null,
  region: 'east',
  address: { line1: '215, rue Principale', city: 'Ottawa', postalCode: 'K1N 5M1' },
  indigenousLed: false,
  preferredLanguage: 'fr',
  contacts: CONTACTS,
  profileProblems: [],
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
      businessNumber: '123456782RR0001',
      noBusinessNumberReason: null,
      region: 'east',
      address: { line1: '215, rue Principale', city: 'Ottawa', postalCode: 'K1N 5M1' },
      indigenousLed: false,
      preferredLanguage: 'fr',
      contacts: CONTACTS,
    });
    expect(profileChanges(SAVED, profile)).toEqual({});
    expect(profileChanges(SAVED, { ...profile, operatingName: 'Nouvelle Voie', address: { ...profile.address, city: 'Gatineau' } })).toEqual({
      operatingName: 'Nouvelle Voie',
      address: { line1: '215, rue Principale', city: 'Gatineau', postalCode: 'K1N 5M1' },
    });
  });

  it('reads the Business Number as typed, or the reason there is none, and says what is wrong with a number', () => {
    const problemsOf = (typed: Record<string, string>) => organizationFormProblems(readOrganizationForm({ ...TYPED, ...typed })).map((problem) => ('problem' in problem ? [problem.field, problem.problem] : [problem.field, problem.kind]));
    expect(problemsOf({ businessNumber: '123456789' })).toEqual([['businessNumber', 'CHECK_DIGIT']]);
    expect(problemsOf({ businessNumber: '12345678' })).toEqual([['businessNumber', 'FORMAT']]);
    expect(problemsOf({ businessNumber: '123456782 XX0001' })).toEqual([['businessNumber', 'PROGRAM']]);
    expect(problemsOf({ businessNumber: '  ' })).toEqual([['businessNumber', 'missing']]);
    expect(problemsOf({ hasBusinessNumber: 'no' })).toEqual([['noBusinessNumberReason', 'missing']]);
    expect(problemsOf({ hasBusinessNumber: 'no', noBusinessNumberReason: 'x'.repeat(501) })).toEqual([['noBusinessNumberReason', 'tooLong']]);
    // Unanswered: whichever was filled in; both, and the question must say which.
    expect(problemsOf({ hasBusinessNumber: '', noBusinessNumberReason: 'Une Première Nation' })).toEqual([['hasBusinessNumber', 'missing']]);
    expect(problemsOf({ hasBusinessNumber: '', businessNumber: '' })).toEqual([]);
    expect(toProfile(readOrganizationForm({ ...TYPED, hasBusinessNumber: '', businessNumber: '' }))).not.toHaveProperty('businessNumber');

    // A reason clears the number, whatever is left in its field; and the other way round.
    const reason = toProfile(readOrganizationForm({ ...TYPED, hasBusinessNumber: 'no', noBusinessNumberReason: ' Une Première Nation ' }));
    expect(profileChanges(SAVED, reason)).toEqual({ businessNumber: null, noBusinessNumberReason: 'Une Première Nation' });
    const saved = savedOrganizationForm({ ...SAVED, businessNumber: null, noBusinessNumberReason: 'Une Première Nation' });
    expect(saved).toMatchObject({ hasBusinessNumber: 'no', businessNumber: '', noBusinessNumberReason: 'Une Première Nation' });
    expect(savedOrganizationForm(SAVED)).toMatchObject({ hasBusinessNumber: 'yes', businessNumber: '123456782 RR0001' });
  });

  it('keeps the filled-in contact rows, each checked like the API checks it, and names each problem by its row', () => {
    const values = readOrganizationForm(TYPED);
    expect(values.contacts.map((contact) => contact.name)).toEqual([' Marie Tremblay ', '', 'Luc Gagnon']);
    expect(contactProblems(values.contacts)).toEqual([]);
    const typed = readOrganizationForm({
      ...TYPED,
      'contacts-1-name': 'Amélie',
      'contacts-1-email': 'amelie@',
      'contacts-1-phone': '555-0134',
      'contacts-2-email': 'MARIE@nouvellevoie.ca',
      'contacts-2-title': 'x'.repeat(201),
    });
    expect(contactProblems(typed.contacts).map(({ row, part, kind }) => [row, part, kind])).toEqual([
      [1, 'title', 'missing'],
      [1, 'email', 'invalid'],
      [1, 'phone', 'invalid'],
      [2, 'title', 'tooLong'],
      [2, 'email', 'duplicate'],
    ]);
    // No more rows than a profile holds.
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, row) => [`contacts-${row}-name`, `Person ${row}`]));
    expect(readOrganizationForm(many).contacts).toHaveLength(10);
  });

  it('lists the saved values that differ from what was typed, after someone else saved', () => {
    const saved = savedOrganizationForm({ ...SAVED, operatingName: 'Nouvelle Voie', region: 'toronto' });
    expect(differingFields(saved, readOrganizationForm(TYPED))).toEqual(['operatingName', 'region']);
    expect(differingFields(savedOrganizationForm(SAVED), readOrganizationForm(TYPED))).toEqual([]);
    const others = savedOrganizationForm({ ...SAVED, businessNumber: null, noBusinessNumberReason: 'Une Première Nation', contacts: CONTACTS.slice(0, 1) });
    expect(differingFields(others, readOrganizationForm(TYPED))).toEqual(['hasBusinessNumber', 'businessNumber', 'noBusinessNumberReason', 'contacts']);
  });

  it('invites an email address as owner or editor', () => {
    expect(invitationFormProblems(' amelie@example.org ', 'editor')).toEqual([]);
    expect(invitationFormProblems('amelie@', 'admin').map((problem) => problem.field)).toEqual(['email', 'role']);
  });
});

import { OrganizationContact, profileProblems } from './recipient-profile';

const director: OrganizationContact = { name: 'Dana Whitford', title: 'Executive Director', email: 'Dana@Example.org', phone: '416-555-0134', signingAuthority: true };
const manager: OrganizationContact = { name: 'Sam Okafor', title: 'Program Manager', email: 'sam@example.org', phone: '416-555-0199', signingAuthority: false };

describe('a recipient profile', () => {
  it('is complete with a Business Number (or the reason for none), two contacts and a signing authority who is a member', () => {
    expect(profileProblems({ businessNumber: '123456782RR0001', noBusinessNumberReason: null, contacts: [director, manager], memberEmails: ['dana@example.org'] })).toEqual([]);
    expect(profileProblems({ businessNumber: null, noBusinessNumberReason: 'A First Nation government: no BN is issued', contacts: [director, manager], memberEmails: ['dana@example.org'] })).toEqual([]);
  });

  it('says everything that is missing at once, naming the signing authority to invite', () => {
    expect(profileProblems({ businessNumber: null, noBusinessNumberReason: '  ', contacts: [manager], memberEmails: ['sam@example.org'] })).toEqual([
      { code: 'BUSINESS_NUMBER_MISSING' },
      { code: 'CONTACTS_MISSING', contacts: 1 },
      { code: 'SIGNING_AUTHORITY_MISSING' },
    ]);
    expect(profileProblems({ businessNumber: '123456782', noBusinessNumberReason: null, contacts: [director, manager], memberEmails: ['sam@example.org'] })).toEqual([
      { code: 'SIGNING_AUTHORITY_NOT_MEMBER', name: 'Dana Whitford', email: 'Dana@Example.org' },
    ]);
  });
});

import { readStaffForm, staffFormProblems, toStaffInput } from './staff-form';

const complete = { name: 'Aiyana Whitecloud', email: 'aiyana.whitecloud@ontario.ca', roles: 'reviewer', panels: 'ILIF', locale: 'fr' };

describe('the new staff account form', () => {
  it('reads a complete form into the account to create, roles in a stable order', () => {
    const values = readStaffForm({ ...complete, name: '  Aiyana Whitecloud ', roles: ['admin', 'reviewer'] });
    expect(staffFormProblems(values)).toEqual([]);
    expect(toStaffInput(values)).toEqual({ name: 'Aiyana Whitecloud', email: 'aiyana.whitecloud@ontario.ca', roles: ['reviewer', 'admin'], panels: ['ILIF'], locale: 'fr' });
  });

  it('asks for a name, an address, at least one role and a language', () => {
    expect(staffFormProblems(readStaffForm({ locale: 'en' }))).toEqual([
      { field: 'name', kind: 'missing' },
      { field: 'email', kind: 'invalid' },
      { field: 'roles', kind: 'missing' },
    ]);
    expect(staffFormProblems(readStaffForm({ ...complete, locale: '' }))).toEqual([{ field: 'locale', kind: 'missing' }]);
  });

  it('refuses what the API refuses: a long name, a bad address, an unknown role or panel', () => {
    expect(staffFormProblems(readStaffForm({ ...complete, name: 'x'.repeat(201) }))).toEqual([{ field: 'name', kind: 'tooLong' }]);
    for (const email of ['aiyana', 'a b@ontario.ca', '"a"@ontario.ca', 'a@ontario', `${'a'.repeat(250)}@on.ca`]) {
      expect(staffFormProblems(readStaffForm({ ...complete, email }))).toEqual([{ field: 'email', kind: 'invalid' }]);
    }
    expect(staffFormProblems(readStaffForm({ ...complete, roles: ['reviewer', 'applicant'] }))).toEqual([{ field: 'roles', kind: 'unknown' }]);
    expect(staffFormProblems(readStaffForm({ ...complete, panels: 'CBSF' }))).toEqual([{ field: 'panels', kind: 'unknown' }]);
  });
});

import { readDataSharingForm, SIGNER_NAME } from './data-sharing-form';

describe('the data-sharing acceptance form', () => {
  it('reads a complete form, attestation ticked, with the version the signing authority was shown', () => {
    expect(readDataSharingForm({ name: ' Dana Whitford ', title: 'Executive Director', attest: 'yes', version: ' ILIF-DSA-2026-1 ' })).toEqual({
      values: { name: ' Dana Whitford ', title: 'Executive Director', attest: true, version: 'ILIF-DSA-2026-1' },
      problems: [],
    });
  });

  it('says what is missing or too long, and that the attestation is required', () => {
    const { values, problems } = readDataSharingForm({ name: '  ', title: 'x'.repeat(SIGNER_NAME.maxLength + 1) });
    expect(values.attest).toBe(false);
    expect(problems).toEqual([
      { field: 'name', kind: 'missing' },
      { field: 'title', kind: 'tooLong' },
      { field: 'attest', kind: 'missing' },
    ]);
  });
});

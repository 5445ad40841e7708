import { detailLines } from './audit-details';

describe('an audit event’s details as a readable list', () => {
  it('shows amounts as money, identifiers as links, codes as words, and drops what is empty', () => {
    expect(
      detailLines({
        paymentId: '6F1D3C8E-0000-4000-8000-000000000001',
        fiscalYear: '2027-28',
        amountCents: 5_000_000,
        paymentReference: 'EFT-1',
        kind: 'interim',
        aboveFundingLine: false,
        comment: '',
        conditions: null,
      }),
    ).toEqual([
      { key: 'paymentId', value: { kind: 'entity', id: '6f1d3c8e-0000-4000-8000-000000000001' } },
      { key: 'fiscalYear', value: { kind: 'text', text: '2027-28' } },
      { key: 'amountCents', value: { kind: 'money', cents: 5_000_000 } },
      { key: 'paymentReference', value: { kind: 'text', text: 'EFT-1' } },
      { key: 'kind', value: { kind: 'code', code: 'interim' } },
      { key: 'aboveFundingLine', value: { kind: 'yesNo', value: false } },
    ]);
  });

  it('keeps text someone typed whole, and reads instants and lists', () => {
    expect(detailLines({ reason: 'Missing the budget; call us', respondBy: '2027-05-01T21:00:00.000Z', roles: ['applicant', 'reviewer'], fields: [] })).toEqual([
      { key: 'reason', value: { kind: 'text', text: 'Missing the budget; call us' } },
      { key: 'respondBy', value: { kind: 'instant', iso: '2027-05-01T21:00:00.000Z' } },
      { key: 'roles', value: { kind: 'list', items: ['applicant', 'reviewer'] } },
    ]);
  });

  it('cuts a nested structure short instead of filling the page with it', () => {
    const [line] = detailLines({ answers: { long: 'x'.repeat(500) } });
    expect(line!.value.kind).toBe('text');
    expect((line!.value as { text: string }).text).toHaveLength(200);
    expect((line!.value as { text: string }).text.endsWith('…')).toBe(true);
    expect(detailLines(null)).toEqual([]);
  });
});

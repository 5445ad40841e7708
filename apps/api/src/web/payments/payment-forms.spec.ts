import { HOLD_REASON } from '@grants/awards';
import { holdReasonProblem, queueTabOf, selectedPayments } from './payment-forms';

describe('the payment pages’ forms', () => {
  it('take a hold’s reason within the API’s limit, and ask for one', () => {
    expect(holdReasonProblem('')).toBe('missing');
    expect(holdReasonProblem('Report overdue')).toBeNull();
    expect(holdReasonProblem('x'.repeat(HOLD_REASON.maxLength))).toBeNull();
    expect(holdReasonProblem('x'.repeat(HOLD_REASON.maxLength + 1))).toBe('tooLong');
  });

  it('read the ticked payments: one or many, identifiers only', () => {
    const id = '3f0c1a52-7b9e-4d1a-9c3e-2a4b5c6d7e8f';
    expect(selectedPayments({})).toEqual([]);
    expect(selectedPayments({ paymentIds: id })).toEqual([id]);
    expect(selectedPayments({ paymentIds: [id, 'not-a-payment', '4f0c1a52-7b9e-4d1a-9c3e-2a4b5c6d7e8f'] })).toEqual([id, '4f0c1a52-7b9e-4d1a-9c3e-2a4b5c6d7e8f']);
  });

  it('show the tab asked for, else the reader’s own', () => {
    expect(queueTabOf('record', 'request')).toBe('record');
    expect(queueTabOf('everything', 'approve')).toBe('approve');
    expect(queueTabOf(['paid'], 'request')).toBe('request');
  });
});

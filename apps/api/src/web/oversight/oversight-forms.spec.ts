import { paymentReferenceProblem, readAuditSearch, readReportReview, reportReviewProblem, reviewCommentField } from './oversight-forms';

describe('the award page forms', () => {
  it('needs a payment reference of at most 200 characters', () => {
    expect(paymentReferenceProblem('')).toBe('missing');
    expect(paymentReferenceProblem('EFT-2027-0042')).toBeNull();
    expect(paymentReferenceProblem('x'.repeat(200))).toBeNull();
    expect(paymentReferenceProblem('x'.repeat(201))).toBe('tooLong');
  });

  it('needs a comment to send a report back, not to accept it', () => {
    const id = '6f1d3c8e-0000-4000-8000-000000000001';
    const review = (body: Record<string, string | string[]>) => reportReviewProblem(readReportReview(body, id));
    expect(review({ outcome: 'returned', [reviewCommentField(id)]: '   ' })).toBe('commentRequired');
    expect(review({ outcome: 'returned', [reviewCommentField(id)]: 'Add the spending by category.' })).toBeNull();
    expect(review({ outcome: 'accepted' })).toBeNull();
    expect(review({ outcome: 'accepted', [reviewCommentField(id)]: 'x'.repeat(5001) })).toBe('commentTooLong');
    // A post without a button (or with a made-up one) is not read as a decision.
    expect(review({ outcome: 'approved' })).toBe('chooseOutcome');
    expect(review({})).toBe('chooseOutcome');
  });

  it('keeps the comment exactly as typed, for showing it back', () => {
    const id = '6f1d3c8e-0000-4000-8000-000000000001';
    expect(readReportReview({ outcome: 'returned', [reviewCommentField(id)]: '  Line one\nLine two ' }, id).comment).toBe('  Line one\nLine two ');
  });
});

describe('the audit search', () => {
  it('tells a reference number from an identifier, whatever the case and spaces', () => {
    expect(readAuditSearch(undefined)).toEqual({ kind: 'none' });
    expect(readAuditSearch('   ')).toEqual({ kind: 'none' });
    expect(readAuditSearch(' cbsf-2027-0042 ')).toEqual({ kind: 'reference', reference: 'CBSF-2027-0042' });
    expect(readAuditSearch('ILIF-2028-12')).toEqual({ kind: 'reference', reference: 'ILIF-2028-12' });
    expect(readAuditSearch('3F0C1A52-7B9E-4D1A-9C3E-2A4B5C6D7E8F')).toEqual({ kind: 'id', id: '3f0c1a52-7b9e-4d1a-9c3e-2a4b5c6d7e8f' });
  });

  it('refuses anything else rather than searching for it', () => {
    expect(readAuditSearch('Harbour Light')).toEqual({ kind: 'invalid', typed: 'Harbour Light' });
    expect(readAuditSearch("CBSF-2027-0042' OR 1=1")).toMatchObject({ kind: 'invalid' });
    expect(readAuditSearch('3f0c1a52-7b9e-4d1a-9c3e')).toMatchObject({ kind: 'invalid' });
  });
});

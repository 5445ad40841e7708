import { DomainError } from '@grants/core';

/** A service's refusal as its caller receives it: kind and code, without the message's wording. */
export async function refusalOf(attempt: Promise<unknown>): Promise<Pick<DomainError, 'kind' | 'code'>> {
  const error: unknown = await attempt.then(
    () => new Error('expected a refusal, but it succeeded'),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DomainError)) throw error;
  return { kind: error.kind, code: error.code };
}

import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorKind } from '@grants/core';
import { FieldError } from '../views/form';
import { PageResult, view } from './page-result';

/**
 * How a service's refusal is shown: errors beside fields (the form again), or another answer
 * altogether (say, a redirect to the application once it was submitted elsewhere). An empty list
 * means the page has nothing to say about it, and the error page answers.
 */
export type Refusal = FieldError | ((error: DomainError) => FieldError[] | PageResult | Promise<FieldError[] | PageResult>);

export interface FormSubmission<R> {
  /** What is wrong with the form before any service sees it. */
  problems?: FieldError[];
  /** The service's command: it checks access and the rules. */
  run: () => Promise<R>;
  /** By error code (`DRAFT_EXISTS`) or kind (`rule_violation`); anything else reaches the error page. */
  refusals?: Partial<Record<string, Refusal>>;
  done: (result: R) => PageResult | Promise<PageResult>;
  /** The form again, with the errors beside the fields and what the person typed. */
  again: (errors: FieldError[], status: number) => string | Promise<string>;
}

const STATUS_OF_REFUSAL: Partial<Record<ErrorKind, number>> = { conflict: HttpStatus.CONFLICT };

/** A form's whole flow, written once: read problems → run → refusals to fields → next page, or the form again. */
export async function submitForm<R>(form: FormSubmission<R>): Promise<PageResult> {
  if (form.problems && form.problems.length > 0) return view(await form.again(form.problems, HttpStatus.UNPROCESSABLE_ENTITY), HttpStatus.UNPROCESSABLE_ENTITY);
  let result: R;
  try {
    result = await form.run();
  } catch (error: unknown) {
    const answer = await refusalOf(form.refusals ?? {}, error);
    if (!answer) throw error;
    if (!Array.isArray(answer)) return answer;
    const status = STATUS_OF_REFUSAL[(error as DomainError).kind] ?? HttpStatus.UNPROCESSABLE_ENTITY;
    return view(await form.again(answer, status), status);
  }
  return form.done(result);
}

async function refusalOf(refusals: Partial<Record<string, Refusal>>, error: unknown): Promise<FieldError[] | PageResult | null> {
  if (!(error instanceof DomainError)) return null;
  const refusal = refusals[error.code] ?? refusals[error.kind];
  if (!refusal) return null;
  const answer = typeof refusal === 'function' ? await refusal(error) : [refusal];
  return Array.isArray(answer) && answer.length === 0 ? null : answer;
}

/** The notice a page shows after a redirect (`?notice=saved`), from the ones it knows. */
export function noticeOf<K extends string>(notices: Readonly<Record<string, K>>, notice: string | undefined): K | null {
  return notice !== undefined && Object.hasOwn(notices, notice) ? notices[notice]! : null;
}

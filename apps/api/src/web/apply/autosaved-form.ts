import { HttpStatus } from '@nestjs/common';
import { FormSubmission, json, PageResult, submitForm } from '../pipeline';

/**
 * submitForm for a form that the page's script also saves in the background (it asks with Accept:
 * application/json): the same flow, answered to the script as JSON. Saved: what `saved` says.
 * Refused beside the fields: `{ code, errors }` with the same status as the page would have had,
 * 409 `STALE_VERSION` when someone else saved first, else 422 `INVALID`. A refusal that answers
 * otherwise (say, that the application was submitted meanwhile) answers the script itself.
 */
export async function submitAutosavedForm<R>(wantsJson: boolean, form: FormSubmission<R> & { saved: (result: R) => unknown }): Promise<PageResult> {
  if (!wantsJson) return submitForm(form);
  const refused: { answer?: PageResult } = {};
  const answer = await submitForm({
    ...form,
    done: (result) => json(form.saved(result)),
    again: (errors, status) => {
      refused.answer = json({ code: status === HttpStatus.CONFLICT ? 'STALE_VERSION' : 'INVALID', errors }, status);
      return '';
    },
  });
  return refused.answer ?? answer;
}

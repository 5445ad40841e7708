import { SIGNER_NAME, SIGNER_TITLE } from '@grants/awards';
import { tooLong } from '../forms/field-rules';
import { typedText } from '../forms/fields';
import { FormBody } from '../web-request';

export { SIGNER_NAME, SIGNER_TITLE };

/** The acceptance form as typed; version is the one the signing authority was shown. */
export interface DataSharingFormValues {
  name: string;
  title: string;
  attest: boolean;
  version: string;
}

export type DataSharingFormProblem = { field: 'name' | 'title'; kind: 'missing' | 'tooLong' } | { field: 'attest'; kind: 'missing' };

export function emptyDataSharingForm(version: string): DataSharingFormValues {
  return { name: '', title: '', attest: false, version };
}

export function readDataSharingForm(body: FormBody): { values: DataSharingFormValues; problems: DataSharingFormProblem[] } {
  const values: DataSharingFormValues = {
    name: typedText(body.name, 'name'),
    title: typedText(body.title, 'title'),
    attest: typedText(body.attest, 'attest') === 'yes',
    version: typedText(body.version, 'version').trim(),
  };
  const problems: DataSharingFormProblem[] = [];
  for (const field of ['name', 'title'] as const) {
    const value = values[field].trim();
    if (value === '') problems.push({ field, kind: 'missing' });
    else if (tooLong(value, field === 'name' ? SIGNER_NAME : SIGNER_TITLE)) problems.push({ field, kind: 'tooLong' });
  }
  if (!values.attest) problems.push({ field: 'attest', kind: 'missing' });
  return { values, problems };
}

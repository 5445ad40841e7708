import { PASSWORD, PERSON_NAME } from '@grants/identity';
import { isEmailAddress, tooLong, tooShort } from '../forms/field-rules';
import { MessageKey } from '../i18n/i18n';
import { field, FormBody, localPath } from '../web-request';

/** A problem of an account form, as a catalog key beside its field. */
export interface AccountFormProblem {
  field: string;
  message: MessageKey;
}

/** Passwords are taken exactly as typed (spaces count); everything else is trimmed. */
function password(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

export function readSignInForm(body: FormBody): { email: string; password: string; next: string; problems: AccountFormProblem[] } {
  const email = field(body, 'email');
  const typed = password(body, 'password');
  const problems: AccountFormProblem[] = [
    ...(email ? [] : [{ field: 'email', message: 'signIn.emailRequired' as const }]),
    ...(typed ? [] : [{ field: 'password', message: 'signIn.passwordRequired' as const }]),
  ];
  return { email, password: typed, next: localPath(field(body, 'next')), problems };
}

export function readRegisterForm(body: FormBody): { name: string; email: string; password: string; problems: AccountFormProblem[] } {
  const name = field(body, 'name');
  const email = field(body, 'email');
  const typed = password(body, 'password');
  const problems: AccountFormProblem[] = [
    ...(name && !tooLong(name, PERSON_NAME) ? [] : [{ field: 'name', message: 'register.nameRequired' as const }]),
    ...(isEmailAddress(email) ? [] : [{ field: 'email', message: 'register.emailInvalid' as const }]),
    ...(!tooShort(typed, PASSWORD) && !tooLong(typed, PASSWORD) ? [] : [{ field: 'password', message: 'register.passwordTooShort' as const }]),
  ];
  return { name, email, password: typed, problems };
}

export function readPasswordResetForm(body: FormBody): { email: string; problems: AccountFormProblem[] } {
  const email = field(body, 'email');
  return { email, problems: isEmailAddress(email) ? [] : [{ field: 'email', message: 'signIn.emailRequired' }] };
}

export function readPasswordResetConfirmForm(body: FormBody): { token: string; password: string; problems: AccountFormProblem[] } {
  const typed = password(body, 'password');
  const fits = !tooShort(typed, PASSWORD) && !tooLong(typed, PASSWORD);
  return { token: password(body, 'token'), password: typed, problems: fits ? [] : [{ field: 'password', message: 'reset.confirm.tooShort' }] };
}

import { EMAILED_TOKEN, PASSWORD, PERSON_NAME } from '@grants/identity';
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
  // What no account can have is answered as a wrong password is, without asking the service.
  if (problems.length === 0 && (!isEmailAddress(email) || tooLong(typed, PASSWORD))) problems.push({ field: 'email', message: 'signIn.invalid' });
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
  const token = password(body, 'token');
  const fits = !tooShort(typed, PASSWORD) && !tooLong(typed, PASSWORD);
  const problems: AccountFormProblem[] = fits ? [] : [{ field: 'password', message: 'reset.confirm.tooShort' }];
  if (fits && !isEmailedToken(token)) problems.push({ field: 'password', message: 'verify.invalid' });
  return { token, password: typed, problems };
}

/** The token of an emailed link, as the API's TokenDto takes it; anything else is a link that does not work. */
export function readEmailedTokenForm(body: FormBody): { token: string; problems: AccountFormProblem[] } {
  const token = password(body, 'token');
  return { token, problems: isEmailedToken(token) ? [] : [{ field: 'token', message: 'verify.invalid' }] };
}

function isEmailedToken(token: string): boolean {
  return !tooShort(token, EMAILED_TOKEN) && !tooLong(token, EMAILED_TOKEN);
}

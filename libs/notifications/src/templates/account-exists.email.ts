import { EmailTemplate } from './email-template';

export interface AccountExistsData {
  name: string;
  signInUrl: string;
  resetUrl: string;
}

/** Sent instead of a verification email when someone registers an address that has an account. */
export const accountExistsEmail: EmailTemplate<AccountExistsData> = {
  en: ({ name, signInUrl, resetUrl }) => ({
    subject: 'You already have an account',
    paragraphs: [
      `Hello ${name},`,
      'Someone, probably you, tried to create a new account with this email address. You already have one, so no new account was created.',
      `If you forgot your password, you can choose a new one: ${resetUrl}`,
    ],
    action: { label: 'Sign in', url: signInUrl },
    note: 'If this was not you, you can ignore this message: your account has not changed.',
  }),
  fr: ({ name, signInUrl, resetUrl }) => ({
    subject: 'Vous avez déjà un compte',
    paragraphs: [
      `Bonjour ${name},`,
      'Quelqu’un, probablement vous, a tenté de créer un compte avec cette adresse courriel. Vous en avez déjà un : aucun nouveau compte n’a été créé.',
      `Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau : ${resetUrl}`,
    ],
    action: { label: 'Ouvrir une session', url: signInUrl },
    note: 'Si ce n’était pas vous, vous pouvez ignorer ce message : votre compte n’a pas changé.',
  }),
};

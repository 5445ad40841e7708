import { EmailTemplate } from './email-template';

export interface PasswordResetData {
  name: string;
  resetUrl: string;
}

export const passwordResetEmail: EmailTemplate<PasswordResetData> = {
  en: ({ name, resetUrl }) => ({
    subject: 'Choose a new password',
    paragraphs: [`Hello ${name},`, 'We received a request to reset the password of your account. Use the link below to choose a new one.'],
    action: { label: 'Choose a new password', url: resetUrl },
    note: 'This link is valid for 1 hour and can be used once. If you did not ask for it, ignore this message: your password has not changed.',
  }),
  fr: ({ name, resetUrl }) => ({
    subject: 'Choisissez un nouveau mot de passe',
    paragraphs: [
      `Bonjour ${name},`,
      'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte. Utilisez le lien ci-dessous pour en choisir un nouveau.',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: resetUrl },
    note: 'Ce lien est valide pendant 1 heure et ne peut servir qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe n’a pas changé.',
  }),
};

import { EmailTemplate } from './email-template';

export interface AccountVerificationData {
  name: string;
  verifyUrl: string;
}

export const accountVerificationEmail: EmailTemplate<AccountVerificationData> = {
  en: ({ name, verifyUrl }) => ({
    subject: 'Confirm your email address',
    paragraphs: [`Hello ${name},`, 'Thank you for creating an account to apply for Ontario’s anti-human trafficking funds. Please confirm that this email address is yours.'],
    action: { label: 'Confirm my email address', url: verifyUrl },
    note: 'This link is valid for 24 hours. If you did not create an account, you can ignore this message.',
  }),
  fr: ({ name, verifyUrl }) => ({
    subject: 'Confirmez votre adresse courriel',
    paragraphs: [
      `Bonjour ${name},`,
      'Merci d’avoir créé un compte pour présenter une demande aux fonds de l’Ontario pour la lutte contre la traite des personnes. Veuillez confirmer que cette adresse courriel est la vôtre.',
    ],
    action: { label: 'Confirmer mon adresse courriel', url: verifyUrl },
    note: 'Ce lien est valide pendant 24 heures. Si vous n’avez pas créé de compte, vous pouvez ignorer ce message.',
  }),
};

import { EmailTemplate } from './email-template';
import { formatInstant } from './format';

export interface SignInLockedData {
  name: string;
  /** When the attempts were stopped (ISO 8601). */
  lockedAt: string;
  lockedMinutes: number;
  resetUrl: string;
}

/** Sent to the owner of an address when repeated wrong passwords stop sign-in from one browser or network. */
export const signInLockedEmail: EmailTemplate<SignInLockedData> = {
  en: ({ name, lockedAt, lockedMinutes, resetUrl }) => ({
    subject: 'Several wrong passwords were tried on your account',
    paragraphs: [
      `Hello ${name},`,
      `On ${formatInstant('en', lockedAt)} (Ontario time), a wrong password was entered several times in a row for your account. Sign-in from that browser or network is paused for ${lockedMinutes} minutes. Nobody signed in.`,
      'If it was you, wait and try again, or choose a new password now: a new password ends the pause at once. A browser where you signed in before is not held back by attempts made elsewhere.',
      'If it was not you, your account is safe as long as your password is not used anywhere else. To be sure, choose a new one.',
    ],
    action: { label: 'Choose a new password', url: resetUrl },
  }),
  fr: ({ name, lockedAt, lockedMinutes, resetUrl }) => ({
    subject: 'Plusieurs mots de passe erronés ont été essayés sur votre compte',
    paragraphs: [
      `Bonjour ${name},`,
      `Le ${formatInstant('fr', lockedAt)} (heure de l’Ontario), un mauvais mot de passe a été saisi plusieurs fois de suite pour votre compte. La connexion depuis ce navigateur ou ce réseau est suspendue pendant ${lockedMinutes} minutes. Personne ne s’est connecté.`,
      'Si c’était vous, attendez et réessayez, ou choisissez dès maintenant un nouveau mot de passe : un nouveau mot de passe lève la suspension aussitôt. Un navigateur où vous vous êtes déjà connecté n’est pas bloqué par des tentatives faites ailleurs.',
      'Si ce n’était pas vous, votre compte est en sécurité tant que votre mot de passe ne sert nulle part ailleurs. Par prudence, choisissez-en un nouveau.',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: resetUrl },
  }),
};

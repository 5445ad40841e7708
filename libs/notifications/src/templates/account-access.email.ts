import { EmailTemplate } from './email-template';

const ROLE_NAMES = {
  en: { reviewer: 'reviewer', officer: 'fund officer', admin: 'administrator' } as Record<string, string>,
  fr: { reviewer: 'évaluatrice ou évaluateur', officer: 'agente ou agent des fonds', admin: 'administratrice ou administrateur' } as Record<string, string>,
};
const PANEL_NAMES = {
  en: { ILIF: 'the Indigenous review panel (Indigenous-Led Initiatives Fund)' } as Record<string, string>,
  fr: { ILIF: 'le comité d’évaluation autochtone (Fonds pour les initiatives dirigées par des Autochtones)' } as Record<string, string>,
};

const HANDED_ON = {
  en: (count: number) =>
    count === 1
      ? 'The review you had not submitted is no longer yours: it goes to another reviewer.'
      : `The ${count} reviews you had not submitted are no longer yours: they go to other reviewers.`,
  fr: (count: number) =>
    count === 1
      ? 'L’évaluation que vous n’aviez pas soumise ne vous est plus attribuée : elle est confiée à une autre personne.'
      : `Les ${count} évaluations que vous n’aviez pas soumises ne vous sont plus attribuées : elles sont confiées à d’autres personnes.`,
};

export interface AccountDisabledData {
  name: string;
  /** Unsubmitted reviews handed on to others (or back to the office). */
  reviewsHandedOn: number;
}

export const accountDisabledEmail: EmailTemplate<AccountDisabledData> = {
  en: ({ name, reviewsHandedOn }, { contact }) => ({
    subject: 'Your account has been disabled',
    paragraphs: [
      `Hello ${name},`,
      'An administrator has disabled your account in the grant system of Ontario’s Strategy to End Human Trafficking. You have been signed out everywhere and can no longer sign in.',
      ...(reviewsHandedOn > 0 ? [HANDED_ON.en(reviewsHandedOn)] : []),
      `If you think this is a mistake, contact the program office at ${contact.email}.`,
    ],
  }),
  fr: ({ name, reviewsHandedOn }, { contact }) => ({
    subject: 'Votre compte a été désactivé',
    paragraphs: [
      `Bonjour ${name},`,
      'Une administratrice ou un administrateur a désactivé votre compte dans le système de subventions de la Stratégie ontarienne pour mettre fin à la traite des personnes. Vos sessions ont été fermées et vous ne pouvez plus vous connecter.',
      ...(reviewsHandedOn > 0 ? [HANDED_ON.fr(reviewsHandedOn)] : []),
      `Si vous croyez qu’il s’agit d’une erreur, communiquez avec le bureau du programme à ${contact.email}.`,
    ],
  }),
};

export interface AccountEnabledData {
  name: string;
  signInUrl: string;
}

export const accountEnabledEmail: EmailTemplate<AccountEnabledData> = {
  en: ({ name, signInUrl }) => ({
    subject: 'Your account is enabled again',
    paragraphs: [`Hello ${name},`, 'An administrator has enabled your account again. You can sign in with your email address and password.'],
    action: { label: 'Sign in', url: signInUrl },
  }),
  fr: ({ name, signInUrl }) => ({
    subject: 'Votre compte est réactivé',
    paragraphs: [`Bonjour ${name},`, 'Une administratrice ou un administrateur a réactivé votre compte. Vous pouvez vous connecter avec votre adresse courriel et votre mot de passe.'],
    action: { label: 'Ouvrir une session', url: signInUrl },
  }),
};

export interface AccessRemovedData {
  name: string;
  /** What was taken away: a staff role or a review panel. */
  removed: { role: string } | { panel: string };
  reviewsHandedOn: number;
}

export const accessRemovedEmail: EmailTemplate<AccessRemovedData> = {
  en: ({ name, removed, reviewsHandedOn }) => ({
    subject: 'A responsibility was removed from your account',
    paragraphs: [
      `Hello ${name},`,
      'role' in removed
        ? `An administrator has removed the ${ROLE_NAMES.en[removed.role] ?? removed.role} role from your account.`
        : `An administrator has removed you from ${PANEL_NAMES.en[removed.panel] ?? removed.panel}.`,
      ...(reviewsHandedOn > 0 ? [HANDED_ON.en(reviewsHandedOn)] : []),
    ],
  }),
  fr: ({ name, removed, reviewsHandedOn }) => ({
    subject: 'Une responsabilité a été retirée de votre compte',
    paragraphs: [
      `Bonjour ${name},`,
      'role' in removed
        ? `Une administratrice ou un administrateur a retiré le rôle ${ROLE_NAMES.fr[removed.role] ?? removed.role} de votre compte.`
        : `Une administratrice ou un administrateur vous a retiré du ${(PANEL_NAMES.fr[removed.panel] ?? removed.panel).replace(/^le /, '')}.`,
      ...(reviewsHandedOn > 0 ? [HANDED_ON.fr(reviewsHandedOn)] : []),
    ],
  }),
};

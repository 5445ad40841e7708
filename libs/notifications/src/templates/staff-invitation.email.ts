import { EmailTemplate } from './email-template';

export interface StaffInvitationData {
  name: string;
  roles: string[];
  setPasswordUrl: string;
}

const ROLE_NAMES = {
  en: { reviewer: 'reviewer', officer: 'fund officer', admin: 'administrator' } as Record<string, string>,
  fr: { reviewer: 'évaluatrice ou évaluateur', officer: 'agente ou agent des fonds', admin: 'administratrice ou administrateur' } as Record<string, string>,
};

export const staffInvitationEmail: EmailTemplate<StaffInvitationData> = {
  en: ({ name, roles, setPasswordUrl }) => ({
    subject: 'Your account for Ontario’s anti-human trafficking funds',
    paragraphs: [
      `Hello ${name},`,
      `An account has been created for you as ${roles.map((role) => ROLE_NAMES.en[role] ?? role).join(', ')} in the grant system of Ontario’s Strategy to End Human Trafficking.`,
      'To start, choose your password.',
    ],
    action: { label: 'Choose my password', url: setPasswordUrl },
    note: 'This link is valid for 7 days and can be used once.',
  }),
  fr: ({ name, roles, setPasswordUrl }) => ({
    subject: 'Votre compte pour les fonds de l’Ontario contre la traite des personnes',
    paragraphs: [
      `Bonjour ${name},`,
      `Un compte a été créé pour vous à titre de ${roles.map((role) => ROLE_NAMES.fr[role] ?? role).join(', ')} dans le système de subventions de la Stratégie ontarienne pour mettre fin à la traite des personnes.`,
      'Pour commencer, choisissez votre mot de passe.',
    ],
    action: { label: 'Choisir mon mot de passe', url: setPasswordUrl },
    note: 'Ce lien est valide pendant 7 jours et ne peut servir qu’une fois.',
  }),
};

export const rolesGrantedEmail: EmailTemplate<Omit<StaffInvitationData, 'setPasswordUrl'> & { signInUrl: string }> = {
  en: ({ name, roles, signInUrl }) => ({
    subject: 'New responsibilities on your account',
    paragraphs: [`Hello ${name},`, `Your account can now act as ${roles.map((role) => ROLE_NAMES.en[role] ?? role).join(', ')}.`],
    action: { label: 'Sign in', url: signInUrl },
  }),
  fr: ({ name, roles, signInUrl }) => ({
    subject: 'Nouvelles responsabilités dans votre compte',
    paragraphs: [`Bonjour ${name},`, `Votre compte peut maintenant agir à titre de ${roles.map((role) => ROLE_NAMES.fr[role] ?? role).join(', ')}.`],
    action: { label: 'Ouvrir une session', url: signInUrl },
  }),
};

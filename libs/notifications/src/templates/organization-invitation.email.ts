import { EmailTemplate } from './email-template';

export interface OrganizationInvitationData {
  organizationName: string;
  inviterName: string;
  role: 'owner' | 'editor';
  /** Whether the address has an account already: it decides what the link asks for. */
  hasAccount: boolean;
  url: string;
}

const ROLE = {
  en: { owner: 'an owner', editor: 'an editor' },
  fr: { owner: 'propriétaire', editor: 'rédactrice ou rédacteur' },
};

export const organizationInvitationEmail: EmailTemplate<OrganizationInvitationData> = {
  en: ({ organizationName, inviterName, role, hasAccount, url }) => ({
    subject: `Invitation to join ${organizationName}`,
    paragraphs: [
      `${inviterName} invited you to join ${organizationName} as ${ROLE.en[role]}, to prepare and follow its funding applications together.`,
      hasAccount
        ? 'Sign in and accept the invitation from your account.'
        : 'Create your account with this email address; the invitation will be waiting for you once the address is confirmed.',
    ],
    action: { label: hasAccount ? 'Sign in to accept' : 'Create my account', url },
    note: 'The invitation is valid for 7 days. If you were not expecting it, you can ignore this message.',
  }),
  fr: ({ organizationName, inviterName, role, hasAccount, url }) => ({
    subject: `Invitation à vous joindre à ${organizationName}`,
    paragraphs: [
      `${inviterName} vous invite à vous joindre à ${organizationName} à titre de ${ROLE.fr[role]}, pour préparer et suivre ensemble ses demandes de financement.`,
      hasAccount
        ? 'Ouvrez une session et acceptez l’invitation depuis votre compte.'
        : 'Créez votre compte avec cette adresse courriel; l’invitation vous attendra une fois l’adresse confirmée.',
    ],
    action: { label: hasAccount ? 'Ouvrir une session pour accepter' : 'Créer mon compte', url },
    note: 'L’invitation est valide pendant 7 jours. Si vous ne l’attendiez pas, vous pouvez ignorer ce message.',
  }),
};

import { EmailTemplate } from './email-template';

export interface OrganizationMembershipEndedData {
  name: string;
  organizationName: string;
  /** `left`: the person left on their own; `removed`: an owner of the organization removed them. */
  reason: 'left' | 'removed';
}

export const organizationMembershipEndedEmail: EmailTemplate<OrganizationMembershipEndedData> = {
  en: ({ name, organizationName, reason }, { contact }) => ({
    subject: `You are no longer a member of ${organizationName}`,
    paragraphs: [
      `Hello ${name},`,
      reason === 'left'
        ? `You left ${organizationName}. You no longer see its applications, awards or reports.`
        : `An owner of ${organizationName} removed you from the organization. You no longer see its applications, awards or reports.`,
      reason === 'left'
        ? 'To join again, ask one of its owners to invite you.'
        : `If you think this is a mistake, ask one of the organization’s owners, or contact the program office at ${contact.email}.`,
    ],
  }),
  fr: ({ name, organizationName, reason }, { contact }) => ({
    subject: `Vous n’êtes plus membre de ${organizationName}`,
    paragraphs: [
      `Bonjour ${name},`,
      reason === 'left'
        ? `Vous avez quitté ${organizationName}. Vous ne voyez plus ses demandes, ses subventions ni ses rapports.`
        : `Une personne propriétaire de ${organizationName} vous a retiré de l’organisme. Vous ne voyez plus ses demandes, ses subventions ni ses rapports.`,
      reason === 'left'
        ? 'Pour vous y joindre de nouveau, demandez à l’une de ses personnes propriétaires de vous inviter.'
        : `Si vous croyez qu’il s’agit d’une erreur, adressez-vous à l’une des personnes propriétaires de l’organisme, ou communiquez avec le bureau du programme à ${contact.email}.`,
    ],
  }),
};

export interface OrganizationMemberDepartedData {
  organizationName: string;
  memberName: string;
  memberEmail: string;
  /** Invitations the person had sent that were still open, withdrawn with their membership. */
  invitationsWithdrawn: number;
  membersUrl: string;
}

export const organizationMemberDepartedEmail: EmailTemplate<OrganizationMemberDepartedData> = {
  en: ({ organizationName, memberName, memberEmail, invitationsWithdrawn, membersUrl }) => ({
    subject: `${memberName} left ${organizationName}`,
    paragraphs: [
      `${memberName} (${memberEmail}) left ${organizationName} and no longer sees its applications, awards or reports.`,
      ...(invitationsWithdrawn > 0 ? ['The invitations this person had sent that were not yet accepted have been withdrawn; invite those people again if they should still join.'] : []),
    ],
    action: { label: 'See the members', url: membersUrl },
  }),
  fr: ({ organizationName, memberName, memberEmail, invitationsWithdrawn, membersUrl }) => ({
    subject: `${memberName} a quitté ${organizationName}`,
    paragraphs: [
      `${memberName} (${memberEmail}) a quitté ${organizationName} et ne voit plus ses demandes, ses subventions ni ses rapports.`,
      ...(invitationsWithdrawn > 0 ? ['Les invitations que cette personne avait envoyées et qui n’avaient pas encore été acceptées ont été retirées; invitez de nouveau ces personnes si elles doivent toujours se joindre à l’organisme.'] : []),
    ],
    action: { label: 'Voir les membres', url: membersUrl },
  }),
};

import { EmailTemplate } from './email-template';
import { formatInstant, formatMoney } from './format';

export interface ApplicationSubmittedData {
  organizationName: string;
  callTitle: { en: string; fr: string };
  referenceNumber: string;
  /** ISO instant */
  submittedAt: string;
  requestedCents: number;
  applicationUrl: string;
}

export const applicationSubmittedEmail: EmailTemplate<ApplicationSubmittedData> = {
  en: (data) => ({
    subject: `Application received: ${data.referenceNumber}`,
    paragraphs: [
      `We received the application of ${data.organizationName} to “${data.callTitle.en}” on ${formatInstant('en', data.submittedAt)}.`,
      `Your reference number is ${data.referenceNumber}. Please quote it in any message about this application.`,
      `Amount requested: ${formatMoney('en', data.requestedCents)}.`,
      'The fund officers will now check its eligibility; you will be told by email when a decision is made.',
    ],
    action: { label: 'See the application', url: data.applicationUrl },
  }),
  fr: (data) => ({
    subject: `Demande reçue : ${data.referenceNumber}`,
    paragraphs: [
      `Nous avons reçu la demande de ${data.organizationName} à l’appel « ${data.callTitle.fr} » le ${formatInstant('fr', data.submittedAt)}.`,
      `Votre numéro de référence est ${data.referenceNumber}. Veuillez l’indiquer dans tout message au sujet de cette demande.`,
      `Montant demandé : ${formatMoney('fr', data.requestedCents)}.`,
      'Les agentes et agents des fonds vont maintenant vérifier son admissibilité; vous serez avisés par courriel de la décision.',
    ],
    action: { label: 'Voir la demande', url: data.applicationUrl },
  }),
};

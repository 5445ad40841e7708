import { EmailTemplate } from './email-template';

export interface ApplicationIneligibleData {
  organizationName: string;
  callTitle: { en: string; fr: string };
  referenceNumber: string;
  reason: string;
  applicationUrl: string;
}

export const applicationIneligibleEmail: EmailTemplate<ApplicationIneligibleData> = {
  en: (data, { contact }) => ({
    subject: `Application ${data.referenceNumber}: not eligible`,
    paragraphs: [
      `The fund officers reviewed the eligibility of the application of ${data.organizationName} to “${data.callTitle.en}” and found that it is not eligible for this call.`,
      `Reason given: ${data.reason}`,
      `If you think this is a mistake, contact the program office at ${contact.email} or ${contact.phone} and quote the reference number.`,
    ],
    action: { label: 'See the application', url: data.applicationUrl },
  }),
  fr: (data, { contact }) => ({
    subject: `Demande ${data.referenceNumber} : non admissible`,
    paragraphs: [
      `Les agentes et agents des fonds ont examiné l’admissibilité de la demande de ${data.organizationName} à l’appel « ${data.callTitle.fr} » et l’ont jugée non admissible à cet appel.`,
      `Motif : ${data.reason}`,
      `Si vous pensez qu’il s’agit d’une erreur, communiquez avec le bureau du programme à ${contact.email} ou au ${contact.phone} en indiquant le numéro de référence.`,
    ],
    action: { label: 'Voir la demande', url: data.applicationUrl },
  }),
};

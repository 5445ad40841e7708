import { EmailTemplate } from './email-template';
import { formatInstant } from './format';

export interface InformationRequestedData {
  organizationName: string;
  referenceNumber: string;
  message: string;
  /** ISO instant */
  respondBy: string;
  applicationUrl: string;
}

export const informationRequestedEmail: EmailTemplate<InformationRequestedData> = {
  en: (data) => ({
    subject: `More information needed for application ${data.referenceNumber}`,
    paragraphs: [
      `The fund officers need more information about the application of ${data.organizationName} before they can continue:`,
      data.message,
      `You can now change the application and submit it again until ${formatInstant('en', data.respondBy)}. It keeps its reference number.`,
    ],
    action: { label: 'Update the application', url: data.applicationUrl },
  }),
  fr: (data) => ({
    subject: `Renseignements supplémentaires requis pour la demande ${data.referenceNumber}`,
    paragraphs: [
      `Les agentes et agents des fonds ont besoin de renseignements supplémentaires sur la demande de ${data.organizationName} avant de poursuivre :`,
      data.message,
      `Vous pouvez maintenant modifier la demande et la soumettre de nouveau jusqu’au ${formatInstant('fr', data.respondBy)}. Elle conserve son numéro de référence.`,
    ],
    action: { label: 'Mettre à jour la demande', url: data.applicationUrl },
  }),
};

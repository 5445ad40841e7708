import { EmailTemplate } from './email-template';

export interface ReportReturnedData {
  organizationName: string;
  referenceNumber: string;
  kind: 'interim' | 'final';
  period: string;
  comment: string;
  awardUrl: string;
}

export const reportReturnedEmail: EmailTemplate<ReportReturnedData> = {
  en: (data) => ({
    subject: `Report sent back for changes: ${data.referenceNumber}`,
    paragraphs: [
      `The fund officer reviewed the ${data.kind} report of ${data.organizationName} for ${data.period} and sent it back with this note:`,
      data.comment,
      'Please correct the report and file it again.',
    ],
    action: { label: 'Open the award', url: data.awardUrl },
  }),
  fr: (data) => ({
    subject: `Rapport renvoyé pour modification : ${data.referenceNumber}`,
    paragraphs: [
      `L’agente ou l’agent du fonds a examiné le rapport ${data.kind === 'final' ? 'final' : 'provisoire'} de ${data.organizationName} pour ${data.period} et l’a renvoyé avec cette note :`,
      data.comment,
      'Veuillez corriger le rapport et le soumettre de nouveau.',
    ],
    action: { label: 'Ouvrir la subvention', url: data.awardUrl },
  }),
};

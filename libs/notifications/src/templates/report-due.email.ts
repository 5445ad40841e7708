import { EmailTemplate } from './email-template';
import { formatDate } from './format';

export interface ReportDueData {
  organizationName: string;
  referenceNumber: string;
  kind: 'interim' | 'final';
  period: string;
  dueOn: string;
  awardUrl: string;
}

export const reportDueEmail: EmailTemplate<ReportDueData> = {
  en: (data) => ({
    subject: `${data.kind === 'final' ? 'Final' : 'Interim'} report due ${formatDate('en', data.dueOn)}: ${data.referenceNumber}`,
    paragraphs: [
      `The ${data.kind} report of ${data.organizationName} for award ${data.referenceNumber} (fiscal year ${data.period}) is due on ${formatDate('en', data.dueOn)}.`,
      'The report asks for the money spent and the counts of the outcome measures of the call. Never include personal information about the people you serve.',
    ],
    action: { label: 'File the report', url: data.awardUrl },
  }),
  fr: (data) => ({
    subject: `Rapport ${data.kind === 'final' ? 'final' : 'provisoire'} attendu le ${formatDate('fr', data.dueOn)} : ${data.referenceNumber}`,
    paragraphs: [
      `Le rapport ${data.kind === 'final' ? 'final' : 'provisoire'} de ${data.organizationName} pour la subvention ${data.referenceNumber} (exercice ${data.period}) est attendu le ${formatDate('fr', data.dueOn)}.`,
      'Le rapport demande les sommes dépensées et les chiffres des mesures de résultats de l’appel. N’y incluez jamais de renseignements personnels sur les personnes que vous servez.',
    ],
    action: { label: 'Remplir le rapport', url: data.awardUrl },
  }),
};

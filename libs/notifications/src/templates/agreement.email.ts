import { EmailTemplate } from './email-template';
import { formatMoney } from './format';

interface AgreementData {
  organizationName: string;
  referenceNumber: string;
  version: number;
  /** The amendment's reason; null for version 1. */
  reason: string | null;
  agreementUrl: string;
}

export interface AgreementReadyData extends AgreementData {
  totalCents: number;
}

/** To the organization's members: a version is ready for its signing authority. */
export const agreementReadyEmail: EmailTemplate<AgreementReadyData> = {
  en: (data) => ({
    subject: data.reason === null ? `Your transfer payment agreement is ready to sign: ${data.referenceNumber}` : `An amendment to your agreement is ready to sign: ${data.referenceNumber}`,
    paragraphs: [
      data.reason === null
        ? `The Transfer Payment Agreement for ${data.referenceNumber} (${formatMoney('en', data.totalCents)}) is ready. A person with signing authority for ${data.organizationName} reads it and signs it in the grants system; the Province then counter-signs it, and the first payment follows.`
        : `The program office proposes version ${data.version} of the agreement for ${data.referenceNumber}, for this reason: ${data.reason}`,
      ...(data.reason === null ? [] : ['Until a person with signing authority signs it and the Province counter-signs it, the version in force stays in force.']),
    ],
    action: { label: 'Read and sign the agreement', url: data.agreementUrl },
  }),
  fr: (data) => ({
    subject: data.reason === null ? `Votre entente de paiement de transfert est prête à signer : ${data.referenceNumber}` : `Une modification de votre entente est prête à signer : ${data.referenceNumber}`,
    paragraphs: [
      data.reason === null
        ? `L’entente de paiement de transfert de la demande ${data.referenceNumber} (${formatMoney('fr', data.totalCents)}) est prête. Une personne ayant le pouvoir de signature pour ${data.organizationName} la lit et la signe dans le système de subventions; la province la contresigne ensuite, puis le premier paiement suit.`
        : `Le bureau du programme propose la version ${data.version} de l’entente de la demande ${data.referenceNumber}, pour la raison suivante : ${data.reason}`,
      ...(data.reason === null ? [] : ['Tant qu’une personne ayant le pouvoir de signature ne l’a pas signée et que la province ne l’a pas contresignée, la version en vigueur le demeure.']),
    ],
    action: { label: 'Lire et signer l’entente', url: data.agreementUrl },
  }),
};

export interface AgreementSignedData extends AgreementData {
  signerName: string;
  signerTitle: string;
}

/** To the approvers: the organization signed; the Province's counter-signature is awaited. */
export const agreementSignedEmail: EmailTemplate<AgreementSignedData> = {
  en: (data) => ({
    subject: `Agreement to counter-sign: ${data.referenceNumber}, version ${data.version}`,
    paragraphs: [
      `${data.signerName} (${data.signerTitle}) signed version ${data.version} of the agreement for ${data.referenceNumber} for ${data.organizationName}.${data.reason === null ? '' : ` It is an amendment: ${data.reason}`}`,
      'It needs the counter-signature of an approver who did not sign it for the organization.',
    ],
    action: { label: 'Counter-sign the agreement', url: data.agreementUrl },
  }),
  fr: (data) => ({
    subject: `Entente à contresigner : ${data.referenceNumber}, version ${data.version}`,
    paragraphs: [
      `${data.signerName} (${data.signerTitle}) a signé la version ${data.version} de l’entente de la demande ${data.referenceNumber} au nom de ${data.organizationName}.${data.reason === null ? '' : ` Il s’agit d’une modification : ${data.reason}`}`,
      'Elle doit être contresignée par une approbatrice ou un approbateur qui ne l’a pas signée au nom de l’organisme.',
    ],
    action: { label: 'Contresigner l’entente', url: data.agreementUrl },
  }),
};

export interface AgreementExecutedData extends AgreementData {
  recipientSignerName: string;
  provinceSignerName: string;
}

/** To the organization's members: both parties signed; this version is in force. */
export const agreementExecutedEmail: EmailTemplate<AgreementExecutedData> = {
  en: (data) => ({
    subject: `Agreement signed by both parties: ${data.referenceNumber}, version ${data.version}`,
    paragraphs: [
      `${data.recipientSignerName} signed version ${data.version} of the agreement for ${data.referenceNumber} for ${data.organizationName}, and ${data.provinceSignerName} counter-signed it for the Province. It is now in force${data.version > 1 ? ' and replaces the earlier version, which stays on record' : ''}.`,
      data.version === 1 ? 'The first payment can now be made; the award page shows the payment schedule and the reports to file.' : 'The award page shows the agreement as it now stands, and every earlier version.',
    ],
    action: { label: 'Open the agreement', url: data.agreementUrl },
  }),
  fr: (data) => ({
    subject: `Entente signée par les deux parties : ${data.referenceNumber}, version ${data.version}`,
    paragraphs: [
      `${data.recipientSignerName} a signé la version ${data.version} de l’entente de la demande ${data.referenceNumber} au nom de ${data.organizationName}, et ${data.provinceSignerName} l’a contresignée au nom de la province. Elle est maintenant en vigueur${data.version > 1 ? ' et remplace la version précédente, qui reste au dossier' : ''}.`,
      data.version === 1 ? 'Le premier paiement peut maintenant être versé; la page de la subvention présente le calendrier des paiements et les rapports à remettre.' : 'La page de la subvention présente l’entente telle qu’elle est maintenant, et chacune des versions précédentes.',
    ],
    action: { label: 'Ouvrir l’entente', url: data.agreementUrl },
  }),
};

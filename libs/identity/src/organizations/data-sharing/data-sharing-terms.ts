/**
 * The data-sharing agreement between the program office and an Indigenous-led organization, in
 * plain words, following the OCAP® principles (ownership, control, access, possession) as the First
 * Nations Information Governance Centre describes them. Each acceptance records the version it was
 * given to: rewording a clause here is a new version, which every organization accepts again
 * before its next submission to the Indigenous-Led Initiatives Fund.
 */

export interface BilingualClause {
  heading: { en: string; fr: string };
  text: { en: string; fr: string };
}

const NBSP = '\u00a0';

export const DATA_SHARING_VERSION = 'ILIF-DSA-2026-1';

export const DATA_SHARING_CLAUSES: readonly BilingualClause[] = [
  {
    heading: { en: 'Your data is yours', fr: 'Vos données vous appartiennent' },
    text: {
      en: 'Your organization owns the information it gives the program office, and the knowledge of your community in it. The office holds it on your behalf, for the purposes below only, and follows your decisions about it.',
      fr: `Votre organisme est propriétaire des renseignements qu’il fournit au bureau du programme et du savoir de votre communauté qu’ils contiennent. Le bureau les détient en votre nom, uniquement aux fins ci-dessous, et respecte vos décisions à leur sujet.`,
    },
  },
  {
    heading: { en: 'What the office holds', fr: 'Ce que détient le bureau' },
    text: {
      en: 'Your organization’s profile and contacts; your applications, their answers, budgets and attachments; the decisions, letters and agreements; your reports (counts only, never personal information about survivors); and the record of who read or changed them.',
      fr: `Le profil et les personnes-ressources de votre organisme; vos demandes, leurs réponses, budgets et pièces jointes; les décisions, lettres et ententes; vos rapports (des nombres seulement, jamais de renseignements personnels sur les personnes survivantes); et le registre de qui les a consultés ou modifiés.`,
    },
  },
  {
    heading: { en: 'For which purposes', fr: 'À quelles fins' },
    text: {
      en: 'To review your applications with the Indigenous review panel, to decide and pay funding, to follow the agreement and its reports, and to keep the records the Province must keep. Nothing else.',
      fr: `Pour examiner vos demandes avec le comité d’examen autochtone, décider du financement et le verser, suivre l’entente et ses rapports, et conserver les dossiers que la province doit conserver. Rien d’autre.`,
    },
  },
  {
    heading: { en: 'Who may see it', fr: 'Qui peut les consulter' },
    text: {
      en: 'The fund officers of the program office, and the members of the Indigenous review panel assigned to your applications. Your organization sees, at any time, who read its information and when.',
      fr: `Les agentes et agents du fonds du bureau du programme, et les membres du comité d’examen autochtone affectés à vos demandes. Votre organisme voit en tout temps qui a consulté ses renseignements et quand.`,
    },
  },
  {
    heading: { en: 'No secondary use', fr: 'Aucune utilisation secondaire' },
    text: {
      en: 'Information about your applications is never part of an export beyond the office’s own work, of a public or machine-readable feed, or of any automated scoring. Your figures appear in the office’s aggregate reports only if you consent to it, which you can change at any time; any figure drawn from fewer than five organizations is never shown.',
      fr: `Les renseignements sur vos demandes ne font jamais partie d’une exportation au-delà du travail du bureau, d’un flux public ou lisible par machine, ni d’une notation automatisée. Vos chiffres figurent dans les rapports agrégés du bureau seulement si vous y consentez, ce que vous pouvez changer en tout temps; aucun chiffre tiré de moins de cinq organismes n’est jamais affiché.`,
    },
  },
  {
    heading: { en: 'How long it is kept', fr: 'Combien de temps elles sont conservées' },
    text: {
      en: 'Drafts never submitted: one year after the call closes. Applications not funded: two years after the decision. Funded applications and their agreements: seven years after the agreement ends, as the Province’s record-keeping rules require. Then they are deleted; only a note of what was removed, and when, remains.',
      fr: `Ébauches jamais soumises${NBSP}: un an après la clôture de l’appel. Demandes non financées${NBSP}: deux ans après la décision. Demandes financées et leurs ententes${NBSP}: sept ans après la fin de l’entente, comme l’exigent les règles de tenue de dossiers de la province. Elles sont ensuite supprimées; seule une note de ce qui a été supprimé, et quand, demeure.`,
    },
  },
  {
    heading: { en: 'How it is returned', fr: 'Comment elles vous sont remises' },
    text: {
      en: 'Your organization can download everything the office holds about it at any time, and ask for it to be deleted. What no record-keeping duty requires is deleted at once; the rest when the duty ends, on a date you are shown. You are told when it is done.',
      fr: `Votre organisme peut télécharger en tout temps tout ce que le bureau détient à son sujet et en demander la suppression. Ce qu’aucune obligation de tenue de dossiers n’exige est supprimé aussitôt; le reste, à la fin de l’obligation, à une date qui vous est indiquée. Vous êtes avisé lorsque c’est fait.`,
    },
  },
  {
    heading: { en: 'Changes to this agreement', fr: 'Modifications de la présente entente' },
    text: {
      en: 'The office changes this agreement only with your organization’s acceptance: a new version is shown to you, and your signing authority accepts it before your next submission. Every version you accepted stays readable.',
      fr: `Le bureau ne modifie la présente entente qu’avec l’acceptation de votre organisme${NBSP}: une nouvelle version vous est présentée, et votre signataire autorisé l’accepte avant votre prochaine soumission. Chaque version acceptée demeure consultable.`,
    },
  },
];

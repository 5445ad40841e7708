/**
 * The words of the data-sharing agreement's page, the organization page's data governance section
 * and the public page on data governance (its source text for reviewers is docs/data-governance.md).
 * The agreement's clauses themselves are the service's (DATA_SHARING_CLAUSES), in both languages.
 */
export const dataSharingEn = {
  'dataSharing.title': 'Data-sharing agreement (OCAP®)',
  'dataSharing.intro':
    'This agreement says how the program office holds and uses the information of {organization}, following the First Nations principles of OCAP®: ownership, control, access and possession. Your organization’s signing authority accepts it before your first submission to the Indigenous-Led Initiatives Fund.',
  'dataSharing.organization': 'Organization',
  'dataSharing.version': 'Version to accept',
  'dataSharing.state': 'Where it stands',
  'dataSharing.state.accepted': 'Accepted on {date} by {name} ({title})',
  'dataSharing.state.toAccept': 'Not accepted yet: to be accepted by your signing authority before your first submission to the Indigenous-Led Initiatives Fund',
  'dataSharing.terms': 'The agreement, version {version}',
  'dataSharing.history': 'Every version accepted',
  'dataSharing.history.caption': 'Versions of the agreement accepted for {organization}, the latest first',
  'dataSharing.history.version': 'Version',
  'dataSharing.history.when': 'Accepted on',
  'dataSharing.history.name': 'Accepted by',
  'dataSharing.history.title': 'Title',
  'dataSharing.history.none': 'No version has been accepted yet.',
  'dataSharing.signingOnly':
    'Only a member of your organization named in its profile as a contact with signing authority can accept this agreement. An owner can name a signing authority in the organization’s profile.',
  'dataSharing.notRequired.body':
    'The data-sharing agreement applies to Indigenous-led organizations. {organization} is not recorded as Indigenous-led in its profile, so it has no data-sharing agreement to accept.',
  'dataSharing.accept.heading': 'Accept the agreement',
  'dataSharing.accept.intro': 'Your acceptance binds {organization} to version {version} of this agreement. It is recorded with your name, your title and the date, and your organization sees it here.',
  'dataSharing.accept.name': 'Your full name',
  'dataSharing.accept.title': 'Your title',
  'dataSharing.accept.titleHint': 'For example, Executive Director',
  'dataSharing.accept.attestLegend': 'Your authority to accept',
  'dataSharing.accept.attest': 'I have authority to bind the organization and I have read this version',
  'dataSharing.accept.submit': 'Accept the data-sharing agreement',
  'dataSharing.accept.problem': 'The agreement was not accepted',
  'dataSharing.notice.accepted': 'The data-sharing agreement is accepted. Your organization can now submit to the Indigenous-Led Initiatives Fund.',
  'dataSharing.notice.already': 'This version of the agreement was already accepted for your organization.',
  'dataSharing.error.nameMissing': 'Enter your full name.',
  'dataSharing.error.nameTooLong': 'Shorten your name to {max} characters or fewer.',
  'dataSharing.error.titleMissing': 'Enter your title.',
  'dataSharing.error.titleTooLong': 'Shorten your title to {max} characters or fewer.',
  'dataSharing.error.attestMissing': 'Tick the box to confirm that you have authority to bind the organization and that you have read this version.',
  'dataSharing.error.stale': 'The agreement changed while you were reading it: version {version} is now the one to accept. Read it on this page, then tick the box again.',
  'dataSharing.error.notSigningAuthority':
    'Only a member of your organization named in its profile as a contact with signing authority can accept the agreement. An owner can name you in the organization’s profile.',
  'dataSharing.back': 'Back to the organization’s profile',
  'dataSharing.consent.heading': 'Your figures in the office’s aggregate reports',
  'dataSharing.consent.intro': 'The program office publishes totals across organizations (money, applications, outcomes by fund and region). Your organization chooses whether its figures are counted in them. Without your consent they are left out; you can change your choice at any time.',
  'dataSharing.consent.notChosen': 'Not chosen yet: your figures are left out of the aggregate reports.',
  'dataSharing.consent.given': 'Your figures are counted in the aggregate reports (chosen on {date}).',
  'dataSharing.consent.refused': 'Your figures are left out of the aggregate reports (chosen on {date}).',
  'dataSharing.consent.legend': 'May the office count your organization’s figures in its aggregate reports?',
  'dataSharing.consent.yes': 'Yes, count our figures',
  'dataSharing.consent.no': 'No, leave our figures out',
  'dataSharing.consent.save': 'Save our choice',
  'dataSharing.consent.error': 'Choose whether the office may count your figures.',
  'dataSharing.notice.consent': 'Your choice is saved.',

  'dataSharing.section.heading': 'Your data and how it is governed',
  'dataSharing.section.link': 'Data-sharing agreement (OCAP®)',
  // Between the link and its state: French puts a no-break space before the colon.
  'dataSharing.section.colon': ':',
  'dataSharing.section.accepted': 'accepted on {date}',
  'dataSharing.section.toAccept': 'to be accepted by your signing authority',
  'dataSharing.section.governance': 'How your data is governed',

  'governance.title': 'How your data is governed',
  'governance.intro':
    'This page tells the organizations that apply for funding, in plain language, how the program office holds and uses their information. Some of these controls are in place today; those marked “Coming” are not built yet, and the page will say when they are.',
  'governance.coming': 'Coming:',
  'governance.agreement.heading': 'The data-sharing agreement (OCAP®)',
  'governance.agreement.body':
    'Indigenous-led organizations and the program office share data under an agreement that follows the First Nations principles of OCAP®: ownership, control, access and possession. It says that your data is yours; what the office holds (your profile and contacts, your applications, decisions, agreements and reports, and the record of who read them); the purposes it is used for (reviewing, deciding, paying and following your funding, and keeping the records the Province must keep, nothing else); who may see it; that it has no secondary use; how long it is kept; and how it is returned to you.',
  'governance.agreement.accept':
    'To accept it, your organization’s signing authority (a member named in the profile as a contact with signing authority) opens your organization’s page, follows “Data-sharing agreement (OCAP®)”, reads it, types their name and title, ticks the box to confirm their authority and accepts. The agreement is versioned: if the office changes it, your organization accepts the new version before its next submission, and every version you accepted stays readable.',
  'governance.ilif.heading': 'Submissions to the Indigenous-Led Initiatives Fund',
  'governance.ilif.body':
    'An application to the Indigenous-Led Initiatives Fund cannot be submitted until your organization has accepted the version of the agreement in force. The application’s check page says so, with a link to the agreement.',
  'governance.who.heading': 'Who sees your data',
  'governance.who.body':
    'The members of your organization; the fund officers of the program office; the reviewers assigned to your applications (for the Indigenous-Led Initiatives Fund, the members of the Indigenous review panel); and the approvers who counter-sign agreements and approve payments. System administrators manage accounts; they do not read your applications. Your organization’s owners see in its access log who read its information, and when.',
  'governance.secondary.heading': 'No secondary use',
  'governance.secondary.body': 'Your information is used for your funding and for the records the Province must keep. The data-sharing agreement says it is never used for anything else.',
  'governance.secondary.coming':
    'the system itself will keep the data of applications to the Indigenous-Led Initiatives Fund out of any export beyond the office’s own work, any public or machine-readable feed, and any automated scoring.',
  'governance.aggregate.heading': 'Aggregate reports and small numbers',
  'governance.aggregate.body': 'An Indigenous-led organization chooses, on its data-sharing agreement page, whether its figures are counted in the office’s aggregate reports and dashboards. Until it consents, they are left out; it can change its choice at any time.',
  'governance.aggregate.coming': 'any figure drawn from fewer than five organizations will never be shown, for every fund.',
  'governance.retention.heading': 'How long your data is kept',
  'governance.retention.intro': 'The office keeps your information only as long as these rules say:',
  'governance.retention.drafts': 'drafts never submitted: 1 year after the call closes;',
  'governance.retention.unsuccessful': 'applications not funded: 2 years after the decision;',
  'governance.retention.funded': 'funded applications and their agreements: 7 years after the agreement ends, as the Province’s record-keeping rules require.',
  'governance.retention.coming':
    'a scheduled task will delete what is past these periods. Only a note of what was removed, when and under which rule will stay, never the content. Until then, nothing is deleted automatically.',
  'governance.return.heading': 'Getting your data back, and deleting it',
  'governance.return.body':
    'An owner of your organization can download, at any time, everything the system holds about it, in one ZIP file, from your organization’s page (“Download my organization’s data”).',
  'governance.return.coming':
    'your organization will be able to ask for its data to be deleted. What no record-keeping duty requires (drafts, applications never funded) will be deleted at once; the rest when the duty ends, on a date you are shown. You will be told when it is done.',
  'governance.contact': 'Questions about your data? Write to',
} as const;

export const dataSharingFr: Record<keyof typeof dataSharingEn, string> = {
  'dataSharing.title': 'Entente de partage des données (PCAP®)',
  'dataSharing.intro':
    'Cette entente précise comment le bureau du programme détient et utilise les renseignements de {organization}, selon les principes de PCAP® des Premières Nations : propriété, contrôle, accès et possession. Le signataire autorisé de votre organisme l’accepte avant votre première soumission au Fonds pour les initiatives dirigées par des Autochtones.',
  'dataSharing.organization': 'Organisme',
  'dataSharing.version': 'Version à accepter',
  'dataSharing.state': 'Où en est l’entente',
  'dataSharing.state.accepted': 'Acceptée le {date} par {name} ({title})',
  'dataSharing.state.toAccept':
    'Pas encore acceptée : à accepter par votre signataire autorisé avant votre première soumission au Fonds pour les initiatives dirigées par des Autochtones',
  'dataSharing.terms': 'L’entente, version {version}',
  'dataSharing.history': 'Chaque version acceptée',
  'dataSharing.history.caption': 'Versions de l’entente acceptées pour {organization}, la plus récente en premier',
  'dataSharing.history.version': 'Version',
  'dataSharing.history.when': 'Acceptée le',
  'dataSharing.history.name': 'Acceptée par',
  'dataSharing.history.title': 'Titre',
  'dataSharing.history.none': 'Aucune version n’a encore été acceptée.',
  'dataSharing.signingOnly':
    'Seul un membre de votre organisme nommé dans son profil comme personne-ressource ayant le pouvoir de signature peut accepter cette entente. Une personne propriétaire peut nommer un signataire autorisé dans le profil de l’organisme.',
  'dataSharing.notRequired.body':
    'L’entente de partage des données s’applique aux organismes dirigés par des Autochtones. {organization} n’est pas inscrit comme dirigé par des Autochtones dans son profil : il n’a donc aucune entente de partage des données à accepter.',
  'dataSharing.accept.heading': 'Accepter l’entente',
  'dataSharing.accept.intro':
    'Votre acceptation engage {organization} envers la version {version} de cette entente. Elle est consignée avec votre nom, votre titre et la date, et votre organisme la voit ici.',
  'dataSharing.accept.name': 'Votre nom complet',
  'dataSharing.accept.title': 'Votre titre',
  'dataSharing.accept.titleHint': 'Par exemple, directrice générale',
  'dataSharing.accept.attestLegend': 'Votre pouvoir d’accepter',
  'dataSharing.accept.attest': 'J’ai le pouvoir d’engager l’organisme et j’ai lu cette version',
  'dataSharing.accept.submit': 'Accepter l’entente de partage des données',
  'dataSharing.accept.problem': 'L’entente n’a pas été acceptée',
  'dataSharing.notice.accepted': 'L’entente de partage des données est acceptée. Votre organisme peut maintenant soumettre une demande au Fonds pour les initiatives dirigées par des Autochtones.',
  'dataSharing.notice.already': 'Cette version de l’entente a déjà été acceptée au nom de votre organisme.',
  'dataSharing.error.nameMissing': 'Entrez votre nom complet.',
  'dataSharing.error.nameTooLong': 'Raccourcissez votre nom à {max} caractères ou moins.',
  'dataSharing.error.titleMissing': 'Entrez votre titre.',
  'dataSharing.error.titleTooLong': 'Raccourcissez votre titre à {max} caractères ou moins.',
  'dataSharing.error.attestMissing': 'Cochez la case pour confirmer que vous avez le pouvoir d’engager l’organisme et que vous avez lu cette version.',
  'dataSharing.error.stale':
    'L’entente a changé pendant que vous la lisiez : la version {version} est maintenant celle à accepter. Lisez-la sur cette page, puis cochez la case de nouveau.',
  'dataSharing.error.notSigningAuthority':
    'Seul un membre de votre organisme nommé dans son profil comme personne-ressource ayant le pouvoir de signature peut accepter l’entente. Une personne propriétaire peut vous nommer dans le profil de l’organisme.',
  'dataSharing.back': 'Retour au profil de l’organisme',
  'dataSharing.consent.heading': 'Vos chiffres dans les rapports agrégés du bureau',
  'dataSharing.consent.intro': 'Le bureau du programme publie des totaux pour l’ensemble des organismes (sommes, demandes, résultats par fonds et par région). Votre organisme choisit si ses chiffres y sont comptés. Sans votre consentement, ils en sont exclus; vous pouvez changer votre choix en tout temps.',
  'dataSharing.consent.notChosen': 'Pas encore choisi : vos chiffres sont exclus des rapports agrégés.',
  'dataSharing.consent.given': 'Vos chiffres sont comptés dans les rapports agrégés (choix fait le {date}).',
  'dataSharing.consent.refused': 'Vos chiffres sont exclus des rapports agrégés (choix fait le {date}).',
  'dataSharing.consent.legend': 'Le bureau peut-il compter les chiffres de votre organisme dans ses rapports agrégés ?',
  'dataSharing.consent.yes': 'Oui, comptez nos chiffres',
  'dataSharing.consent.no': 'Non, excluez nos chiffres',
  'dataSharing.consent.save': 'Enregistrer notre choix',
  'dataSharing.consent.error': 'Indiquez si le bureau peut compter vos chiffres.',
  'dataSharing.notice.consent': 'Votre choix est enregistré.',

  'dataSharing.section.heading': 'Vos données et leur gouvernance',
  'dataSharing.section.link': 'Entente de partage des données (PCAP®)',
  'dataSharing.section.colon': ' :',
  'dataSharing.section.accepted': 'acceptée le {date}',
  'dataSharing.section.toAccept': 'à accepter par votre signataire autorisé',
  'dataSharing.section.governance': 'Comment vos données sont gouvernées',

  'governance.title': 'Comment vos données sont gouvernées',
  'governance.intro':
    'Cette page explique en langage clair aux organismes qui demandent du financement comment le bureau du programme détient et utilise leurs renseignements. Certaines de ces mesures sont en place aujourd’hui; celles marquées « À venir » ne sont pas encore réalisées, et la page dira quand elles le seront.',
  'governance.coming': 'À venir :',
  'governance.agreement.heading': 'L’entente de partage des données (PCAP®)',
  'governance.agreement.body':
    'Les organismes dirigés par des Autochtones et le bureau du programme partagent des données en vertu d’une entente qui suit les principes de PCAP® des Premières Nations : propriété, contrôle, accès et possession. Elle précise que vos données vous appartiennent; ce que détient le bureau (votre profil et vos personnes-ressources, vos demandes, décisions, ententes et rapports, ainsi que le registre de qui les a consultés); les fins auxquelles elles servent (examiner, décider, verser et suivre votre financement, et conserver les dossiers que la province doit conserver, rien d’autre); qui peut les consulter; qu’elles n’ont aucune utilisation secondaire; combien de temps elles sont conservées; et comment elles vous sont remises.',
  'governance.agreement.accept':
    'Pour l’accepter, le signataire autorisé de votre organisme (un membre nommé dans le profil comme personne-ressource ayant le pouvoir de signature) ouvre la page de votre organisme, suit le lien « Entente de partage des données (PCAP®) », la lit, entre son nom et son titre, coche la case qui confirme son pouvoir et l’accepte. L’entente a des versions : si le bureau la modifie, votre organisme accepte la nouvelle version avant sa prochaine soumission, et chaque version acceptée demeure consultable.',
  'governance.ilif.heading': 'Soumissions au Fonds pour les initiatives dirigées par des Autochtones',
  'governance.ilif.body':
    'Une demande au Fonds pour les initiatives dirigées par des Autochtones ne peut pas être soumise tant que votre organisme n’a pas accepté la version de l’entente en vigueur. La page de vérification de la demande l’indique, avec un lien vers l’entente.',
  'governance.who.heading': 'Qui voit vos données',
  'governance.who.body':
    'Les membres de votre organisme; les agentes et agents du fonds du bureau du programme; les évaluatrices et évaluateurs affectés à vos demandes (pour le Fonds pour les initiatives dirigées par des Autochtones, les membres du comité d’examen autochtone); et les approbatrices et approbateurs qui contresignent les ententes et approuvent les paiements. Les administratrices et administrateurs du système gèrent les comptes; ils ne lisent pas vos demandes. Les personnes propriétaires de votre organisme voient dans son journal des accès qui a consulté ses renseignements, et quand.',
  'governance.secondary.heading': 'Aucune utilisation secondaire',
  'governance.secondary.body':
    'Vos renseignements servent à votre financement et aux dossiers que la province doit conserver. L’entente de partage des données précise qu’ils ne servent jamais à autre chose.',
  'governance.secondary.coming':
    'le système lui-même exclura les données des demandes au Fonds pour les initiatives dirigées par des Autochtones de toute exportation au-delà du travail du bureau, de tout flux public ou lisible par machine et de toute notation automatisée.',
  'governance.aggregate.heading': 'Rapports agrégés et petits nombres',
  'governance.aggregate.body': 'Un organisme dirigé par des Autochtones choisit, sur la page de son entente de partage des données, si ses chiffres sont comptés dans les rapports et tableaux de bord agrégés du bureau. Tant qu’il n’y consent pas, ils en sont exclus; il peut changer son choix en tout temps.',
  'governance.aggregate.coming': 'aucun chiffre tiré de moins de cinq organismes ne sera jamais affiché, pour tous les fonds.',
  'governance.retention.heading': 'Combien de temps vos données sont conservées',
  'governance.retention.intro': 'Le bureau conserve vos renseignements seulement pendant les périodes suivantes :',
  'governance.retention.drafts': 'ébauches jamais soumises : 1 an après la clôture de l’appel;',
  'governance.retention.unsuccessful': 'demandes non financées : 2 ans après la décision;',
  'governance.retention.funded': 'demandes financées et leurs ententes : 7 ans après la fin de l’entente, comme l’exigent les règles de tenue de dossiers de la province.',
  'governance.retention.coming':
    'une tâche planifiée supprimera ce qui a dépassé ces périodes. Seule une note de ce qui a été supprimé, quand et selon quelle règle demeurera, jamais le contenu. D’ici là, rien n’est supprimé automatiquement.',
  'governance.return.heading': 'Récupérer vos données et les supprimer',
  'governance.return.body':
    'Une personne propriétaire de votre organisme peut télécharger en tout temps, dans un seul fichier ZIP, tout ce que le système détient à son sujet, à partir de la page de votre organisme (« Télécharger les données de mon organisme »).',
  'governance.return.coming':
    'votre organisme pourra demander la suppression de ses données. Ce qu’aucune obligation de tenue de dossiers n’exige (ébauches, demandes jamais financées) sera supprimé aussitôt; le reste, à la fin de l’obligation, à une date qui vous sera indiquée. Vous serez avisé lorsque ce sera fait.',
  'governance.contact': 'Des questions sur vos données? Écrivez au',
};

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, ApplicationService } from '@grants/applications';
import { AppConfig, FileStorage, NotFoundError } from '@grants/core';
import { LetterContent } from '@grants/documents';
import { Actor } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { DecisionLetterEntity } from './release.entity';
import { instalmentsOf } from './rules/payment-ledger';

export interface LetterFile {
  filename: string;
  content: Buffer;
}

const FILENAME = { award: { en: 'award-letter', fr: 'lettre-octroi' }, decline: { en: 'decision-letter', fr: 'lettre-decision' } } as const;

/** What a decision letter says, gathered from the decision and its award; and the stored letters. */
@Injectable()
export class LetterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** The stored PDF, for the organization's members and officers; 404 until it is generated. */
  async download(actor: Actor, applicationId: string): Promise<LetterFile> {
    const access = await this.applications.readAccess(actor, applicationId, 'letter');
    const letter = await this.dataSource.getRepository(DecisionLetterEntity).findOneBy({ applicationId });
    if (!letter?.storageKey || !(await this.storage.exists(letter.storageKey))) throw new NotFoundError('Letter');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id: applicationId });
    await this.applications.recordView(actor, access, { what: 'letter' });
    return { filename: letterFilename(letter, application.referenceNumber), content: await this.storage.get(letter.storageKey) };
  }

  /** Everything the letter states, read in one statement (a release sets thousands of letters). */
  async contentFor(manager: EntityManager, letter: DecisionLetterEntity): Promise<LetterContent> {
    const [row] = (await manager.query(
      `SELECT a.reference_number, a.title AS application_title, c.title AS call_title, f.name_en, f.name_fr,
              o.legal_name, o.address_line1, o.address_city, o.address_postal_code,
              d.released_at, d.feedback, u.name AS officer_name,
              w.id AS award_id, w.approved_cents, w.conditions, w.accept_by,
              (SELECT coalesce(json_agg(json_build_object('position', p.position, 'fiscalYear', p.fiscal_year, 'amountCents', p.amount_cents, 'dueOn', p.due_on, 'holdback', p.holdback) ORDER BY p.position), '[]')
                 FROM award_payment p WHERE p.award_id = w.id) AS payments,
              (SELECT coalesce(json_agg(json_build_object('kind', r.kind, 'period', r.period, 'dueOn', r.due_on) ORDER BY r.due_on ASC, r.kind DESC), '[]')
                 FROM award_report r WHERE r.award_id = w.id) AS reports
         FROM application a
         JOIN organization o ON o.id = a.organization_id
         JOIN call c ON c.id = a.call_id
         JOIN fund f ON f.id = c.fund_id
         JOIN application_decision d ON d.application_id = a.id
         JOIN user_account u ON u.id = d.decided_by
         LEFT JOIN award w ON w.application_id = a.id
        WHERE a.id = $1`,
      [letter.applicationId],
    )) as Array<LetterRow>;
    if (!row) throw new Error(`no decided application ${letter.applicationId} for its letter`);
    const locale = letter.locale;
    const base = {
      locale,
      issuedAt: row.released_at!,
      organization: { legalName: row.legal_name, addressLine1: row.address_line1, addressCity: row.address_city, addressPostalCode: row.address_postal_code },
      referenceNumber: row.reference_number ?? '',
      fundName: locale === 'fr' ? row.name_fr : row.name_en,
      callTitle: row.call_title[locale] ?? '',
      applicationTitle: row.application_title,
      officerName: row.officer_name,
      contact: this.config.officeContact,
    };
    if (letter.kind === 'decline') return { ...base, kind: 'decline', feedback: row.feedback };
    if (!row.award_id) throw new Error(`no award offered for application ${letter.applicationId} yet`);
    return {
      ...base,
      kind: 'award',
      approvedCents: Number(row.approved_cents),
      conditions: row.conditions ?? '',
      // The offer lists whole instalments, as the agreement's schedule E does; the agreement names the holdback.
      payments: instalmentsOf(row.payments.map((payment) => ({ ...payment, amountCents: Number(payment.amountCents) }))).map(({ fiscalYear, amountCents, dueOn }) => ({ fiscalYear, amountCents, dueOn })),
      reports: row.reports.map(({ kind, period, dueOn }) => ({ kind, period, dueOn })),
      acceptBy: row.accept_by!,
      acceptUrl: new URL(`/awards/${row.award_id}`, this.config.appUrl).toString(),
    };
  }
}

interface LetterRow {
  reference_number: string | null;
  application_title: string;
  call_title: Partial<Record<'en' | 'fr', string>>;
  name_en: string;
  name_fr: string;
  legal_name: string;
  address_line1: string;
  address_city: string;
  address_postal_code: string;
  released_at: Date | null;
  feedback: string | null;
  officer_name: string;
  award_id: string | null;
  approved_cents: string | null;
  conditions: string | null;
  accept_by: Date | null;
  payments: Array<{ position: number; fiscalYear: string; amountCents: number | string; dueOn: string; holdback: boolean }>;
  reports: Array<{ kind: 'interim' | 'final'; period: string; dueOn: string }>;
}

export function letterFilename(letter: Pick<DecisionLetterEntity, 'kind' | 'locale'>, referenceNumber: string | null): string {
  return `${referenceNumber ?? 'application'}-${FILENAME[letter.kind][letter.locale]}.pdf`;
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MemberNotifier } from '@grants/applications';
import { AppConfig, FileStorage, HandlesJob, JobHandler } from '@grants/core';
import { LetterRenderer, uncoveredCodePoints } from '@grants/documents';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { letterEmailKey, RenderLetterPayload, renderLetterJob } from './letter-jobs';
import { LetterService, letterFilename } from './letter.service';
import { DecisionLetterEntity } from './release.entity';
import { ReleaseService } from './release.service';

/**
 * A released decision's work: offers its award (for an approval), renders its letter, stores it, then
 * queues the email that carries it. Safe to run again: the award is offered once, a stored letter is
 * not rendered twice, and the email's key is the application's, so a retry or a second release never
 * sends the letter twice.
 */
@Injectable()
@HandlesJob(renderLetterJob)
export class RenderLetterHandler implements JobHandler<RenderLetterPayload> {
  private readonly logger = new Logger(RenderLetterHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly letters: LetterService,
    private readonly renderer: LetterRenderer,
    private readonly storage: FileStorage,
    private readonly notifications: NotificationService,
    private readonly members: MemberNotifier,
    private readonly config: AppConfig,
    private readonly releases: ReleaseService,
  ) {}

  async handle({ applicationId }: RenderLetterPayload): Promise<void> {
    const letter = await this.dataSource.getRepository(DecisionLetterEntity).findOneBy({ applicationId });
    if (!letter) throw new Error(`no released decision letter for application ${applicationId}`);
    if (letter.kind === 'award') await this.releases.offerAward(applicationId);
    // A letter whose file went missing from storage is rendered again rather than emailed without it.
    if (!letter.storageKey || !(await this.storage.exists(letter.storageKey))) {
      const content = await this.letters.contentFor(this.dataSource.manager, letter);
      const missing = uncoveredCodePoints(JSON.stringify(content));
      if (missing.length > 0) this.logger.warn({ applicationId, codePoints: missing }, 'letter text has characters no embedded font covers');
      const pdf = await this.renderer.render(content);
      const storageKey = `letters/${applicationId}`;
      await this.storage.put(storageKey, pdf, 'application/pdf');
      letter.storageKey = storageKey;
      letter.sizeBytes = pdf.length;
      letter.generatedAt = new Date();
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(DecisionLetterEntity, { applicationId }, { storageKey: letter.storageKey, sizeBytes: letter.sizeBytes, generatedAt: letter.generatedAt });
      await this.queueEmail(manager, letter);
    });
  }

  private async queueEmail(manager: EntityManager, letter: DecisionLetterEntity): Promise<void> {
    const [row] = (await manager.query(
      `SELECT a.id, a.reference_number, a.organization_id, o.legal_name, c.title AS call_title, w.id AS award_id, w.approved_cents, w.accept_by
         FROM application a
         JOIN organization o ON o.id = a.organization_id
         JOIN call c ON c.id = a.call_id
         LEFT JOIN award w ON w.application_id = a.id
        WHERE a.id = $1`,
      [letter.applicationId],
    )) as Array<{ id: string; reference_number: string | null; organization_id: string; legal_name: string; call_title: Partial<Record<'en' | 'fr', string>>; award_id: string | null; approved_cents: string | null; accept_by: Date | null }>;
    if (!row) throw new Error(`no application ${letter.applicationId} for its letter`);
    const members = await this.members.members(manager, row.organization_id);
    // Every member's account may be disabled: nobody is left to tell, the letter stays on the award.
    if (members.length === 0) return;
    const award = letter.kind === 'award' ? row : null;
    if (award && !award.award_id) throw new Error(`no award offered for application ${letter.applicationId} yet`);
    await this.notifications.sendEmail(manager, {
      key: letterEmailKey(row.id),
      to: members.map((member) => member.email),
      locale: letter.locale,
      template: 'decision-letter',
      data: {
        organizationName: row.legal_name,
        referenceNumber: row.reference_number ?? '',
        callTitle: { en: row.call_title.en ?? '', fr: row.call_title.fr ?? '' },
        outcome: award ? 'approved' : 'declined',
        approvedCents: award ? Number(award.approved_cents) : null,
        acceptBy: award?.accept_by?.toISOString() ?? null,
        url: new URL(award ? `/awards/${award.award_id}` : `/applications/${row.id}`, this.config.appUrl).toString(),
      },
      attachments: [{ filename: letterFilename(letter, row.reference_number), contentType: 'application/pdf', storageKey: letter.storageKey! }],
    });
  }
}

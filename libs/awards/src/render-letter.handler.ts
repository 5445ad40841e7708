import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, MemberNotifier } from '@grants/applications';
import { CallEntity } from '@grants/calls';
import { AppConfig, FileStorage, HandlesJob, JobHandler } from '@grants/core';
import { LetterRenderer, uncoveredCodePoints } from '@grants/documents';
import { OrganizationEntity } from '@grants/identity';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { AwardEntity } from './award.entity';
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
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: letter.applicationId });
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const members = await this.members.members(manager, organization.id);
    // Every member's account may be disabled: nobody is left to tell, the letter stays on the award.
    if (members.length === 0) return;
    const award = letter.kind === 'award' ? await manager.findOneByOrFail(AwardEntity, { applicationId: application.id }) : null;
    await this.notifications.sendEmail(manager, {
      key: letterEmailKey(application.id),
      to: members.map((member) => member.email),
      locale: letter.locale,
      template: 'decision-letter',
      data: {
        organizationName: organization.legalName,
        referenceNumber: application.referenceNumber ?? '',
        callTitle: { en: call.title.en ?? '', fr: call.title.fr ?? '' },
        outcome: award ? 'approved' : 'declined',
        approvedCents: award?.approvedCents ?? null,
        acceptBy: award?.acceptBy.toISOString() ?? null,
        url: new URL(award ? `/awards/${award.id}` : `/applications/${application.id}`, this.config.appUrl).toString(),
      },
      attachments: [{ filename: letterFilename(letter, application.referenceNumber), contentType: 'application/pdf', storageKey: letter.storageKey! }],
    });
  }
}

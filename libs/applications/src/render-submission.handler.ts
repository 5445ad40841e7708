import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FileStorage, HandlesJob, JobHandler } from '@grants/core';
import { SubmissionRenderer, uncoveredCodePoints } from '@grants/documents';
import { DataSource } from 'typeorm';
import { RenderSubmissionPayload, renderSubmissionJob, submissionPdfKey } from './submission-pdf-jobs';
import { SubmissionPdfService } from './submission-pdf.service';

/**
 * Renders a submitted version as a PDF and stores it. A version is frozen, so a stored PDF is never
 * rendered again: a retry or a second request for the same version finds it there.
 */
@Injectable()
@HandlesJob(renderSubmissionJob)
export class RenderSubmissionHandler implements JobHandler<RenderSubmissionPayload> {
  private readonly logger = new Logger(RenderSubmissionHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pdfs: SubmissionPdfService,
    private readonly renderer: SubmissionRenderer,
    private readonly storage: FileStorage,
  ) {}

  async handle({ applicationId, version }: RenderSubmissionPayload): Promise<void> {
    const storageKey = submissionPdfKey(applicationId, version);
    if (await this.storage.exists(storageKey)) return;
    const content = await this.pdfs.contentFor(this.dataSource.manager, applicationId, version);
    const missing = uncoveredCodePoints(JSON.stringify(content));
    if (missing.length > 0) this.logger.warn({ applicationId, version, codePoints: missing }, 'submission text has characters no embedded font covers');
    await this.storage.put(storageKey, await this.renderer.render(content), 'application/pdf');
  }
}

import { Module } from '@nestjs/common';
import { AppConfig } from '@grants/core';
import { AgreementRenderer } from './agreement-renderer';
import { LetterRenderer } from './letter-renderer';
import { RenderPool } from './render-pool';
import { SubmissionRenderer } from './submission-renderer';

@Module({
  providers: [
    AgreementRenderer,
    LetterRenderer,
    // One pool for the process, whichever modules render; its threads end when the application closes (OnModuleDestroy).
    { provide: RenderPool, useFactory: (config: AppConfig) => new RenderPool(config.renderThreads), inject: [AppConfig] },
    SubmissionRenderer,
  ],
  exports: [AgreementRenderer, LetterRenderer, SubmissionRenderer],
})
export class DocumentsModule {}

import { Module } from '@nestjs/common';
import { LetterRenderer } from './letter-renderer';
import { SubmissionRenderer } from './submission-renderer';

@Module({
  providers: [LetterRenderer, SubmissionRenderer],
  exports: [LetterRenderer, SubmissionRenderer],
})
export class DocumentsModule {}

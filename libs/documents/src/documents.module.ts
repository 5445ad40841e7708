import { Module } from '@nestjs/common';
import { LetterRenderer } from './letter-renderer';

@Module({
  providers: [LetterRenderer],
  exports: [LetterRenderer],
})
export class DocumentsModule {}

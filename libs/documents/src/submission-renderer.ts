import { Injectable } from '@nestjs/common';
import { renderDocument } from './letter-renderer';
import { SubmissionContent } from './submission-content';
import { submissionText } from './submission-text';

/** Sets one submitted version of an application as a tagged, accessible PDF, laid out as the letters are. */
@Injectable()
export class SubmissionRenderer {
  render(content: SubmissionContent): Promise<Buffer> {
    return renderDocument(submissionText(content));
  }
}

import { Injectable } from '@nestjs/common';
import { RenderPool } from './render-pool';
import { SubmissionContent } from './submission-content';
import { submissionText } from './submission-text';

/** Sets one submitted version of an application as a tagged, accessible PDF, laid out as the letters are, in a render thread. */
@Injectable()
export class SubmissionRenderer {
  constructor(private readonly pool: RenderPool) {}

  render(content: SubmissionContent): Promise<Buffer> {
    return this.pool.render(submissionText(content));
  }
}

import { Injectable } from '@nestjs/common';
import { LetterContent } from './letter-content';
import { letterText } from './letter-text';
import { renderDocument } from './render-document';
import { RenderPool } from './render-pool';

/** Sets a decision letter as a tagged, accessible PDF with its fonts embedded, in a render thread. */
@Injectable()
export class LetterRenderer {
  constructor(private readonly pool: RenderPool) {}

  render(content: LetterContent): Promise<Buffer> {
    return this.pool.render(letterText(content));
  }
}

/** The same letter set in the caller's thread, as one render thread does it: the benchmark's baseline. */
export function renderLetterInThisThread(content: LetterContent): Promise<Buffer> {
  return renderDocument(letterText(content));
}

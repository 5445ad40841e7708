import { Injectable } from '@nestjs/common';
import { AgreementContent } from './agreement-content';
import { agreementText } from './agreement-text';
import { RenderPool } from './render-pool';

/** Sets one version of a Transfer Payment Agreement as a tagged, accessible PDF, laid out as the letters are, in a render thread. */
@Injectable()
export class AgreementRenderer {
  constructor(private readonly pool: RenderPool) {}

  render(content: AgreementContent): Promise<Buffer> {
    return this.pool.render(agreementText(content));
  }
}

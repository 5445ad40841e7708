import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/auth.decorators';

/** The officer's awards, payments, reports, exports and audit pages. */
@ApiExcludeController()
@Public()
@Controller()
export class OversightWebController {}

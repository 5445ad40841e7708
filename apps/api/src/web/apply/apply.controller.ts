import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/auth.decorators';

/** The applicant's application form pages. */
@ApiExcludeController()
@Public()
@Controller()
export class ApplyWebController {}

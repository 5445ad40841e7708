import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/auth.decorators';

/** The officer's applications, screening, assignment and decision pages. */
@ApiExcludeController()
@Public()
@Controller()
export class ScreeningWebController {}

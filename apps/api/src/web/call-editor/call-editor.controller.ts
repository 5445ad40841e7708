import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/auth.decorators';

/** The officer's call editing pages. */
@ApiExcludeController()
@Public()
@Controller()
export class CallEditorWebController {}

import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/auth.decorators';

/** The administrator's staff accounts and panels pages. */
@ApiExcludeController()
@Public()
@Controller()
export class AdminWebController {}

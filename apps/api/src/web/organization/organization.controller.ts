import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../http/auth/auth.decorators';

/** The organization profile, members and report filing pages. */
@ApiExcludeController()
@Public()
@Controller()
export class OrganizationWebController {}

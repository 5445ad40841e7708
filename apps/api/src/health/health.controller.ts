import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthService } from '@grants/core';
import { Response } from 'express';
import { Public } from '../http/auth/auth.decorators';
import { HealthResponseDto } from './health.dto';

@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthResponseDto, description: 'Database, queue, worker, mail and storage are all up' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'Names what is down' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponseDto> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}

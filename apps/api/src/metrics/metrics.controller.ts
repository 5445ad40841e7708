import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsService } from '@grants/core';
import { Request, Response } from 'express';
import { OwnCredentials } from '../http/auth/auth.decorators';

/** For the monitoring system only: its bearer token (METRICS_TOKEN), not a user's session. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @OwnCredentials()
  async scrape(@Headers('authorization') authorization: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.metrics.authorize(authorization, request);
    response.type(this.metrics.contentType).send(await this.metrics.text());
  }
}

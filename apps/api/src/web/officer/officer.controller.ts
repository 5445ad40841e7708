import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ReleaseService } from '@grants/awards';
import { CallService } from '@grants/calls';
import { Actor } from '@grants/identity';
import { RankingService } from '@grants/reviews';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { pageContext } from '../page-context';
import { hasPageRole, PageRequest, sendScript, signInFirst } from '../web-request';
import { callsPage, rankingPage, releasePage } from './officer.pages';
import { RELEASE_PROGRESS_SCRIPT } from './release-progress.script';

/** The fund officer's pages: calls, a call's ranking with its decisions, and releasing them. */
@ApiExcludeController()
@Public()
@Controller()
export class OfficerWebController {
  constructor(
    private readonly calls: CallService,
    private readonly rankings: RankingService,
    private readonly releases: ReleaseService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('assets/release-progress.js')
  script(@Res() response: Response): void {
    sendScript(response, RELEASE_PROGRESS_SCRIPT);
  }

  @Get('officer/calls')
  async callList(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const calls = await this.calls.list(actor, { limit: 100 });
    response.type('html').send(callsPage(pageContext(request, response), calls.items));
  }

  @Get('officer/calls/:id')
  async ranking(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) callId: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.calls.get(actor, callId);
    const ranking = await this.rankings.ranking(actor, callId);
    const decisions = (await this.dataSource.query(
      `SELECT d.application_id, d.outcome, d.released_at IS NOT NULL AS released FROM application_decision d JOIN application a ON a.id = d.application_id WHERE a.call_id = $1`,
      [callId],
    )) as Array<{ application_id: string; outcome: 'approved' | 'declined'; released: boolean }>;
    const byApplication = new Map(decisions.map((decision) => [decision.application_id, decision]));
    const items = ranking.items.map((item) => ({ item, decision: byApplication.get(item.applicationId)?.outcome ?? null }));
    const unreleased = decisions.filter((decision) => !decision.released).length;
    response.type('html').send(rankingPage(pageContext(request, response), call, { items, budgetEnvelopeCents: ranking.budgetEnvelopeCents }, unreleased));
  }

  @Post('officer/calls/:id/release')
  async release(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) callId: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const progress = await this.releases.release(actor, callId);
    response.redirect(HttpStatus.SEE_OTHER, `/officer/calls/${callId}/releases/${progress.id}`);
  }

  @Get('officer/calls/:id/releases/:releaseId')
  async progress(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) callId: string, @Param('releaseId', ParseUUIDPipe) releaseId: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    response.type('html').send(releasePage(pageContext(request, response), await this.releases.progress(actor, callId, releaseId)));
  }

  @Post('officer/calls/:id/releases/:releaseId/retry')
  async retry(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) callId: string, @Param('releaseId', ParseUUIDPipe) releaseId: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    await this.releases.retryFailed(actor, callId, releaseId);
    response.redirect(HttpStatus.SEE_OTHER, `/officer/calls/${callId}/releases/${releaseId}`);
  }
}

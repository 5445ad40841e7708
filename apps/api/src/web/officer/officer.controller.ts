import { Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ReleaseService } from '@grants/awards';
import { CallService } from '@grants/calls';
import { Actor } from '@grants/identity';
import { DecisionService, RankingService } from '@grants/reviews';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { PageContext } from '../page-context';
import { Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, script, view } from '../pipeline';
import { callsPage, rankingPage, releaseConfirmPage, releasePage } from './officer.pages';
import { RELEASE_PROGRESS_SCRIPT } from './release-progress.script';

/** Applications per page of the ranking, and of those awaiting reviews. */
const RANKING_PAGE_SIZE = 50;

/** The fund officer's pages: calls, a call's ranking with its decisions, and releasing them. */
@PageController()
export class OfficerWebController {
  constructor(
    private readonly calls: CallService,
    private readonly rankings: RankingService,
    private readonly decisions: DecisionService,
    private readonly releases: ReleaseService,
  ) {}

  @Get('assets/release-progress.js')
  @PublicPage()
  releaseProgressScript(): PageResult {
    return script(RELEASE_PROGRESS_SCRIPT);
  }

  @Get('officer/calls')
  @Page('officer')
  async callList(@CurrentActor() actor: Actor, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(callsPage(page, (await this.calls.list(actor, { limit: 100 })).items));
  }

  @Get('officer/calls/:id')
  @Page('officer')
  async ranking(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) callId: string,
    @Query('cursor') cursor: string | undefined,
    @Query('awaitingCursor') awaitingCursor: string | undefined,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    const call = await this.calls.get(actor, callId);
    const [{ ranking, awaiting }, decisions, releases] = await Promise.all([
      this.rankings.overview(actor, callId, { limit: RANKING_PAGE_SIZE, cursor: cursor || undefined }, { limit: RANKING_PAGE_SIZE, cursor: awaitingCursor || undefined }),
      this.decisions.decisionsOf(actor, callId),
      this.releases.releasesOf(actor, callId),
    ]);
    return view(rankingPage(page, { call, ranking, awaiting, decisions, releases, cursor: cursor ?? '', awaitingCursor: awaitingCursor ?? '' }));
  }

  /** Releasing asks first, counting the letters and emails; with nothing left to release, the ranking. */
  @Get('officer/calls/:id/release/confirm')
  @Page('officer')
  async releaseConfirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const [call, decisions] = await Promise.all([this.calls.get(actor, callId), this.decisions.decisionsOf(actor, callId)]);
    if (!decisions.some((decision) => !decision.released)) return redirectTo(`/officer/calls/${callId}`);
    return view(releaseConfirmPage(page, call, decisions));
  }

  @Post('officer/calls/:id/release')
  @Page('officer', { back: '/officer/calls/:id' })
  async release(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string): Promise<PageResult> {
    const progress = await this.releases.release(actor, callId);
    return redirectTo(`/officer/calls/${callId}/releases/${progress.id}`);
  }

  @Get('officer/calls/:id/releases/:releaseId')
  @Page('officer')
  async progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @Param('releaseId', ParseUUIDPipe) releaseId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(releasePage(page, await this.releases.progress(actor, callId, releaseId)));
  }

  @Post('officer/calls/:id/releases/:releaseId/retry')
  @Page('officer', { back: '/officer/calls/:id/releases/:releaseId' })
  async retry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @Param('releaseId', ParseUUIDPipe) releaseId: string): Promise<PageResult> {
    await this.releases.retryFailed(actor, callId, releaseId);
    return redirectTo(`/officer/calls/${callId}/releases/${releaseId}`);
  }
}

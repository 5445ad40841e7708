import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AccessLogService, Award, AwardService, ReportService, ReportView } from '@grants/awards';
import { DomainError, ForbiddenError, NotFoundError } from '@grants/core';
import { Actor, MemberRole, Organization, OrganizationService, UserService } from '@grants/identity';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { formPage, pageContext } from '../page-context';
import { FieldError } from '../views/form';
import { field, FormBody, localPath, PageRequest, signInFirst } from '../web-request';
import {
  differingFields,
  invitationFormProblems,
  organizationFormProblems,
  OrganizationFormValues,
  profileChanges,
  readOrganizationForm,
  savedOrganizationForm,
  toProfile,
} from './organization-form';
import {
  accessLogPage,
  invitationNotOpenPage,
  invitationPage,
  invitationProblemMessage,
  membersPage,
  newOrganizationPage,
  organizationProblemMessage,
  OrganizationRow,
  organizationsPage,
  profilePage,
  SAVED_VALUES_ID,
} from './organization.pages';
import { readReportForm, reportFormProblems, ReportFormValues, savedReportForm, toFiling } from './report-form';
import { isFileable, reportPage, reportProblemMessage } from './report.pages';

const PROFILE_NOTICES: Record<string, MessageKey> = { created: 'organization.notice.created', saved: 'organization.notice.saved', joined: 'organization.notice.joined' };
const MEMBERS_NOTICES: Record<string, MessageKey> = { invited: 'organization.notice.invited' };
const ACCESS_LOG_PAGE_SIZE = 25;

/**
 * The organization's pages: the user's organizations and invitations, registering one, its profile
 * (owners edit, others read), its members and invitations, its access log and data export; and
 * filing an award's reports. Everything works without JavaScript.
 */
@ApiExcludeController()
@Public()
@Controller()
export class OrganizationWebController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly awards: AwardService,
    private readonly reports: ReportService,
    private readonly accessLog: AccessLogService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('organizations')
  async list(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.legal_name AS "legalName", m.role, o.region
         FROM organization_member m JOIN organization o ON o.id = m.organization_id
        WHERE m.user_id = $1
        ORDER BY o.legal_name, o.id`,
      [actor.userId],
    )) as OrganizationRow[];
    const { invitations } = await this.users.profile(actor);
    response.type('html').send(organizationsPage(pageContext(request, response), rows, invitations));
  }

  @Get('organizations/new')
  newForm(@OptionalActor() actor: Actor | null, @Query('next') next: string | undefined, @Req() request: PageRequest, @Res() response: Response): void {
    if (!actor) return signInFirst(request, response);
    const values = readOrganizationForm({});
    response.type('html').send(newOrganizationPage(pageContext(request, response), { values, errors: [], next: next ? localPath(next) : '' }));
  }

  @Post('organizations/new')
  async create(@OptionalActor() actor: Actor | null, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const next = field(body, 'next') ? localPath(field(body, 'next')) : '';
    const formPath = `/organizations/new${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    if (!actor) return signInFirst(request, response, formPath);
    const page = formPage(request, response, formPath);
    const values = readOrganizationForm(body);
    const errors = organizationFormProblems(values).map((problem) => organizationProblemMessage(page.t, problem));
    if (errors.length > 0) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(newOrganizationPage(page, { values, errors, next }));
      return;
    }
    const organization = await this.organizations.create(actor, toProfile(values));
    response.redirect(HttpStatus.SEE_OTHER, next || `/organizations/${organization.id}?notice=created`);
  }

  /** Where the invitation email leads: the invitation, to accept once signed in with the invited address. */
  @Get('organizations/invitations/:invitationId')
  async invitation(@OptionalActor() actor: Actor | null, @Param('invitationId', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const page = pageContext(request, response);
    const invitation = (await this.users.profile(actor)).invitations.find((candidate) => candidate.id === id);
    if (!invitation) {
      response.status(HttpStatus.NOT_FOUND).type('html').send(invitationNotOpenPage(page, actor.email));
      return;
    }
    response.type('html').send(invitationPage(page, invitation));
  }

  @Post('organizations/invitations/:invitationId/accept')
  async accept(@OptionalActor() actor: Actor | null, @Param('invitationId', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response, `/organizations/invitations/${id}`);
    try {
      const { organizationId } = await this.organizations.acceptInvitation(actor, id);
      response.redirect(HttpStatus.SEE_OTHER, `/organizations/${organizationId}?notice=joined`);
    } catch (error: unknown) {
      if (!(error instanceof NotFoundError)) throw error;
      response.status(HttpStatus.NOT_FOUND).type('html').send(invitationNotOpenPage(formPage(request, response, `/organizations/invitations/${id}`), actor.email));
    }
  }

  @Get('organizations/:id')
  async profile(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const { organization, role } = await this.organizationOf(actor, id);
    response.type('html').send(
      profilePage(pageContext(request, response), {
        organization,
        role,
        values: savedOrganizationForm(organization),
        errors: [],
        version: organization.version,
        stale: [],
        notice: PROFILE_NOTICES[notice ?? ''] ?? null,
      }),
    );
  }

  @Post('organizations/:id')
  async saveProfile(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response, `/organizations/${id}`);
    const page = formPage(request, response, `/organizations/${id}`);
    const { organization, role } = await this.organizationOf(actor, id);
    if (role !== 'owner') throw new ForbiddenError('Only an owner of the organization can change its profile');
    const values = readOrganizationForm(body);
    // A missing or altered version is one that no save can match: treated like a stale one.
    const version = /^\d{1,9}$/.test(field(body, 'version')) ? Number(field(body, 'version')) : 0;
    const refuse = (status: number, errors: FieldError[], current: Organization, stale: ReturnType<typeof staleRows> = []): void => {
      response.status(status).type('html').send(profilePage(page, { organization: current, role, values, errors, version: current === organization ? version : current.version, stale, notice: null }));
    };

    const errors = organizationFormProblems(values).map((problem) => organizationProblemMessage(page.t, problem));
    if (errors.length > 0) return refuse(HttpStatus.UNPROCESSABLE_ENTITY, errors, organization);
    const changes = profileChanges(organization, toProfile(values));
    try {
      if (Object.keys(changes).length > 0) await this.organizations.update(actor, id, version, changes);
    } catch (error: unknown) {
      if (!(error instanceof DomainError && error.code === 'STALE_VERSION')) throw error;
      const current = await this.organizations.get(actor, id);
      const stale = staleRows(current, values);
      // Someone else saved exactly what was typed: nothing is left to save.
      if (stale.length === 0) return response.redirect(HttpStatus.SEE_OTHER, `/organizations/${id}?notice=saved`);
      return refuse(HttpStatus.CONFLICT, [{ field: SAVED_VALUES_ID, message: page.t('organization.error.stale') }], current, stale);
    }
    response.redirect(HttpStatus.SEE_OTHER, `/organizations/${id}?notice=saved`);
  }

  @Get('organizations/:id/members')
  async members(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const { organization, role } = await this.organizationOf(actor, id);
    const listing = await this.organizations.members(actor, id);
    response
      .type('html')
      .send(membersPage(pageContext(request, response), { organization, role, listing, form: { email: '', role: '', errors: [] }, notice: MEMBERS_NOTICES[notice ?? ''] ?? null }));
  }

  @Post('organizations/:id/members')
  async invite(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const membersPath = `/organizations/${id}/members`;
    if (!actor) return signInFirst(request, response, membersPath);
    const page = formPage(request, response, membersPath);
    const { organization, role } = await this.organizationOf(actor, id);
    if (role !== 'owner') throw new ForbiddenError('Only an owner of the organization can invite members');
    const email = field(body, 'email');
    const memberRole = field(body, 'role');
    const refuse = async (status: number, errors: FieldError[]) => {
      const listing = await this.organizations.members(actor, id);
      response.status(status).type('html').send(membersPage(page, { organization, role, listing, form: { email, role: memberRole, errors }, notice: null }));
    };
    const errors = invitationFormProblems(email, memberRole).map((problem) => invitationProblemMessage(page.t, problem));
    if (errors.length > 0) return refuse(HttpStatus.UNPROCESSABLE_ENTITY, errors);
    try {
      await this.organizations.invite(actor, id, email, memberRole as MemberRole);
    } catch (error: unknown) {
      if (!(error instanceof DomainError && error.code === 'ALREADY_MEMBER')) throw error;
      return refuse(HttpStatus.CONFLICT, [{ field: 'email', message: page.t('organization.error.alreadyMember') }]);
    }
    response.redirect(HttpStatus.SEE_OTHER, `${membersPath}?notice=invited`);
  }

  @Get('organizations/:id/access-log')
  async accessLogOf(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('cursor') cursor: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    // Owners only: the service refuses editors and hides the organization from everyone else.
    const log = await this.accessLog.forOwner(actor, id, { limit: ACCESS_LOG_PAGE_SIZE, cursor: cursor || undefined });
    const organization = await this.organizations.get(actor, id);
    response.type('html').send(accessLogPage(pageContext(request, response), { organization, entries: log.items, nextCursor: log.nextCursor }));
  }

  @Get('awards/:awardId/reports/:reportId/file')
  async reportForm(
    @OptionalActor() actor: Actor | null,
    @Param('awardId', ParseUUIDPipe) awardId: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const page = pageContext(request, response);
    const { award, report } = await this.memberReport(actor, awardId, reportId);
    const values: ReportFormValues =
      report.status === 'returned' ? savedReportForm(page.locale, award.outcomeMeasures, report) : { spent: '', counts: award.outcomeMeasures.map(() => ''), narrative: '' };
    response.type('html').send(reportPage(page, { award, report, values, errors: [] }));
  }

  @Post('awards/:awardId/reports/:reportId/file')
  async fileReport(
    @OptionalActor() actor: Actor | null,
    @Param('awardId', ParseUUIDPipe) awardId: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: FormBody,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const formPath = `/awards/${awardId}/reports/${reportId}/file`;
    if (!actor) return signInFirst(request, response, formPath);
    const page = formPage(request, response, formPath);
    const { award, report } = await this.memberReport(actor, awardId, reportId);
    // Filed meanwhile, or the award is not open to reports: the page says where it stands.
    if (!isFileable(award, report)) return response.redirect(HttpStatus.SEE_OTHER, formPath);
    const values = readReportForm(award.outcomeMeasures, body);
    const refuse = (status: number, errors: FieldError[]): void => {
      response.status(status).type('html').send(reportPage(page, { award, report, values, errors }));
    };
    const errors = reportFormProblems(award.outcomeMeasures, values).map((problem) => reportProblemMessage(page.t, page.locale, problem));
    if (errors.length > 0) return refuse(HttpStatus.UNPROCESSABLE_ENTITY, errors);
    try {
      await this.reports.file(actor, awardId, toFiling(report, award.outcomeMeasures, values));
    } catch (error: unknown) {
      // Filed by a colleague in the meantime, or the award changed: nothing typed is lost, the page says why.
      if (error instanceof DomainError && error.kind === 'conflict') return refuse(HttpStatus.CONFLICT, [{ field: 'spent', message: page.t('report.error.closed') }]);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/awards/${awardId}?done=report-filed`);
  }

  /** The organization and the caller's role in it; members and officers only (others: not found). */
  private async organizationOf(actor: Actor, id: string): Promise<{ organization: Organization; role: MemberRole | null }> {
    const organization = await this.organizations.get(actor, id);
    return { organization, role: await this.organizations.roleOf(actor, id) };
  }

  /** A report of an award, for a member of the award's organization: officers review reports, they do not file them. */
  private async memberReport(actor: Actor, awardId: string, reportId: string): Promise<{ award: Award; report: ReportView }> {
    const manager = this.dataSource.manager;
    const { award, memberRole } = await this.awards.access(manager, actor, awardId);
    if (!memberRole) throw new ForbiddenError('Only members of the organization file its reports');
    const view = await this.awards.view(manager, award);
    const report = view.reports.find((candidate) => candidate.id === reportId);
    if (!report) throw new NotFoundError('Report');
    return { award: view, report };
  }
}

/** The saved values that differ from what the owner typed, to compare before saving again. */
function staleRows(current: Organization, typed: OrganizationFormValues): Array<{ field: ReturnType<typeof differingFields>[number]; saved: string }> {
  const saved = savedOrganizationForm(current);
  return differingFields(saved, typed).map((name) => ({ field: name, saved: saved[name] }));
}


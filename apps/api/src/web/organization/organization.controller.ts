import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { AccessLogService, ReportService } from '@grants/awards';
import { DomainError, ForbiddenError } from '@grants/core';
import { Actor, DataSharingService, MemberRole, Organization, OrganizationHeading, OrganizationService, UserService } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { FieldError } from '../views/form';
import { noticeOf, Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, submitForm, view } from '../pipeline';
import { field, FormBody, localPath } from '../web-request';
import { emptyDataSharingForm, readDataSharingForm } from './data-sharing-form';
import { CONSENT_FIELD, DATA_SHARING_NOTICES, dataGovernancePage, dataSharingAgainValues, dataSharingPage, dataSharingPath, dataSharingProblemMessage, dataSharingRefusals } from './data-sharing.pages';
import {
  differingFields,
  invitationFormProblems,
  organizationFormProblems,
  OrganizationFormValues,
  profileChanges,
  readInvitationForm,
  readOrganizationForm,
  savedOrganizationForm,
  toProfile,
} from './organization-form';
import {
  accessLogPage,
  CONFIRM_ID,
  invitationNotOpenPage,
  invitationPage,
  invitationProblemMessage,
  invitationRefusals,
  membersPage,
  membershipChangePage,
  newOrganizationPage,
  organizationProblemMessage,
  organizationsPage,
  profilePage,
  profileRefusals,
  SAVED_VALUES_ID,
  StaleRow,
} from './organization.pages';
import { emptyReportForm, NARRATIVE_FIELD, readReportForm, reportFormProblems, ReportFormValues, reportLines, savedReportForm, spentField, toFiling } from './report-form';
import { isFileable, reportPage, reportProblemMessage } from './report.pages';

const PROFILE_NOTICES: Record<string, MessageKey> = { created: 'organization.notice.created', saved: 'organization.notice.saved', joined: 'organization.notice.joined' };
const MEMBERS_NOTICES: Record<string, MessageKey> = { invited: 'organization.notice.invited', removed: 'organization.notice.removed', revoked: 'organization.notice.revoked' };
const LIST_NOTICES: Record<string, MessageKey> = { left: 'organization.notice.left' };
const ACCESS_LOG_PAGE_SIZE = 25;

/** After a save refused as stale: the profile as it is now, and its saved values that differ from what the owner typed. */
interface StaleProfile {
  current: Organization;
  stale: StaleRow[];
}

/**
 * The organization's pages: the user's organizations and invitations, registering one, its profile
 * (owners edit, others read), its members and invitations, its access log and data export; and
 * filing an award's reports; the data-sharing agreement an Indigenous-led organization's signing
 * authority accepts, and how data is governed (for anyone). Everything works without JavaScript. The services check who may read
 * and record staff reads in the organization's access log, as through the API.
 */
@PageController()
export class OrganizationWebController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly reports: ReportService,
    private readonly accessLog: AccessLogService,
    private readonly dataSharing: DataSharingService,
  ) {}

  @Get('organizations')
  @Page()
  async list(@CurrentActor() actor: Actor, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const { organizations, invitations } = await this.users.profile(actor);
    return view(organizationsPage(page, organizations, invitations, noticeOf(LIST_NOTICES, notice)));
  }

  @Get('organizations/new')
  @Page()
  async newForm(@Query('next') next: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const { values, restored } = await page.typedOr(readOrganizationForm, () => readOrganizationForm({}));
    return view(newOrganizationPage(page, { values, errors: [], next: next ? localPath(next) : '', notice: restored ? 'form.restored' : null }));
  }

  @Post('organizations/new')
  @Page([], { back: '/organizations/new', keepQuery: ['next'], keepTyped: true })
  create(@CurrentActor() actor: Actor, @Query('next') nextQuery: string | undefined, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    // Where registering leads after (the form's address carries it, so signing in again keeps it).
    const next = nextQuery ? localPath(nextQuery) : '';
    const values = readOrganizationForm(body);
    return submitForm({
      problems: organizationFormProblems(values).map((problem) => organizationProblemMessage(page.t, problem)),
      run: () => this.organizations.create(actor, toProfile(values)),
      refusals: { ...profileRefusals(page.t), EMAIL_NOT_VERIFIED: { field: 'error-summary', message: page.t('organization.error.founderNotVerified') } },
      done: (organization) => redirectTo(next || `/organizations/${organization.id}?notice=created`),
      again: (errors) => newOrganizationPage(page, { values, errors, next }),
    });
  }

  /** Where the invitation email leads: the invitation, to accept once signed in with the invited address. */
  @Get('organizations/invitations/:invitationId')
  @Page()
  async invitation(@CurrentActor() actor: Actor, @Param('invitationId', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const invitation = (await this.users.profile(actor)).invitations.find((candidate) => candidate.id === id);
    return invitation ? view(invitationPage(page, invitation)) : view(invitationNotOpenPage(page, actor.email), HttpStatus.NOT_FOUND);
  }

  @Post('organizations/invitations/:invitationId/accept')
  @Page([], { back: '/organizations/invitations/:invitationId' })
  accept(@CurrentActor() actor: Actor, @Param('invitationId', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const notOpen = () => invitationNotOpenPage(page, actor.email);
    return submitForm({
      run: () => this.organizations.acceptInvitation(actor, id),
      refusals: { not_found: () => view(notOpen(), HttpStatus.NOT_FOUND) },
      done: ({ organizationId }) => redirectTo(`/organizations/${organizationId}?notice=joined`),
      again: notOpen,
    });
  }

  @Get('organizations/:id')
  @Page()
  async profile(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    // The service records a staff read in the organization's access log, as through the API.
    const organization = await this.organizations.get(actor, id);
    const role = await this.organizations.roleOf(actor, id);
    // What the owner typed, at the version they typed it on: saving it then says if someone else saved meanwhile.
    const saved = { values: savedOrganizationForm(organization), version: organization.version };
    const form = role === 'owner' ? await page.typedOr((typed) => ({ values: readOrganizationForm(typed), version: formVersion(typed) }), () => saved) : { values: saved, restored: false };
    const dataSharing = await this.dataSharing.get(actor, id);
    return view(profilePage(page, { organization, role, dataSharing, ...form.values, errors: [], stale: [], notice: form.restored ? 'form.restored' : noticeOf(PROFILE_NOTICES, notice) }));
  }

  @Post('organizations/:id')
  @Page([], { back: '/organizations/:id', keepTyped: true })
  async saveProfile(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    await this.ownerOf(actor, id, 'Only an owner of the organization can change its profile');
    const [organization, dataSharing] = await Promise.all([this.organizations.get(actor, id), this.dataSharing.get(actor, id)]);
    const values = readOrganizationForm(body);
    const version = formVersion(body);
    const form = (errors: FieldError[], current = organization, stale: StaleRow[] = []) =>
      profilePage(page, { organization: current, role: 'owner', dataSharing, values, errors, version: current === organization ? version : current.version, stale, notice: null });
    return submitForm({
      problems: organizationFormProblems(values).map((problem) => organizationProblemMessage(page.t, problem)),
      run: () => this.saveChanges(actor, organization, version, values),
      refusals: profileRefusals(page.t),
      done: (refused) => (refused ? view(form([{ field: SAVED_VALUES_ID, message: page.t('organization.error.stale') }], refused.current, refused.stale), HttpStatus.CONFLICT) : redirectTo(`/organizations/${id}?notice=saved`)),
      again: (errors) => form(errors),
    });
  }

  /** Members and officers read it; the form is there when the service says the reader may accept it now (`can.accept`). */
  @Get('organizations/:id/data-sharing')
  @Page()
  async dataSharingAgreement(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const agreement = await this.dataSharing.get(actor, id);
    return view(dataSharingPage(page, { agreement, values: emptyDataSharingForm(agreement.version), errors: [], notice: noticeOf(DATA_SHARING_NOTICES, notice) }));
  }

  @Post('organizations/:id/data-sharing')
  @Page([], { back: '/organizations/:id/data-sharing' })
  acceptDataSharing(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const { values, problems } = readDataSharingForm(body);
    return submitForm({
      problems: problems.map((problem) => dataSharingProblemMessage(page, problem)),
      run: () => this.dataSharing.accept(actor, id, { version: values.version, name: values.name.trim(), title: values.title.trim() }),
      refusals: dataSharingRefusals(page, id),
      done: () => redirectTo(`${dataSharingPath(id)}?notice=accepted`),
      again: async (errors) => {
        const agreement = await this.dataSharing.get(actor, id);
        return dataSharingPage(page, { agreement, values: dataSharingAgainValues(values, errors, agreement.version), errors, notice: null });
      },
    });
  }

  @Post('organizations/:id/data-sharing/consent')
  @Page([], { back: '/organizations/:id/data-sharing' })
  aggregateConsent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const choice = field(body, CONSENT_FIELD);
    return submitForm({
      problems: choice === 'yes' || choice === 'no' ? [] : [{ field: `${CONSENT_FIELD}-yes`, message: page.t('dataSharing.consent.error') }],
      run: () => this.dataSharing.setAggregateConsent(actor, id, choice === 'yes'),
      done: () => redirectTo(`${dataSharingPath(id)}?notice=consent#consent`),
      again: async (errors) => {
        const agreement = await this.dataSharing.get(actor, id);
        return dataSharingPage(page, { agreement, values: emptyDataSharingForm(agreement.version), errors, notice: null });
      },
    });
  }

  /** How the office governs the organizations' data, in plain language: anyone may read it before registering. */
  @Get('data-governance')
  @PublicPage()
  dataGovernance(@PageCtx() page: PageContext): PageResult {
    return view(dataGovernancePage(page));
  }

  @Get('organizations/:id/members')
  @Page()
  async members(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @Query('invite') invite: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const organization = await this.organizations.heading(actor, id);
    // The service records a staff read in the organization's access log, as through the API.
    const listing = await this.organizations.members(actor, id);
    // `invite`: a signing authority to invite, from the profile's warning.
    const form = organization.role === 'owner' ? await page.typedOr(readInvitationForm, () => ({ email: typeof invite === 'string' ? invite : '', role: '' })) : { values: { email: '', role: '' }, restored: false };
    return view(membersPage(page, { organization, listing, form: { ...form.values, errors: [] }, notice: form.restored ? 'form.restored' : noticeOf(MEMBERS_NOTICES, notice) }));
  }

  @Post('organizations/:id/members')
  @Page([], { back: '/organizations/:id/members', keepTyped: true })
  async invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const organization = await this.ownerOf(actor, id, 'Only an owner of the organization can invite members');
    const form = readInvitationForm(body);
    return submitForm({
      problems: invitationFormProblems(form.email, form.role).map((problem) => invitationProblemMessage(page.t, problem)),
      run: () => this.organizations.invite(actor, id, form.email, form.role as MemberRole),
      refusals: invitationRefusals(page),
      done: () => redirectTo(`/organizations/${id}/members?notice=invited`),
      again: async (errors) => membersPage(page, { organization, listing: await this.organizations.members(actor, id), form: { ...form, errors }, notice: null }),
    });
  }

  // ---- ending a membership or an invitation: a page that says what will happen, then the change ----

  @Get('organizations/:id/members/:userId/remove')
  @Page()
  async confirmRemoval(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const organization = await this.ownerOf(actor, id, 'Only an owner of the organization can remove its members');
    const member = (await this.organizations.members(actor, id)).members.find((candidate) => candidate.userId === userId);
    // No longer a member (removed meanwhile, or left): the members page shows who is.
    return member ? view(membershipChangePage(page, organization, { kind: 'remove', member })) : redirectTo(`/organizations/${id}/members`);
  }

  @Post('organizations/:id/members/:userId/remove')
  @Page([], { back: '/organizations/:id/members' })
  removeMember(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<PageResult> {
    return submitForm({
      run: () => this.organizations.removeMember(actor, id, userId),
      refusals: { MEMBER_NOT_FOUND: () => redirectTo(`/organizations/${id}/members`) },
      done: () => redirectTo(userId === actor.userId ? '/organizations?notice=left' : `/organizations/${id}/members?notice=removed`),
      again: () => '',
    });
  }

  @Get('organizations/:id/leave')
  @Page()
  async confirmLeaving(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const organization = await this.organizations.heading(actor, id);
    return organization.role ? view(membershipChangePage(page, organization, { kind: 'leave' })) : redirectTo(`/organizations/${id}/members`);
  }

  @Post('organizations/:id/leave')
  @Page([], { back: '/organizations/:id/leave' })
  async leave(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const organization = await this.organizations.heading(actor, id);
    return submitForm({
      run: () => this.organizations.removeMember(actor, id, actor.userId),
      refusals: { LAST_OWNER: { field: CONFIRM_ID, message: page.t('organization.error.lastOwner') } },
      done: () => redirectTo('/organizations?notice=left'),
      again: (errors) => membershipChangePage(page, organization, { kind: 'leave' }, errors),
    });
  }

  @Get('organizations/:id/invitations/:invitationId/revoke')
  @Page()
  async confirmRevocation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('invitationId', ParseUUIDPipe) invitationId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const organization = await this.ownerOf(actor, id, 'Only an owner of the organization can revoke invitations');
    const invitation = (await this.organizations.members(actor, id)).invitations.find((candidate) => candidate.id === invitationId);
    // Accepted, expired or revoked meanwhile: the members page shows where things stand.
    return invitation ? view(membershipChangePage(page, organization, { kind: 'revoke', invitation })) : redirectTo(`/organizations/${id}/members`);
  }

  @Post('organizations/:id/invitations/:invitationId/revoke')
  @Page([], { back: '/organizations/:id/members' })
  revokeInvitation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('invitationId', ParseUUIDPipe) invitationId: string): Promise<PageResult> {
    return submitForm({
      run: () => this.organizations.revokeInvitation(actor, id, invitationId),
      refusals: { INVITATION_NOT_FOUND: () => redirectTo(`/organizations/${id}/members`) },
      done: () => redirectTo(`/organizations/${id}/members?notice=revoked`),
      again: () => '',
    });
  }

  @Get('organizations/:id/access-log')
  @Page()
  async accessLogOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('cursor') cursor: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    // Owners only: the service refuses editors and hides the organization from everyone else.
    const log = await this.accessLog.forOwner(actor, id, { limit: ACCESS_LOG_PAGE_SIZE, cursor: cursor || undefined });
    const organization = await this.organizations.heading(actor, id);
    return view(accessLogPage(page, { organization, entries: log.items, nextCursor: log.nextCursor }));
  }

  @Get('awards/:awardId/reports/:reportId/file')
  @Page()
  async reportForm(@CurrentActor() actor: Actor, @Param('awardId', ParseUUIDPipe) awardId: string, @Param('reportId', ParseUUIDPipe) reportId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    // Members only: officers review reports, they do not file them.
    const { award, report } = await this.reports.forFiling(actor, awardId, reportId);
    const lines = reportLines(award, report);
    const saved = (): ReportFormValues => (report.status === 'returned' ? savedReportForm(page.locale, lines, award.outcomeMeasures, report) : emptyReportForm(lines, award.outcomeMeasures));
    const form = isFileable(award, report) ? await page.typedOr((typed) => readReportForm(lines, award.outcomeMeasures, typed), saved) : { values: saved(), restored: false };
    return view(reportPage(page, { award, report, values: form.values, errors: [], notice: form.restored ? 'form.restored' : null }));
  }

  @Post('awards/:awardId/reports/:reportId/file')
  @Page([], { back: '/awards/:awardId/reports/:reportId/file', keepTyped: true })
  async fileReport(@CurrentActor() actor: Actor, @Param('awardId', ParseUUIDPipe) awardId: string, @Param('reportId', ParseUUIDPipe) reportId: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const { award, report } = await this.reports.forFiling(actor, awardId, reportId);
    // Filed meanwhile, or the award is not open to reports: the page says where it stands.
    if (!isFileable(award, report)) return redirectTo(page.path);
    const lines = reportLines(award, report);
    const values = readReportForm(lines, award.outcomeMeasures, body);
    return submitForm({
      problems: reportFormProblems(lines, award.outcomeMeasures, values).map((problem) => reportProblemMessage(page.t, page.locale, problem)),
      run: () => this.reports.file(actor, awardId, toFiling(report, lines, award.outcomeMeasures, values)),
      // Filed by a colleague in the meantime, or the award changed: nothing typed is lost, the page says why.
      refusals: { conflict: { field: lines[0] ? spentField(lines[0].category) : NARRATIVE_FIELD, message: page.t('report.error.closed') } },
      done: () => redirectTo(`/awards/${awardId}?done=report-filed`),
      again: (errors) => reportPage(page, { award, report, values, errors }),
    });
  }

  /** The organization's heading, for one of its owners (others: 403, or not found): refused before anything of the organization is read for the form. */
  private async ownerOf(actor: Actor, id: string, refusal: string): Promise<OrganizationHeading> {
    const organization = await this.organizations.heading(actor, id);
    if (organization.role !== 'owner') throw new ForbiddenError(refusal);
    return organization;
  }

  /**
   * Saves what changed; null once saved, or if someone else saved exactly what was typed (nothing is
   * left to save). Otherwise someone else saved meanwhile: the owner compares before saving again.
   */
  private async saveChanges(actor: Actor, saved: Organization, version: number, values: OrganizationFormValues): Promise<StaleProfile | null> {
    const changes = profileChanges(saved, toProfile(values));
    if (Object.keys(changes).length === 0) return null;
    try {
      await this.organizations.update(actor, saved.id, version, changes);
      return null;
    } catch (error: unknown) {
      if (!(error instanceof DomainError && error.code === 'STALE_VERSION')) throw error;
      const current = await this.organizations.get(actor, saved.id);
      const stale = staleRows(current, values);
      return stale.length === 0 ? null : { current, stale };
    }
  }
}

/** The version the owner's form is based on. A missing or altered one is one that no save can match: treated like a stale one. */
function formVersion(body: FormBody): number {
  return /^\d{1,9}$/.test(field(body, 'version')) ? Number(field(body, 'version')) : 0;
}

/** The saved values that differ from what the owner typed, to compare before saving again. */
function staleRows(current: Organization, typed: OrganizationFormValues): StaleRow[] {
  const saved = savedOrganizationForm(current);
  return differingFields(saved, typed).map((name): StaleRow => (name === 'contacts' ? { field: name, saved: saved.contacts } : { field: name, saved: saved[name] }));
}

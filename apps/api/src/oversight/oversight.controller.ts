import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessLogEntry, AccessLogService, AuditApplication, AuditDeliberation, AuditTrailPage, AuditTrailService, Dashboard, DashboardService, FundsReportService, OrganizationExportService } from '@grants/awards';
import { NotFoundError, Page } from '@grants/core';
import { Actor } from '@grants/identity';
import { Response } from 'express';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { streamDownload } from '../http/download';
import { PageQueryDto } from '../http/page-query.dto';
import { AccessLogPageDto, AuditApplicationDto, AuditApplicationQueryDto, AuditDeliberationDto, AuditEntityQueryDto, AuditPageDto, AuditQueryDto, DashboardDto, DashboardQueryDto, FundsReportQueryDto } from './oversight.dto';

@ApiTags('Oversight and data sovereignty')
@ApiBearerAuth()
@Controller()
export class OversightController {
  constructor(
    private readonly auditTrail: AuditTrailService,
    private readonly accessLog: AccessLogService,
    private readonly exports: OrganizationExportService,
    private readonly fundsReport: FundsReportService,
    private readonly dashboards: DashboardService,
  ) {}

  @Get('audit')
  @Roles('officer', 'admin')
  @ApiOkResponse({
    type: AuditPageDto,
    description:
      'The audit events of one entity, oldest first, without the words of deliberations. Each read is an audit_trail.viewed event: summed up in reads, listed only with withReads=true. Reading the trail of an organization, an application or an award shows in that organization’s access log',
  })
  @ApiBadRequestResponse({ description: 'entityId missing or not a UUID' })
  @ApiForbiddenResponse({
    description:
      'ADMIN_NO_CONTENT: administrators read the trails of accounts (users, sessions) only; STAFF_CONFLICT: an officer tied to the organization of the application (award, review); FORBIDDEN: neither officer nor administrator',
  })
  auditEvents(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditTrailPage> {
    return this.auditTrail.eventsOf(actor, query.entityId, query, { withReads: query.withReads });
  }

  @Get('audit/deliberations')
  @Roles('officer', 'admin')
  @ApiOkResponse({ type: AuditDeliberationDto, isArray: true, description: 'The words kept beside the entity’s events (rationale, conditions, reasons, comments) as they stood at each event, oldest first. The read is recorded' })
  @ApiForbiddenResponse({ description: 'ADMIN_NO_CONTENT for administrators; STAFF_CONFLICT for an officer tied to the organization of the application (award, review); FORBIDDEN for anyone else but fund officers' })
  auditDeliberations(@CurrentActor() actor: Actor, @Query() query: AuditEntityQueryDto): Promise<AuditDeliberation[]> {
    return this.auditTrail.deliberationsOf(actor, query.entityId);
  }

  @Get('audit/application')
  @Roles('officer', 'admin')
  @ApiOkResponse({ type: AuditApplicationDto, description: 'The application whose trail to read, found by its reference number or by its own or its award’s identifier; with its award' })
  @ApiNotFoundResponse({ description: 'No application matches' })
  @ApiForbiddenResponse({ description: 'ADMIN_NO_CONTENT: an administrator is refused an application that exists' })
  async auditApplication(@CurrentActor() actor: Actor, @Query() query: AuditApplicationQueryDto): Promise<AuditApplication> {
    const found = await this.auditTrail.findApplication(actor, query.reference !== undefined ? { reference: query.reference } : { id: query.id! });
    if (!found) throw new NotFoundError('Application');
    return found;
  }

  @Get('organizations/:id/access-log')
  @ApiOkResponse({ type: AccessLogPageDto, description: 'Who read or changed the organization, its applications and its awards, newest first' })
  @ApiForbiddenResponse({ description: 'Editors: the access log is for owners' })
  @ApiNotFoundResponse({ description: 'Not a member of the organization (staff included)' })
  accessLogOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<Page<AccessLogEntry>> {
    return this.accessLog.forOwner(actor, id, query);
  }

  @Get('organizations/:id/export')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'Everything the system holds about the organization, as a ZIP archive (README.txt inside says what is left out and why)' })
  @ApiForbiddenResponse({ description: 'Editors: the export is for owners' })
  @ApiNotFoundResponse({ description: 'Not a member of the organization (staff included)' })
  async export(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.exports.export(actor, id);
    response.attachment(filename);
    response.type('application/zip');
    await streamDownload(response, content);
  }

  @Get('reports/funds.csv')
  @Roles('officer')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'One row per fund, call and region: applications, decisions, awards, payments and accepted reports, then one outcome:<key> column per outcome measure. Amounts in integer cents; counts only, never personal information',
  })
  async funds(@CurrentActor() actor: Actor, @Query() query: FundsReportQueryDto, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.fundsReport.fundsCsv(actor, query);
    response.attachment(filename);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    await streamDownload(response, content);
  }

  @Get('reports/dashboard')
  @Roles('officer')
  @ApiOkResponse({
    type: DashboardDto,
    description:
      'The office’s dashboard: money per fund and fiscal year (requested, approved, accepted, paid, to pay, in cents), applications by status per call, reports due, overdue and awaiting review, outcome totals of accepted reports, and applications and approvals by region. Counts and sums only',
  })
  @ApiBadRequestResponse({ description: 'fund not CBSF or ILIF, fiscalYear not like 2027-28, or an unknown parameter' })
  @ApiForbiddenResponse({ description: 'Not a fund officer' })
  dashboard(@CurrentActor() actor: Actor, @Query() query: DashboardQueryDto): Promise<Dashboard> {
    return this.dashboards.dashboard(actor, { fundCode: query.fund, fiscalYear: query.fiscalYear });
  }
}

import { Readable } from 'node:stream';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataExportService, ExportFile, ExportFilters, ExportProgress } from '@grants/awards';
import { Actor } from '@grants/identity';
import { Response } from 'express';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { streamDownload } from '../http/download';
import { ExportParamsDto, ExportProgressDto, ExportQueryDto, ExportQueuedDto } from './exports.dto';

export const EXPORTS_PATH = '/api/v1/exports';

@ApiTags('Exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: DataExportService) {}

  @Get(':kind.:format')
  @Roles('officer')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description:
      'Up to EXPORT_INLINE_ROWS rows: the file at once, its id in X-Export-Id. applications: one row per application with one column per form question; reviews (callId required): one per review with each criterion’s score; awards: one per payment; reports: one per report with one column per outcome measure. Amounts in dollars, times in Ontario time, headings in lang',
  })
  @ApiAcceptedResponse({ type: ExportQueuedDto, description: 'More rows: built in the background. Location: /api/v1/exports/:id, to follow its progress' })
  @ApiBadRequestResponse({ description: 'Unknown kind or format (named), a filter the kind does not take (FILTER_NOT_TAKEN), reviews without callId (CALL_REQUIRED), or an unknown parameter' })
  @ApiForbiddenResponse({ description: 'Not a fund officer' })
  async request(@CurrentActor() actor: Actor, @Param() params: ExportParamsDto, @Query() query: ExportQueryDto, @Res() response: Response): Promise<void> {
    const { lang, ...filters } = query;
    const answer = await this.exports.request(actor, { kind: params.kind, format: params.format, lang, filters: filters as ExportFilters });
    // The export's id, as in its export.requested event and in the reads it records in the organizations' access logs.
    response.setHeader('X-Export-Id', answer.id);
    if (!answer.background) return send(response, answer);
    response.status(202).location(`${EXPORTS_PATH}/${answer.id}`).json({ id: answer.id, status: answer.status, totalRows: answer.totalRows });
  }

  @Get(':id')
  @Roles('officer')
  @ApiOkResponse({ type: ExportProgressDto, description: 'How far the worker got with a background export' })
  @ApiNotFoundResponse({ description: 'No such export of yours: only the officer who asked sees it' })
  progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ExportProgress> {
    return this.exports.progress(actor, id);
  }

  @Get(':id/file')
  @Roles('officer')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file of a background export, once ready' })
  @ApiConflictResponse({ description: 'EXPORT_NOT_READY: queued, running or failed' })
  @ApiNotFoundResponse({ description: 'No such export of yours' })
  async file(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    await send(response, await this.exports.file(actor, id));
  }
}

/** Streams a download; a reader who leaves midway is not an error on our side. */
export async function send(response: Response, file: ExportFile): Promise<void> {
  response.attachment(file.filename);
  response.setHeader('Content-Type', file.contentType);
  await streamDownload(response, file.content as Readable);
}

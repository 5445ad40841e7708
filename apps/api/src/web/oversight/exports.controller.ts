import { Readable } from 'node:stream';
import { Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { DataExportService, ExportKind } from '@grants/awards';
import { AppConfig, DomainError } from '@grants/core';
import { Actor } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { PageContext } from '../page-context';
import { download, Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, script, view } from '../pipeline';
import { FieldError } from '../views/form';
import { ExportForm, exportKindOf, ExportProblem, FormQuery, readExportForm } from './exports-forms';
import { DataExportsData, dataExportsSection, EXPORT_PROGRESS_SCRIPT, EXPORT_SEARCH_MAX, exportFieldName, exportProgressPage } from './exports.pages';
import { exportsPage } from './oversight.pages';

/**
 * The officer's exports: the forms on the exports page, a small export downloaded at once, a large
 * one's progress page. Every export goes through DataExportService.request, as the API's do, which
 * checks the officer, the filters and the size.
 */
@PageController()
export class ExportsWebController {
  constructor(
    private readonly exports: DataExportService,
    private readonly config: AppConfig,
  ) {}

  @Get('assets/export-progress.js')
  @PublicPage()
  progressScript(): PageResult {
    return script(EXPORT_PROGRESS_SCRIPT);
  }

  @Get('officer/exports')
  @Page('officer')
  async page(@CurrentActor() actor: Actor, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(await this.exportsHtml(page, actor, { errors: [] }));
  }

  /** A form's GET: the file itself when small, else the progress page of the export the worker builds. */
  @Get('officer/exports/download')
  @Page('officer')
  async download(@CurrentActor() actor: Actor, @Query() query: FormQuery, @PageCtx() page: PageContext): Promise<PageResult> {
    const kind = exportKindOf(query.kind);
    // Without a kind (an edited address) there is nothing to export: the forms again.
    if (!kind) return redirectTo('/officer/exports');
    const form = readExportForm(kind, query, page.locale);
    if (form.problems.length > 0) return this.refused(page, actor, kind, form, form.problems);
    try {
      const answer = await this.exports.request(actor, { kind, format: form.format, lang: form.lang, filters: form.filters });
      // At most EXPORT_INLINE_ROWS rows: small enough to hand to the page pipeline whole.
      return answer.background ? redirectTo(`/officer/exports/${answer.id}`) : download(answer.filename, answer.contentType, await gathered(answer.content));
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'CALL_REQUIRED') return this.refused(page, actor, kind, form, ['callRequired']);
      throw error;
    }
  }

  @Get('officer/exports/:id')
  @Page('officer')
  async progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(exportProgressPage(page, await this.exports.progress(actor, id)));
  }

  /** The exports page again, the form as typed with what is wrong beside its fields. */
  private async refused(page: PageContext, actor: Actor, kind: ExportKind, form: ExportForm, problems: ExportProblem[]): Promise<PageResult> {
    const errors: FieldError[] = problems.map((problem) =>
      problem === 'q'
        ? { field: exportFieldName(kind, 'q'), message: page.t('exports.error.q', { max: EXPORT_SEARCH_MAX }) }
        : { field: exportFieldName(kind, 'callId'), message: page.t('exports.error.callRequired') },
    );
    return view(await this.exportsHtml(page, actor, { typed: { kind, values: form.values }, errors }), HttpStatus.UNPROCESSABLE_ENTITY);
  }

  private async exportsHtml(page: PageContext, actor: Actor, form: Pick<DataExportsData, 'typed' | 'errors'>): Promise<string> {
    const calls = await this.exports.calls(actor);
    return exportsPage(page, dataExportsSection(page, { calls, inlineRows: this.config.exportInlineRows, ...form }));
  }
}

async function gathered(content: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

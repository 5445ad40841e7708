import { Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApplicationService, AttachmentService } from '@grants/applications';
import { CallService } from '@grants/calls';
import { NotFoundError } from '@grants/core';
import { Actor } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { MultipartFile, UploadedStream } from '../../http/multipart-file';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { Page, PageController, PageCtx, PageResult, redirectTo, Refusal, submitForm } from '../pipeline';
import { attachmentsPage, DraftContext, uploadField } from './apply.pages';

/**
 * Attaching a file from a draft's attachments page. The page guard sends a signed-out visitor to
 * sign in and checks the CSRF token (in the form's query string) before any of the body is read;
 * the service checks that this person may attach this document before it opens the file, which is
 * then streamed to storage and refused at the first byte past the limit.
 */
@PageController()
export class AttachmentUploadWebController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly attachments: AttachmentService,
    private readonly calls: CallService,
  ) {}

  @Post('applications/:id/edit/attachments/:key')
  @Page([], { back: '/applications/:id/edit/attachments' })
  upload(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('key') key: string, @PageCtx() page: PageContext, @UploadedStream() file: MultipartFile): Promise<PageResult> {
    return submitForm({
      run: () => this.attachments.upload(actor, id, file.attachment(key)),
      refusals: uploadRefusals(page, id, key),
      done: () => redirectTo(`/applications/${id}/edit/attachments?notice=uploaded#document-${key}`),
      again: async (errors) => attachmentsPage(page, await this.draft(actor, id), { errors }, null),
    });
  }

  /** The attachments page's data, read again only to show a refusal. */
  private async draft(actor: Actor, id: string): Promise<DraftContext> {
    const application = await this.applications.getForMember(actor, id);
    return { application, call: await this.calls.get(actor, application.callId), organizationName: application.organizationName };
  }
}

function uploadRefusals(page: PageContext, id: string, key: string): Partial<Record<string, Refusal>> {
  const besideTheField = (message: MessageKey): Refusal => ({ field: uploadField(key), message: page.t(message) });
  return {
    FILE_REQUIRED: besideTheField('apply.error.file.missing'),
    // A form that is not the page's (another field name, a broken body): as if no file had come.
    MALFORMED_MULTIPART: besideTheField('apply.error.file.missing'),
    UNEXPECTED_FILE_FIELD: besideTheField('apply.error.file.missing'),
    EMPTY_FILE: besideTheField('apply.error.file.empty'),
    FILE_TOO_LARGE: besideTheField('apply.error.file.tooLarge'),
    UNSUPPORTED_FILE_TYPE: besideTheField('apply.error.file.type'),
    APPLICATION_SUBMITTED: () => redirectTo(`/applications/${id}`),
    // The address names a document the call does not ask for: there is no such page.
    UNKNOWN_ATTACHMENT_KEY: () => {
      throw new NotFoundError('Attachment');
    },
  };
}

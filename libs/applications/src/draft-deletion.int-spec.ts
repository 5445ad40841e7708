import { randomUUID } from 'node:crypto';
import { AuditService } from '@grants/audit';
import { FileStorage } from '@grants/core';
import {
  addMember,
  createDraftApplication,
  createOrganization,
  createSubmittedApplication,
  MINIMAL_PDF,
  refusalOf,
  serviceTestContext,
  ServiceTestContext,
} from '@grants/testing';
import { ApplicationService } from './application.service';
import { AttachmentService, bufferedFile } from './attachment.service';

/**
 * ApplicationService.deleteDraft: an owner deletes a draft, with its answers, budget and
 * documents (their files too); anyone else is refused, and what was submitted is withdrawn instead.
 */
describe('deleting a draft', () => {
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext();
  });
  afterAll(() => services.close());


  it('deletes the owner’s draft with its documents and their files, records it, and lets the organization start again', async () => {
    const drafted = await createDraftApplication(services);
    const { owner, application, call, organization } = drafted;
    const applications = services.get(ApplicationService);
    const attachments = services.get(AttachmentService);
    // One document still attached, one removed earlier (hidden, its file kept until now).
    const removed = await attachments.upload(owner, application.id, bufferedFile('other', 'old-letter.pdf', MINIMAL_PDF));
    await attachments.remove(owner, application.id, removed.id);
    const files = [...application.attachments, removed].map((attachment) => `applications/${application.id}/${attachment.id}`);
    const storage = services.get(FileStorage);
    for (const file of files) await expect(storage.exists(file)).resolves.toBe(true);

    await expect(applications.mayDeleteDraft(owner, application)).resolves.toBe(true);
    await applications.deleteDraft(owner, application.id);

    expect(await refusalOf(applications.getForMember(owner, application.id))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    expect((await applications.list(owner, { limit: 100 })).items.map((item) => item.id)).not.toContain(application.id);
    for (const file of files) await expect(storage.exists(file)).resolves.toBe(false);
    const trail = (await services.get(AuditService).eventsOf(application.id, { limit: 50 })).items;
    expect(trail.at(-1)).toMatchObject({
      action: 'application.deleted',
      fromState: 'draft',
      actor: { id: owner.userId, role: 'owner' },
      details: { callId: call.id, organizationId: organization.id, title: application.title, attachmentsDeleted: 2 },
    });

    // The one draft per organization and call is free again.
    await expect(applications.createDraft(owner, call.id, organization.id)).resolves.toMatchObject({ status: 'draft' });
  });

  it('refuses an editor and an officer, tells anyone else it does not exist, and keeps the draft', async () => {
    const drafted = await createDraftApplication(services, { complete: false });
    const editor = await addMember(services, drafted, 'editor');
    const { owner: outsider } = await createOrganization(services, { legalName: 'Another Shelter' });
    const applications = services.get(ApplicationService);

    await expect(applications.mayDeleteDraft(editor, drafted.application)).resolves.toBe(false);
    expect(await refusalOf(applications.deleteDraft(editor, drafted.application.id))).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(await refusalOf(applications.deleteDraft(drafted.officer, drafted.application.id))).toEqual({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(await refusalOf(applications.deleteDraft(outsider, drafted.application.id))).toEqual({ kind: 'not_found', code: 'NOT_FOUND' });
    expect(await refusalOf(applications.deleteDraft(outsider, drafted.application.id))).toEqual(await refusalOf(applications.deleteDraft(drafted.owner, randomUUID())));

    await expect(applications.getForMember(drafted.owner, drafted.application.id)).resolves.toMatchObject({ status: 'draft' });
  });

  it('refuses to delete what is no longer a draft: submitted, or withdrawn', async () => {
    const applications = services.get(ApplicationService);
    const submitted = await createSubmittedApplication(services);
    await expect(applications.mayDeleteDraft(submitted.owner, submitted.application)).resolves.toBe(false);
    expect(await refusalOf(applications.deleteDraft(submitted.owner, submitted.application.id))).toEqual({ kind: 'conflict', code: 'NOT_A_DRAFT' });

    const withdrawn = await createDraftApplication(services, { complete: false });
    await applications.withdraw(withdrawn.owner, withdrawn.application.id);
    expect(await refusalOf(applications.deleteDraft(withdrawn.owner, withdrawn.application.id))).toEqual({ kind: 'conflict', code: 'NOT_A_DRAFT' });
    await expect(applications.getForMember(submitted.owner, submitted.application.id)).resolves.toMatchObject({ status: 'submitted', referenceNumber: submitted.application.referenceNumber });
  });
});

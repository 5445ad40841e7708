import { DomainError } from '@grants/core';
import { createDraftApplication, serviceTestContext, ServiceTestContext } from '@grants/testing';
import { ApplicationService } from './application.service';
import { SubmissionService } from './submission.service';

/** The project's title and summary are required at submission like any required answer (MISSING_ANSWERS). */
describe('the project’s title and summary at submission', () => {
  let services: ServiceTestContext;

  beforeAll(async () => {
    services = await serviceTestContext();
  });
  afterAll(() => services.close());

  it('lists a missing title and summary among the missing answers, refuses the submission, then takes it once they are written', async () => {
    const drafted = await createDraftApplication(services);
    const { owner } = drafted;
    const applications = services.get(ApplicationService);
    const submissions = services.get(SubmissionService);
    // Everything else the call requires is there; the project part is blank (spaces count as blank).
    let application = await applications.updateDraft(owner, drafted.application.id, drafted.application.version, { title: '', summary: '   ', answers: { need: null } });

    expect(await submissions.problems(owner, application.id)).toEqual([
      expect.objectContaining({ code: 'MISSING_ANSWERS', details: { keys: ['title', 'summary', 'need'], project: ['title', 'summary'], questions: ['need'] } }),
    ]);
    const refused: unknown = await submissions.submit(owner, application.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'MISSING_ANSWERS', details: { keys: ['title', 'summary', 'need'] } });

    application = await applications.updateDraft(owner, application.id, application.version, { title: 'Safe housing and outreach', answers: { need: 'Transitional housing.' } });
    expect(await submissions.problems(owner, application.id)).toEqual([expect.objectContaining({ code: 'MISSING_ANSWERS', details: { keys: ['summary'], project: ['summary'], questions: [] } })]);

    application = await applications.updateDraft(owner, application.id, application.version, { summary: 'Transitional housing with an outreach worker.' });
    expect(await submissions.problems(owner, application.id)).toEqual([]);
    await expect(submissions.submit(owner, application.id)).resolves.toMatchObject({ status: 'submitted', referenceNumber: expect.any(String) });
  });
});

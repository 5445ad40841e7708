import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule, AuditService } from '@grants/audit';
import { CoreModule, DatabaseModule, runWithRequestContext } from '@grants/core';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { testConfig } from '../support/apps';

describe('the audit trail', () => {
  let app: INestApplicationContext;
  let audit: AuditService;
  let dataSource: DataSource;

  beforeAll(async () => {
    @Module({ imports: [AuditModule, CoreModule.forRoot(testConfig()), DatabaseModule] })
    class AuditTestModule {}
    app = await NestFactory.createApplicationContext(AuditTestModule, { logger: false });
    audit = app.get(AuditService);
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

  async function recordSubmission(entityId: string) {
    return runWithRequestContext({ requestId: 'req-audit-0001' }, () =>
      dataSource.transaction((manager) =>
        audit.record(manager, {
          actor: { id: '00000000-0000-4000-8000-000000000001', role: 'applicant' },
          action: 'application.submitted',
          entityType: 'application',
          entityId,
          fromState: 'draft',
          toState: 'submitted',
        }),
      ),
    );
  }

  it('records who changed what, from which state to which, under which request', async () => {
    const entityId = '11111111-1111-4111-8111-111111111111';
    await recordSubmission(entityId);

    const [event] = await audit.forEntity(entityId);
    expect(event).toMatchObject({
      actorId: '00000000-0000-4000-8000-000000000001',
      actorRole: 'applicant',
      action: 'application.submitted',
      fromState: 'draft',
      toState: 'submitted',
      requestId: 'req-audit-0001',
    });
    expect(event!.occurredAt).toBeInstanceOf(Date);
  });

  it('refuses to update, delete or truncate recorded events, whoever asks', async () => {
    const event = await recordSubmission('22222222-2222-4222-8222-222222222222');

    await expect(dataSource.query(`UPDATE audit_event SET to_state = 'approved' WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_event WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    // The deliberations kept beside events refer to them, so a plain TRUNCATE is refused before the trigger; with CASCADE, the triggers refuse.
    await expect(dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only|referenced in a foreign key/);
    await expect(dataSource.query(`TRUNCATE audit_event CASCADE`)).rejects.toThrow(/append-only/);

    const [row] = await dataSource.query(`SELECT to_state FROM audit_event WHERE id = $1`, [event.id]);
    expect(row.to_state).toBe('submitted');
  });
});

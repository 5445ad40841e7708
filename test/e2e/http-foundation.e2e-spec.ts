import { Body, Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { RuleViolationError } from '@grants/core';
import { IsEmail, IsInt, IsString, Min } from 'class-validator';
import request from 'supertest';
import { freePort } from '../../scripts/services/ports';
import { Public } from '../../apps/api/src/http/auth/auth.decorators';
import { startApi, testConfig } from '../support/apps';

class EchoDto {
  @IsString()
  name!: string;

  @IsEmail()
  email!: string;

  @IsInt()
  @Min(0)
  amountCents!: number;
}

/** Routes that exercise the global pipeline (validation, error body, unexpected errors). */
@Public()
@Controller('pipeline-fixture')
class PipelineFixtureController {
  @Post('echo')
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Get('rule')
  rule(): never {
    throw new RuleViolationError('DEADLINE_PASSED', 'The call closed at 2027-03-31 17:00 Ontario time');
  }

  @Get('crash')
  crash(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [PipelineFixtureController] })
class PipelineFixtureModule {}

describe('the HTTP foundation', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi(testConfig(), [PipelineFixtureModule]);
  });
  afterAll(() => app.close());

  it('reports each dependency at /api/v1/health, and 503 naming the worker when none runs', async () => {
    // This API's queues are its own: no other test's worker beats there.
    const alone = await startApi(testConfig({ QUEUE_PREFIX: `health-${process.pid}-${Date.now()}` }));
    try {
      const response = await request(alone.getHttpServer()).get('/api/v1/health').expect(503);
      expect(response.body).toEqual({ status: 'down', db: 'up', queue: 'up', worker: 'down', workersAlive: 0, workerLastSeenAt: null, mail: 'up', storage: 'up', down: ['worker'] });
    } finally {
      await alone.close();
    }
    const response = await request(app.getHttpServer()).get('/api/v1/health');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/health',
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/users',
        '/api/v1/organizations/{id}/members',
        '/api/v1/funds',
        '/api/v1/calls/{id}/publish',
        '/api/v1/calls/{callId}/applications',
        '/api/v1/applications/{id}/attachments',
        '/api/v1/applications/{id}/submit',
      ]),
    );
    expect(json.body.components.schemas.CreateOrganizationDto.required).toEqual(expect.arrayContaining(['legalName', 'type', 'region', 'address']));
    const ui = await request(app.getHttpServer()).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('rejects unknown and invalid fields with 400, naming each one', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/pipeline-fixture/echo')
      .send({ name: 'Centre Ojibwe', email: 'not-an-email', amountCents: 12.5, isAdmin: true })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
    expect(response.body.message).toEqual(
      expect.arrayContaining(['isAdmin should not exist', 'email must be an email', 'amountCents must be an integer number']),
    );
  });

  it('keeps the text users typed intact, accents and syllabics included', async () => {
    const body = { name: 'Centre d’amitié ᐊᓂᔑᓈᐯ — Société Élan', email: 'info@example.org', amountCents: 8_500_000 };
    const response = await request(app.getHttpServer()).post('/api/v1/pipeline-fixture/echo').send(body).expect(201);
    expect(response.body).toEqual(body);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, not 500', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/v1/pipeline-fixture/echo')
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.body).toMatchObject({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
  });

  it('maps a domain rule to 422 with its stable code', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/pipeline-fixture/rule').expect(422);
    expect(response.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'DEADLINE_PASSED',
      message: 'The call closed at 2027-03-31 17:00 Ontario time',
    });
  });

  it('answers an unknown route with the API error body', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('answers an unexpected error with 500 and an error id, hiding the internals', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/pipeline-fixture/crash').set('x-request-id', 'support-case-12345').expect(500);
    expect(response.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR', errorId: 'support-case-12345' });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
  });

  it('sets security headers', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('health when a dependency is down', () => {
  it('answers 503 naming the queue when Redis cannot be reached', async () => {
    const app = await startApi(testConfig({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }));
    try {
      const response = await request(app.getHttpServer()).get('/api/v1/health').expect(503);
      expect(response.body).toMatchObject({ status: 'down', db: 'up', queue: 'down' });
      expect(response.body.down).toContain('queue');
    } finally {
      await app.close();
    }
  });
});

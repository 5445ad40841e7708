import { QueryFailedError } from 'typeorm';
import { toErrorBody } from './error-response';

const refusedByDatabase = (code: string): QueryFailedError => new QueryFailedError('INSERT INTO user_account (name) VALUES ($1)', ['a\u0000b'], Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code }));

describe('errors of the database', () => {
  it.each(['22021', '22P05', '22P02', '22003', '22008', '22007'])('answers a value the database refused (%s) as the client’s, without the SQL', (code) => {
    const body = toErrorBody(refusedByDatabase(code));
    expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
    expect(JSON.stringify(body)).not.toMatch(/INSERT|user_account|UTF8/);
  });

  it.each(['57P01', '57P02', '57P03', '08006', '08001'])('answers the database going away (%s) with 503 and when to retry', (code) => {
    expect(toErrorBody(refusedByDatabase(code))).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', details: { retryAfterSeconds: 5 } });
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection timeout', new Error('timeout exceeded when trying to connect')],
    ['a connection dropped mid-query', new Error('Connection terminated unexpectedly')],
    ['an administrator shutdown outside a query', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ])('answers %s with 503, not 500', (_, error) => {
    expect(toErrorBody(error)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it('leaves any other failure of the database unexpected (a 500 with an error id)', () => {
    expect(toErrorBody(refusedByDatabase('42P01'))).toBeNull();
  });
});

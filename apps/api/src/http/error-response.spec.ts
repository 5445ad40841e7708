import { QueryFailedError } from 'typeorm';
import { toErrorBody } from './error-response';

const refusedByDatabase = (code: string): QueryFailedError => new QueryFailedError('INSERT INTO user_account (name) VALUES ($1)', ['a\u0000b'], Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code }));

describe('errors of the database', () => {
  it.each(['22021', '22P05', '22P02', '22003', '22008', '22007'])('answers a value the database refused (%s) as the client’s, without the SQL', (code) => {
    const body = toErrorBody(refusedByDatabase(code));
    expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
    expect(JSON.stringify(body)).not.toMatch(/INSERT|user_account|UTF8/);
  });

  it('leaves any other failure of the database unexpected (a 500 with an error id)', () => {
    expect(toErrorBody(refusedByDatabase('42P01'))).toBeNull();
  });
});

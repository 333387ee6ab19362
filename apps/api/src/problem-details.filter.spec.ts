import { NotFoundException } from '@nestjs/common';
import { InvalidInputError, StaleVersionError } from '@mapwork/kernel';
import { QueryFailedError } from 'typeorm';
import { toProblem } from './problem-details.filter';

describe('toProblem', () => {
  it('maps domain errors to statuses with their details', () => {
    expect(toProblem(new StaleVersionError(1, 2, { a: 1 }), '/x')).toMatchObject({ status: 409, code: 'STALE_VERSION', currentVersion: 2, currentState: { a: 1 }, instance: '/x' });
    expect(toProblem(InvalidInputError.single('/a', 'rule', 'msg'))).toMatchObject({ status: 422, errors: [{ pointer: '/a', rule: 'rule', message: 'msg' }] });
  });
  it('maps body-parser failures and HTTP exceptions, and hides internal errors', () => {
    expect(toProblem(Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed', status: 400 }))).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(toProblem(Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 }))).toMatchObject({ status: 413 });
    expect(toProblem(new NotFoundException('Cannot GET /nope'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const internal = toProblem(new Error('SELECT secret FROM somewhere failed'));
    expect(internal).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(internal)).not.toMatch(/secret/);
  });
  it('answers a URL that is not percent-encoded UTF-8 with 400, as the router fails to decode it', () => {
    let thrown: unknown;
    try {
      decodeURIComponent('%ff');
    } catch (e) {
      thrown = e;
    }
    expect(toProblem(thrown)).toMatchObject({ status: 400, code: 'MALFORMED_URL' });
    expect(toProblem(Object.assign(new Error('x'), { type: 'charset.unsupported', status: 415, expose: true }))).toMatchObject({ status: 415, code: 'UNSUPPORTED_CHARSET' });
  });
  it('answers a busy database with 503 and when to retry, on SQLite and PostgreSQL', () => {
    const busy = (code: string) => Object.assign(new QueryFailedError('INSERT …', [], Object.assign(new Error('database is locked'), { code })), {});
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40P01', '40001', '55P03']) {
      expect(toProblem(busy(code))).toMatchObject({ status: 503, code: 'DATABASE_BUSY', retryAfter: 5 });
    }
    expect(toProblem(busy('SQLITE_CORRUPT'))).toMatchObject({ status: 500 });
  });
});

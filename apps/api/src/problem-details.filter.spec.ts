import { NotFoundException } from '@nestjs/common';
import { InvalidInputError, StaleVersionError } from '@mapwork/kernel';
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
});

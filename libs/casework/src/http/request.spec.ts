import { InvalidInputError, VersionRequiredError } from '@mapwork/kernel';
import { basedOnVersion } from './request';

describe('basedOnVersion', () => {
  it('reads If-Match in its usual forms, or the body field', () => {
    expect(basedOnVersion('"3"', undefined)).toBe(3);
    expect(basedOnVersion('W/"12"', undefined)).toBe(12);
    expect(basedOnVersion('7', undefined)).toBe(7);
    expect(basedOnVersion(undefined, 4)).toBe(4);
    expect(basedOnVersion('"4"', 4)).toBe(4);
  });
  it('requires one, refuses garbage and disagreement', () => {
    expect(() => basedOnVersion(undefined, undefined)).toThrow(VersionRequiredError);
    expect(() => basedOnVersion('*', undefined)).toThrow(InvalidInputError);
    expect(() => basedOnVersion('"0"', undefined)).toThrow(InvalidInputError);
    expect(() => basedOnVersion('"3"', 4)).toThrow(InvalidInputError);
  });
});

import { containsPattern } from './like';

describe('containsPattern', () => {
  it('lower-cases the text and escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('Hartley')).toBe('%hartley%');
    expect(containsPattern('50%_off')).toBe('%50\\%\\_off%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});

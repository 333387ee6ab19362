import fc from 'fast-check';
import { PASSWORD_MAX_LENGTH, passwordProblems } from './password-policy';

const rules = (password: string, owner = {}) => passwordProblems(password, owner, '/password').map((p) => p.rule);

describe('the password policy', () => {
  it('wants at least 12 characters, counted as code points after NFC', () => {
    expect(rules('short pass1')).toEqual(['minLength']);
    expect(rules('twelve chars')).toEqual([]);
    // eleven characters, one written as e + combining accent: still eleven
    expect(rules('cafe\u0301 au lai')).toEqual(['minLength']);
    // emoji are one character each, not two UTF-16 units
    expect(rules('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊')).toEqual(['minLength']);
    expect(rules('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊')).toEqual([]);
  });

  it('allows at most 256 characters', () => {
    expect(rules('x'.repeat(PASSWORD_MAX_LENGTH) + 'q')).toContain('maxLength');
    expect(rules('long passphrase '.repeat(16))).toEqual([]);
  });

  it('refuses common and breached passwords, whatever their case or separators', () => {
    expect(rules('123456789012')).toEqual(['commonPassword']);
    expect(rules('PasswordPassword')).toEqual(['commonPassword']);
    expect(rules('password password')).toEqual(['commonPassword']);
    expect(rules('signs-of-safety-demo')).toEqual([]);
    expect(rules('correct horse battery staple')).toEqual([]);
  });

  it('refuses a password containing the username or the person’s name', () => {
    expect(rules('sam.worker-2024!', { username: 'sam.worker' })).toEqual(['containsUsername']);
    expect(rules('my name is Sam Okafor', { displayName: 'Sam Okafor' })).toEqual(['containsName']);
    expect(rules('SAMOKAFOR and more', { displayName: 'Sam Okafor' })).toEqual(['containsName']);
    // a short username only when it is the whole password
    expect(rules('journey to the west', { username: 'jo' })).toEqual([]);
  });

  it('names the field and a rule for every problem (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), (password, username) => {
        for (const p of passwordProblems(password, { username }, '/newPassword')) {
          expect(p.pointer).toBe('/newPassword');
          expect(['minLength', 'maxLength', 'commonPassword', 'containsUsername', 'containsName']).toContain(p.rule);
        }
      }),
    );
  });
});

import { revisionHash } from './revision-hash';

const meta = { entityType: 'mapping', caseId: 'c', entityId: 'm1', version: 1, at: '2020-01-01T00:00:00.000Z', actor: 'u1', reason: null };

describe('revisionHash', () => {
  it('does not depend on key order', () => {
    expect(revisionHash(null, { a: 1, b: [1, { c: 2, d: 3 }] }, meta)).toBe(revisionHash(null, { b: [1, { d: 3, c: 2 }], a: 1 }, meta));
  });
  it('changes with the state, the metadata and the previous hash', () => {
    const h = revisionHash(null, { a: 1 }, meta);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(revisionHash(null, { a: 2 }, meta)).not.toBe(h);
    expect(revisionHash('0'.repeat(64), { a: 1 }, meta)).not.toBe(h);
    for (const change of [{ version: 2 }, { actor: 'u2' }, { reason: 'why' }, { at: '2020-01-01T00:00:00.001Z' }, { entityId: 'm2' }]) {
      expect(revisionHash(null, { a: 1 }, { ...meta, ...change })).not.toBe(h);
    }
  });
  it('covers the source system\'s author of an imported revision only when there is one, so hashes written before are unchanged', () => {
    const h = revisionHash(null, { a: 1 }, meta);
    expect(revisionHash(null, { a: 1 }, { ...meta, sourceActor: null })).toBe(h);
    const imported = revisionHash(null, { a: 1 }, { ...meta, sourceActor: 'sw-12' });
    expect(imported).not.toBe(h);
    expect(revisionHash(null, { a: 1 }, { ...meta, sourceActor: 'sw-13' })).not.toBe(imported);
  });
  it('is SHA-256 over the RFC 8785 text of { prev, state, meta } (a contract: stored history is verified against it)', () => {
    // computed independently: python3 hashlib.sha256(json.dumps(doc, sort_keys=True, separators=(',', ':')))
    expect(revisionHash(null, { a: 1 }, meta)).toBe('cbc52f67bda02c1ab0714d42c84feaaf54f1ef84adb6d32d2ebb127faf35237a');
  });
});

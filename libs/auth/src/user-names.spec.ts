import { NameBook } from './user-names';

describe('NameBook', () => {
  const book = new NameBook(new Map([['u1', 'Sam Okafor']]));

  it('names users, importers after the user who imported, and nobody else', () => {
    expect(book.name('u1')).toBe('Sam Okafor');
    expect(book.name('import:u1')).toBe('Sam Okafor (import)');
    expect(book.name('import:demo-seed')).toBe('demo-seed (import)');
    expect(book.name('sw-7')).toBeNull();
    expect(book.name(null)).toBeNull();
  });

  it('gives the names of a set of ids as an object, in id order', () => {
    expect(book.record(['sw-7', 'u1', 'u1'])).toEqual({ 'sw-7': null, u1: 'Sam Okafor' });
    expect(Object.keys(book.record(['u1', 'sw-7']))).toEqual(['sw-7', 'u1']);
  });
});

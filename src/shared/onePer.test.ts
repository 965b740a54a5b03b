import { describe, expect, it } from 'vitest';
import { onePer } from './onePer';

describe('onePer', () => {
  it('makes one value per key, on first ask, from the arguments of that ask', () => {
    const made: string[] = [];
    const labelFor = onePer((key: object, label: string) => (made.push(label), { label }));
    const a = {};
    const b = {};
    expect(labelFor(a, 'first')).toBe(labelFor(a, 'second'));
    expect(labelFor(a, 'third').label).toBe('first');
    expect(labelFor(b, 'other').label).toBe('other');
    expect(made).toEqual(['first', 'other']);
  });

  it('keeps a value that is undefined instead of making it again', () => {
    let calls = 0;
    const nothingFor = onePer((_key: object) => {
      calls++;
      return undefined;
    });
    const key = {};
    nothingFor(key);
    nothingFor(key);
    expect(calls).toBe(1);
  });
});

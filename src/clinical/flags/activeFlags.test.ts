import type { Flag } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { activeFlags, isSafetyFlag } from './activeFlags';

const now = new Date('2026-11-23T12:00:00Z');

function flag(partial: Partial<Flag>): Flag {
  return { resourceType: 'Flag', id: partial.id ?? 'f', status: 'active', subject: { reference: 'Patient/p' }, code: { text: 'Something' }, ...partial };
}

const safetyCategory = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety', display: 'Safety' }] }];

describe('activeFlags', () => {
  it('keeps active flags, drops inactive, entered-in-error and ended ones', () => {
    const result = activeFlags(
      [
        flag({ id: 'a' }),
        flag({ id: 'b', status: 'inactive' }),
        flag({ id: 'c', status: 'entered-in-error' }),
        flag({ id: 'd', period: { start: '2026-01-01', end: '2026-06-01' } }),
        flag({ id: 'e', period: { start: '2026-01-01', end: '2027-01-01' } }),
      ],
      now,
    );
    expect(result.map((f) => f.reference)).toEqual(['Flag/e', 'Flag/a']);
  });

  it('puts safety flags first and names them', () => {
    const result = activeFlags(
      [flag({ id: 'admin', period: { start: '2026-11-01' } }), flag({ id: 'risk', category: safetyCategory, code: { text: 'Suicide risk' }, period: { start: '2026-01-01' } })],
      now,
    );
    expect(result[0]).toMatchObject({ reference: 'Flag/risk', safety: true, text: 'Suicide risk', category: 'Safety', since: '2026-01-01' });
    expect(result[1]?.safety).toBe(false);
  });
});

describe('isSafetyFlag', () => {
  it('recognises the safety category and the SNOMED suicide-risk code', () => {
    expect(isSafetyFlag(flag({ category: safetyCategory }))).toBe(true);
    expect(isSafetyFlag(flag({ code: { coding: [{ system: 'http://snomed.info/sct', code: '225444004' }] } }))).toBe(true);
    expect(isSafetyFlag(flag({ code: { coding: [{ system: 'http://snomed.info/sct', code: '1234' }] } }))).toBe(false);
  });
});

import type { Flag } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { membersInMonth } from './billingRecords';

function flag(patient: string, start: string, end?: string, status: Flag['status'] = 'active'): Flag {
  return { resourceType: 'Flag', status, code: {}, subject: { reference: `Patient/${patient}` }, period: { start, ...(end ? { end } : {}) } };
}

describe('membersInMonth', () => {
  it('takes every membership that covered part of the month, ended ones included', () => {
    const flags = [
      flag('open', '2026-01-10'),
      flag('endedMid', '2025-10-01', '2026-03-12', 'inactive'),
      flag('endedBefore', '2025-10-01', '2026-02-27', 'inactive'),
      flag('startsLater', '2026-04-01'),
      flag('startsLastDay', '2026-03-31T23:00:00-04:00'),
      flag('error', '2026-01-10', undefined, 'entered-in-error'),
    ];
    expect(membersInMonth(flags, '2026-03').sort()).toEqual(['endedMid', 'open', 'startsLastDay']);
  });
});

import { describe, expect, it } from 'vitest';
import type { BillingReport, BillingRow } from './report.ts';
import { billingTotals, hasMinutes } from './totals.ts';

function row(id: string, cm: string | undefined, minutes: number, codes: { code: string; units: number }[] = []): BillingRow {
  return {
    patientId: id,
    name: id,
    mrn: undefined,
    birthDate: undefined,
    treatingProvider: undefined,
    careManager: cm ? { reference: `Practitioner/${cm}`, name: cm } : undefined,
    episodeMonth: 'later',
    minutes,
    separatelyBilledMinutes: 0,
    attemptMinutes: 0,
    codes,
    nextCode: undefined,
    minutesToNextCode: undefined,
    notBilledReason: undefined,
  };
}

describe('billing totals', () => {
  it('adds units per code and minutes per care manager', () => {
    const report: BillingReport = {
      month: '2026-11',
      timeZone: 'America/New_York',
      billed: [
        row('a', 'Dana', 80, [
          { code: '99493', units: 1 },
          { code: '99494', units: 1 },
        ]),
        row('b', 'Dana', 40, [{ code: '99493', units: 1 }]),
        row('c', undefined, 50, [{ code: '99492', units: 1 }]),
      ],
      belowThreshold: [row('d', 'Lee', 20), row('e', 'Lee', 0)],
      notBilled: [],
    };
    expect(billingTotals(report)).toEqual({
      byCode: [
        { code: '99492', units: 1, patients: 1 },
        { code: '99493', units: 2, patients: 2 },
        { code: '99494', units: 1, patients: 1 },
      ],
      byCareManager: [
        { name: 'Dana', patients: 2, minutes: 120, billedPatients: 2 },
        { name: 'Lee', patients: 1, minutes: 20, billedPatients: 0 },
        { name: 'No care manager recorded', patients: 1, minutes: 50, billedPatients: 1 },
      ],
    });
    expect(hasMinutes(report)).toBe(true);
    expect(hasMinutes({ ...report, billed: [], belowThreshold: [row('e', 'Lee', 0)] })).toBe(false);
  });
});

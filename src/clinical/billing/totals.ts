/** A month's billing totals, as a biller checks them: units per code, and per care manager. Pure. */
import type { BillingReport } from './report.ts';

export interface BillingTotals {
  readonly byCode: readonly { readonly code: string; readonly units: number; readonly patients: number }[];
  readonly byCareManager: readonly { readonly name: string; readonly patients: number; readonly minutes: number; readonly billedPatients: number }[];
}

export function billingTotals(report: BillingReport): BillingTotals {
  const codes = new Map<string, { units: number; patients: number }>();
  for (const row of report.billed) {
    for (const c of row.codes) {
      const t = codes.get(c.code) ?? { units: 0, patients: 0 };
      codes.set(c.code, { units: t.units + c.units, patients: t.patients + 1 });
    }
  }
  const people = new Map<string, { patients: number; minutes: number; billedPatients: number }>();
  const add = (name: string, minutes: number, billed: boolean) => {
    const t = people.get(name) ?? { patients: 0, minutes: 0, billedPatients: 0 };
    people.set(name, { patients: t.patients + 1, minutes: t.minutes + minutes, billedPatients: t.billedPatients + (billed ? 1 : 0) });
  };
  for (const row of report.billed) add(row.careManager?.name ?? 'No care manager recorded', row.minutes, true);
  for (const row of [...report.belowThreshold, ...report.notBilled]) if (row.minutes > 0) add(row.careManager?.name ?? 'No care manager recorded', row.minutes, false);
  return {
    byCode: [...codes].map(([code, t]) => ({ code, ...t })).sort((a, b) => a.code.localeCompare(b.code)),
    byCareManager: [...people].map(([name, t]) => ({ name, ...t })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** True when the month has any minutes at all (the report opens on the latest such month). */
export function hasMinutes(report: BillingReport): boolean {
  return [...report.billed, ...report.belowThreshold, ...report.notBilled].some((r) => r.minutes > 0);
}

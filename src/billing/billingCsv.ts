/**
 * The month's CSV for the billing office: one row per billed patient with MRN, name, birth
 * date, service month, the codes with their units, minutes, treating provider and care
 * manager. Codes have their own unit columns so the office can key them without splitting
 * text; quoting, dates and formula neutralising come from the app's one CSV writer.
 */
import type { BillingReport, BillingRow } from '../clinical/billing';
import { codesLabel } from '../clinical/billing';
import { type CsvColumn, toCsv } from '../shared/csv/csv';

function units(row: BillingRow, code: string): number | '' {
  return row.codes.find((c) => c.code === code)?.units ?? '';
}

/** The code columns: the configured codes, in the order primary, add-on, G2214. */
export function billingCsv(report: BillingReport, codes: readonly string[]): string {
  const columns: CsvColumn<BillingRow>[] = [
    { header: 'MRN', value: (r) => r.mrn },
    { header: 'Name', value: (r) => r.name },
    { header: 'Birth date', type: 'date', value: (r) => r.birthDate },
    { header: 'Service month', value: () => report.month },
    { header: 'Episode month', value: (r) => r.episodeMonth },
    { header: 'CoCM minutes', value: (r) => r.minutes },
    { header: 'Codes', value: (r) => codesLabel(r.codes) },
    ...codes.map((code): CsvColumn<BillingRow> => ({ header: `${code} units`, value: (r) => units(r, code) })),
    { header: 'Treating provider', value: (r) => r.treatingProvider?.name },
    { header: 'Care manager', value: (r) => r.careManager?.name },
  ];
  return toCsv(columns, report.billed);
}

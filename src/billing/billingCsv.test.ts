import { describe, expect, it } from 'vitest';
import { billingReport, type BillableContact } from '../clinical/billing';
import { billingCsv } from './billingCsv';

const contact = (id: string, effective: string, minutes: number): BillableContact => ({
  id,
  effective,
  minutes,
  outcome: 'completed',
  separatelyBilled: false,
  enteredInError: false,
});
const PCP = { reference: 'Practitioner/1', name: 'Ruiz, Ana "Dr"' };

describe('billing CSV', () => {
  it('one row per billed patient with codes, units and minutes; quoted where needed', () => {
    const report = billingReport(
      [
        {
          patientId: 'a',
          name: 'Lee, Sam',
          mrn: 'M1',
          birthDate: '1980-02-03',
          treatingProvider: PCP,
          careManager: undefined,
          episodes: [{ start: '2026-03-02', end: undefined }],
          contacts: [contact('1', '2026-03-10T10:00:00-04:00', 40)],
        },
        {
          patientId: 'b',
          name: '=HYPERLINK("x")',
          mrn: 'M2',
          birthDate: '1990-01-01',
          treatingProvider: PCP,
          careManager: PCP,
          episodes: [{ start: '2026-01-02', end: undefined }],
          contacts: [contact('2', '2026-03-10T10:00:00-04:00', 110)],
        },
        {
          patientId: 'c',
          name: 'Below',
          mrn: 'M3',
          birthDate: undefined,
          treatingProvider: PCP,
          careManager: undefined,
          episodes: [{ start: '2026-01-02', end: undefined }],
          contacts: [contact('3', '2026-03-10T10:00:00-04:00', 20)],
        },
      ],
      '2026-03',
      'America/New_York',
    );
    const csv = billingCsv(report, ['99492', '99493', '99494', 'G2214']);
    expect(csv.split('\r\n')).toEqual([
      'MRN,Name,Birth date,Service month,Episode month,CoCM minutes,Codes,99492 units,99493 units,99494 units,G2214 units,Treating provider,Care manager',
      `M2,"'=HYPERLINK(""x"")",1990-01-01,2026-03,later,110,"99493, 99494 x2",,1,2,,"Ruiz, Ana ""Dr""","Ruiz, Ana ""Dr"""`,
      'M1,"Lee, Sam",1980-02-03,2026-03,first,40,99492,1,,,,"Ruiz, Ana ""Dr""",',
      '',
    ]);
  });
});

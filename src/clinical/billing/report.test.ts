import { describe, expect, it } from 'vitest';
import { codesLabel } from './codesForMonth.ts';
import { episodeMonthOf } from './episodeMonth.ts';
import type { BillableContact } from './minutes.ts';
import { type BillingPatient, billingReport } from './report.ts';

const TZ = 'America/New_York';
const PCP = { reference: 'Practitioner/pcp1', name: 'Dr Ana Ruiz' };
const BHCM = { reference: 'Practitioner/cm1', name: 'Sam Lee' };

let n = 0;
function c(effective: string, minutes: number, extra: Partial<BillableContact> = {}): BillableContact {
  n += 1;
  return { id: `Observation/r${n}`, effective, minutes, outcome: 'completed', separatelyBilled: false, enteredInError: false, ...extra };
}

function patient(name: string, start: string, contacts: BillableContact[], extra: Partial<BillingPatient> = {}): BillingPatient {
  return {
    patientId: name.toLowerCase(),
    name,
    mrn: `MRN-${name}`,
    birthDate: '1980-01-01',
    treatingProvider: PCP,
    careManager: BHCM,
    episodes: [{ start, end: undefined }],
    contacts,
    ...extra,
  };
}

describe('episodeMonthOf', () => {
  it('the first calendar month of the episode is first, later ones later', () => {
    const episodes = [{ start: '2026-01-20', end: undefined }];
    expect(episodeMonthOf('2026-01', episodes)?.episodeMonth).toBe('first');
    expect(episodeMonthOf('2026-02', episodes)?.episodeMonth).toBe('later');
    expect(episodeMonthOf('2025-12', episodes)).toBeUndefined();
  });

  it('an ended episode covers up to its end month; a re-enrollment starts a new first month', () => {
    const episodes = [
      { start: '2025-01-10', end: '2025-05-02' },
      { start: '2025-12-01', end: undefined },
    ];
    expect(episodeMonthOf('2025-05', episodes)?.episodeMonth).toBe('later');
    expect(episodeMonthOf('2025-06', episodes)).toBeUndefined();
    expect(episodeMonthOf('2025-12', episodes)?.episodeMonth).toBe('first');
    const sameMonth = [
      { start: '2025-01-10', end: '2025-06-02' },
      { start: '2025-06-20', end: undefined },
    ];
    expect(episodeMonthOf('2025-06', sameMonth)).toMatchObject({ episodeMonth: 'first', episode: { start: '2025-06-20' } });
  });
});

describe('billingReport', () => {
  const patients = [
    patient('Newly', '2026-03-10', [c('2026-03-11T10:00:00-04:00', 40)]),
    patient('Later', '2026-01-05', [c('2026-03-02T10:00:00-05:00', 50), c('2026-03-20T10:00:00-04:00', 30)]),
    patient('Below', '2026-01-05', [c('2026-03-02T10:00:00-05:00', 20)]),
    patient('Quiet', '2026-01-05', []),
    patient('Therapy', '2026-01-05', [c('2026-03-02T10:00:00-05:00', 20), c('2026-03-03T10:00:00-05:00', 60, { separatelyBilled: true })]),
    patient('Outside', '2026-05-01', [c('2026-03-02T10:00:00-05:00', 45)]),
    patient('NoPcp', '2026-01-05', [c('2026-03-02T10:00:00-05:00', 45)], { treatingProvider: undefined }),
    patient('Gone', '2025-01-05', [], { episodes: [{ start: '2025-01-05', end: '2025-06-01' }] }),
  ];
  const report = billingReport(patients, '2026-03', TZ);

  it('bills each patient once with the codes the month reaches', () => {
    expect(report.billed.map((r) => [r.name, r.episodeMonth, r.minutes, codesLabel(r.codes), r.minutesToNextCode])).toEqual([
      ['Later', 'later', 80, '99493, 99494', 26],
      ['Newly', 'first', 40, '99492', 46],
    ]);
    expect(report.billed[0]).toMatchObject({ treatingProvider: PCP, careManager: BHCM, mrn: 'MRN-Later', birthDate: '1980-01-01' });
  });

  it('lists patients in an episode below threshold with their minutes, 0 included', () => {
    expect(report.belowThreshold.map((r) => [r.name, r.minutes, r.separatelyBilledMinutes, r.nextCode, r.minutesToNextCode])).toEqual([
      ['Below', 20, 0, '99493', 11],
      ['Quiet', 0, 0, '99493', 31],
      ['Therapy', 20, 60, '99493', 11],
    ]);
  });

  it('says why logged time is not billed', () => {
    expect(report.notBilled.map((r) => [r.name, r.minutes, r.notBilledReason])).toEqual([
      ['NoPcp', 45, 'No treating provider recorded for the episode'],
      ['Outside', 45, 'No episode of care covers this month'],
    ]);
    expect([...report.billed, ...report.belowThreshold, ...report.notBilled].some((r) => r.name === 'Gone')).toBe(false);
  });

  it('bills only configured billing providers when the program lists them', () => {
    const limited = billingReport(patients, '2026-03', TZ, { billingProviders: ['Practitioner/other'] });
    expect(limited.billed).toEqual([]);
    expect(limited.notBilled.find((r) => r.name === 'Newly')?.notBilledReason).toBe('Dr Ana Ruiz is not set up as a billing provider');
  });

  it('a contact near midnight bills in the clinic month, not the UTC month', () => {
    // 23:30 on 31 March in New York is 03:30 on 1 April in UTC.
    const p = patient('Late', '2026-03-01', [c('2026-03-31T23:30:00-04:00', 40)]);
    expect(billingReport([p], '2026-03', TZ).billed.map((r) => r.minutes)).toEqual([40]);
    expect(billingReport([p], '2026-04', TZ).billed).toEqual([]);
    // What a registry cutting months in UTC would do: move the time to April.
    expect(billingReport([p], '2026-04', 'UTC').billed.map((r) => r.minutes)).toEqual([40]);
  });
});

import type { List } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { computeMeasures } from './measures.ts';
import { subjectListReport, summaryReport } from './measureReport.ts';
import { programPatient } from './testPatients.ts';
import { r4Errors } from '../records/r4Validation.testkit.ts';

const period = { start: '2026-01-01', end: '2026-06-30' };
const patients = [
  programPatient({ id: 'a', episodes: [{ enrolledOn: '2026-01-05' }], contacts: [['2026-01-05'], ['2026-02-01'], ['2026-03-01']], demographics: { race: 'White' } }),
  programPatient({ id: 'b', episodes: [{ enrolledOn: '2026-02-05' }], contacts: [['2026-02-05']] }),
];
const options = {
  period,
  generated: '2026-07-01T10:00:00Z',
  threshold: 0,
  patients: new Map(patients.map((p) => [p.id, p])),
  label: (_by: unknown, v: string) => v,
  dimensions: ['race'] as const,
};

// The R4 validator loads the FHIR definitions once (a few seconds on a busy machine).
describe('MeasureReports', { timeout: 30_000 }, () => {
  it('summary: one group per measure with counts, score and strata', () => {
    const report = summaryReport(computeMeasures(patients, period), options);
    expect(r4Errors(report)).toEqual([]);
    const three = report.group?.find((g) => g.code?.text === 'Three or more contacts');
    expect(three?.population?.map((p) => [p.code?.coding?.[0]?.code, p.count])).toEqual([
      ['initial-population', 2],
      ['denominator', 2],
      ['numerator', 1],
    ]);
    expect(three?.measureScore?.value).toBe(0.5);
    expect(three?.stratifier?.[0]?.stratum?.map((s) => [s.value?.text, s.measureScore?.value])).toEqual([
      ['White', 1],
      ['not recorded', 0],
    ]);
  });
  it('summary: leaves out small cells and their score', () => {
    const report = summaryReport(computeMeasures(patients, period), { ...options, threshold: 11 });
    const three = report.group?.find((g) => g.code?.text === 'Three or more contacts');
    expect(three?.population?.every((p) => p.count === undefined)).toBe(true);
    expect(three?.measureScore).toBeUndefined();
  });
  it('subject list: the patients behind numerator and denominator', () => {
    const report = subjectListReport(computeMeasures(patients, period), options);
    expect(r4Errors(report)).toEqual([]);
    const three = report.group?.find((g) => g.code?.text === 'Three or more contacts');
    const numerator = three?.population?.find((p) => p.code?.coding?.[0]?.code === 'numerator')?.subjectResults?.reference;
    const list = report.contained?.find((c) => `#${c.id}` === numerator) as List | undefined;
    expect(list?.entry?.map((e) => e.item.reference)).toEqual(['Patient/a']);
  });
});

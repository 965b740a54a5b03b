import { describe, expect, it } from 'vitest';
import { observation, totalQuantity } from '../clinical/testing/fhirBuilders';
import { buildPatientRecordModel, withCourseWindow } from './patientRecordModel';

const records = (totals: Array<[string, number]>) => ({
  observations: totals.map(([date, value], i) => observation({ id: `o${i}`, code: '44261-6', effective: `${date}T10:00:00-05:00`, value: totalQuantity(value) })),
  questionnaireResponses: [],
  questionnaires: [],
  flags: [],
  failures: [],
  truncated: [],
});

describe('withCourseWindow', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const model = buildPatientRecordModel(records([['2024-01-10', 20], ['2026-01-05', 18], ['2026-04-01', 8]]), now, 'America/New_York');

  it('counts the course from the first record when there is no enrollment', () => {
    expect(model.histories[0]?.course.baseline?.total).toBe(20);
  });

  it('counts baseline and weeks from the enrollment, as the caseload row does', () => {
    const course = withCourseWindow(model, { start: '2026-01-06', end: undefined }, 'America/New_York').histories[0]?.course;
    expect(course?.baseline?.total).toBe(18);
    expect(course?.response).toBe(true);
    expect(course?.weeksInTreatment).toBe(20);
  });

  it('stops the weeks at the end of an ended episode', () => {
    const course = withCourseWindow(model, { start: '2026-01-06', end: '2026-03-03' }, 'America/New_York').histories[0]?.course;
    expect(course?.weeksInTreatment).toBe(8);
  });
});

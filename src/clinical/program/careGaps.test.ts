import { describe, expect, it } from 'vitest';
import { careGaps } from './careGaps.ts';
import { DEFAULT_PROGRAM_MEASURE_SETTINGS } from './settings.ts';
import { day, programPatient } from './testPatients.ts';

const E = '2026-01-05';
const gaps = (spec: Parameters<typeof programPatient>[0], today: string) =>
  careGaps([programPatient(spec)], { today, settings: DEFAULT_PROGRAM_MEASURE_SETTINGS, scaleCadenceDays: 14 });

describe('care gaps', () => {
  it('lists no contact this month, due at the month end', () => {
    expect(
      gaps({ episodes: [{ enrolledOn: E }], contacts: [['2026-02-27']], scores: [['phq9', '2026-03-02', 12]] }, '2026-03-10').find((g) => g.kind === 'no-contact-this-month'),
    ).toMatchObject({ reason: 'last contact 2026-02-27', due: '2026-03-31' });
    expect(gaps({ episodes: [{ enrolledOn: E }], contacts: [['2026-03-01']] }, '2026-03-10').some((g) => g.kind === 'no-contact-this-month')).toBe(false);
    expect(gaps({ episodes: [{ enrolledOn: E, end: '2026-02-01' }] }, '2026-03-10')).toEqual([]);
  });

  it('lists a PHQ-9 overdue by the cadence', () => {
    expect(gaps({ episodes: [{ enrolledOn: E }], scores: [['phq9', '2026-03-01', 12]], contacts: [['2026-03-01']] }, '2026-03-15').some((g) => g.kind === 'phq9-overdue')).toBe(
      false,
    );
    expect(
      gaps({ episodes: [{ enrolledOn: E }], scores: [['phq9', '2026-03-01', 12]], contacts: [['2026-03-01']] }, '2026-03-16').find((g) => g.kind === 'phq9-overdue'),
    ).toMatchObject({ due: '2026-03-15' });
  });

  it('lists not improved at 70 days without a review since day 56', () => {
    const spec = {
      episodes: [{ enrolledOn: E }],
      scores: [
        ['phq9', E, 20],
        ['phq9', day(E, 70), 18],
      ] as ['phq9', string, number][],
    };
    expect(gaps(spec, day(E, 69)).some((g) => g.kind === 'not-improved-no-review')).toBe(false);
    expect(gaps(spec, day(E, 70)).find((g) => g.kind === 'not-improved-no-review')).toMatchObject({ due: day(E, 130) });
    expect(gaps({ ...spec, reviews: [day(E, 60)] }, day(E, 90)).some((g) => g.kind === 'not-improved-no-review')).toBe(false);
  });

  it('lists a positive screen without enrollment or follow-up, due 30 days after', () => {
    expect(gaps({ scores: [['phq2', '2026-03-01', 4]] }, '2026-03-10')).toEqual([
      expect.objectContaining({ kind: 'positive-screen', reason: 'PHQ-2 4 on 2026-03-01', due: '2026-03-31' }),
    ]);
    expect(
      gaps(
        {
          scores: [
            ['phq2', '2026-03-01', 4],
            ['phq9', '2026-03-01', 8, '13:00'],
          ],
        },
        '2026-03-10',
      ),
    ).toEqual([]);
    expect(gaps({ scores: [['phq2', '2026-03-01', 2]] }, '2026-03-10')).toEqual([]);
    expect(
      gaps({ scores: [['phq9', '2026-03-01', 12]], episodes: [{ enrolledOn: '2026-03-20' }], contacts: [['2026-03-20']] }, '2026-03-25').some((g) => g.kind === 'positive-screen'),
    ).toBe(false);
  });

  it('lists an open remission window without a PHQ-9', () => {
    const spec = { episodes: [{ enrolledOn: E }], scores: [['phq9', E, 15]] as ['phq9', string, number][] };
    expect(gaps(spec, day(E, 151)).some((g) => g.kind === 'remission-window')).toBe(false);
    expect(gaps(spec, day(E, 152)).find((g) => g.kind === 'remission-window')).toMatchObject({ due: day(E, 212) });
    expect(gaps({ ...spec, scores: [...spec.scores, ['phq9', day(E, 160), 3]] }, day(E, 170)).some((g) => g.kind === 'remission-window')).toBe(false);
  });

  it('leaves out patients whose records could not be read', () => {
    expect(gaps({ recordsProblem: 'x', scores: [['phq2', '2026-03-01', 4]] }, '2026-03-10')).toEqual([]);
  });
});

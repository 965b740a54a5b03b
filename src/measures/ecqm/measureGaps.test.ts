/** The measures' care gaps from engine results: who is listed, with which window and due date. */
import { describe, expect, it } from 'vitest';
import type { PatientResult } from './engine';
import { measureGaps } from './measureGaps';

const inDenominator = { 'initial-population': true, denominator: true, 'denominator-exclusion': false, 'denominator-exception': false, numerator: false };
const window = (start: string, end: string, numerator: boolean | null, populations = inDenominator): PatientResult => ({
  patientId: `p-${start}-${String(numerator)}`,
  populations,
  statements: [],
  facts: { 'Index Depression Assessment': '2025-02-25', 'Measure Assessment Period': { start, end }, Numerator: numerator },
});
const screen = (on: string | null, negative: boolean): PatientResult => ({
  patientId: `s-${String(on)}-${String(negative)}`,
  populations: inDenominator,
  statements: [],
  facts: { 'Most Recent Adult Depression Screening': on, 'Most Recent Adolescent Depression Screening': null, 'Has Most Recent Adult Screening Negative': negative, 'Has Most Recent Adolescent Screening Negative': false },
});

describe('measureGaps', () => {
  it('lists CMS159 windows open or opening within 60 days with no PHQ-9 in them', () => {
    const today = '2026-03-01';
    const gaps = measureGaps(
      {
        CMS159: [
          window('2025-12-27', '2026-04-26', null), // open
          window('2026-04-20', '2026-08-18', null), // opens in 50 days
          window('2026-06-01', '2026-09-29', null), // opens in 92 days: not yet
          window('2025-10-01', '2026-01-30', null), // closed
          window('2025-12-27', '2026-04-26', false), // a PHQ-9 is in the window (not in remission)
          window('2025-12-27', '2026-04-26', null, { ...inDenominator, 'denominator-exclusion': true }), // excluded
        ],
      },
      today,
    );
    expect(gaps.map((g) => [g.kind, g.due])).toEqual([
      ['cms159-window', '2026-04-26'],
      ['cms159-window', '2026-08-18'],
    ]);
    expect(gaps[0]?.reason).toBe('Index PHQ-9 over 9 on 2025-02-25; window 2025-12-27 to 2026-04-26 (open since 2025-12-27), no PHQ-9 in it yet');
    expect(gaps[1]?.reason).toContain('(opens 2026-04-20)');
  });

  it('lists CMS2 positive screens in the denominator without a counted follow-up, due 2 days later', () => {
    const gaps = measureGaps({ CMS2: [screen('2026-06-15', false), screen('2026-06-16', true), screen(null, false)] }, '2026-07-01');
    expect(gaps).toEqual([
      {
        kind: 'cms2-follow-up',
        patientId: 's-2026-06-15-false',
        due: '2026-06-17',
        reason: 'Positive depression screen on 2026-06-15; no referral, antidepressant order or follow-up procedure within 2 days of the visit',
      },
    ]);
  });
});

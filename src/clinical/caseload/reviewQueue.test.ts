import { describe, expect, it } from 'vitest';
import { loadingRow } from './caseloadRow.ts';
import { rankReviewQueue, reviewReasons } from './reviewQueue.ts';
import type { CaseloadRow } from './types.ts';

const today = '2024-06-03';

function r(id: string, over: Partial<CaseloadRow>): CaseloadRow {
  return { ...loadingRow(id), load: 'ready', name: id, phase: 'active', phaseLabel: 'Active treatment', reviewedThisEpisode: true, ...over };
}

describe('psychiatric case review queue', () => {
  it('ranks safety, then new, then not improving, then flagged', () => {
    const rows = [
      r('flagged', { flaggedForReview: true, reviewFlagSince: '2024-05-01' }),
      r('stuck', { notImproving: true, weeksInTreatment: 12, lastReviewDate: '2024-04-01' }),
      r('new', { reviewedThisEpisode: false, enrolledOn: '2024-05-20' }),
      r('unsafe', { safety: true, safetyDate: '2024-06-01' }),
      r('fine', {}),
    ];
    const queue = rankReviewQueue(rows, { today });
    expect(queue.map((e) => [e.row.id, e.rank])).toEqual([
      ['unsafe', 'safety'],
      ['new', 'new'],
      ['stuck', 'not-improving'],
      ['flagged', 'flagged'],
    ]);
  });

  it('lists every reason but places the patient once, under the first', () => {
    const queue = rankReviewQueue([r('both', { safety: true, reviewedThisEpisode: false, enrolledOn: '2024-05-30', flaggedForReview: true })], { today });
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ rank: 'safety', reasons: ['safety', 'new', 'flagged'] });
  });

  it('leaves out not-improving patients reviewed in the last 4 weeks', () => {
    expect(reviewReasons(r('a', { notImproving: true, lastReviewDate: '2024-05-06' }), { today })).toEqual([]);
    expect(reviewReasons(r('a', { notImproving: true, lastReviewDate: '2024-05-05' }), { today })).toEqual(['not-improving']);
    expect(reviewReasons(r('a', { notImproving: true }), { today })).toEqual(['not-improving']);
    expect(reviewReasons(r('a', { notImproving: true, lastReviewDate: '2024-05-05' }), { today, settings: { reviewRecencyWeeks: 8 } })).toEqual([]);
  });

  it('reviews only open episodes, and not rows that failed or are still loading', () => {
    for (const phase of ['discharged', 'inactive', 'not-enrolled'] as const) expect(reviewReasons(r('x', { phase, safety: true }), { today })).toEqual([]);
    expect(reviewReasons(r('x', { load: 'failed', safety: true }), { today })).toEqual([]);
    expect(reviewReasons(loadingRow('x'), { today })).toEqual([]);
    // A referred patient is not "new" until enrolled, but a safety finding still counts.
    expect(reviewReasons(r('x', { phase: 'referred', reviewedThisEpisode: false, safety: true }), { today })).toEqual(['safety']);
  });

  it('orders within a reason: newest safety, longest-waiting new, longest not improving, oldest flag', () => {
    const q = rankReviewQueue(
      [
        r('s-old', { safety: true, safetyDate: '2024-05-01' }),
        r('s-new', { safety: true, safetyDate: '2024-06-01' }),
        r('n-late', { reviewedThisEpisode: false, enrolledOn: '2024-05-20' }),
        r('n-early', { reviewedThisEpisode: false, enrolledOn: '2024-05-10' }),
        r('ni-12', { notImproving: true, weeksInTreatment: 12 }),
        r('ni-20', { notImproving: true, weeksInTreatment: 20 }),
        r('f-late', { flaggedForReview: true, reviewFlagSince: '2024-06-01' }),
        r('f-early', { flaggedForReview: true, reviewFlagSince: '2024-05-01' }),
      ],
      { today },
    );
    expect(q.map((e) => e.row.id)).toEqual(['s-new', 's-old', 'n-early', 'n-late', 'ni-20', 'ni-12', 'f-early', 'f-late']);
  });

  it('calls "new" only the first 4 weeks in the program, not every patient never reviewed', () => {
    expect(reviewReasons(r('a', { reviewedThisEpisode: false, enrolledOn: '2024-05-06' }), { today })).toEqual(['new']);
    expect(reviewReasons(r('a', { reviewedThisEpisode: false, enrolledOn: '2024-05-05' }), { today })).toEqual([]);
    // 70 weeks in treatment, never reviewed: not new (not improving brings such a patient back).
    expect(reviewReasons(r('a', { reviewedThisEpisode: false, enrolledOn: '2023-01-30', weeksInTreatment: 70 }), { today })).toEqual([]);
    expect(reviewReasons(r('a', { reviewedThisEpisode: false, enrolledOn: '2023-01-30', weeksInTreatment: 70, notImproving: true }), { today })).toEqual(['not-improving']);
    expect(reviewReasons(r('a', { reviewedThisEpisode: false, enrolledOn: '2024-05-05' }), { today, settings: { newPatientWeeks: 6 } })).toEqual(['new']);
  });

  it('drops a reviewed patient and brings it back only on a new trigger', () => {
    const unsafe = r('a', { safety: true, safetyDate: '2024-06-01', notImproving: true, weeksInTreatment: 14 });
    expect(reviewReasons(unsafe, { today })).toEqual(['safety', 'not-improving']);
    // Reviewed today: the finding and the lack of improvement were both in front of the consultant.
    const reviewed = { ...unsafe, lastReviewDate: today, reviewedThisEpisode: true };
    expect(reviewReasons(reviewed, { today })).toEqual([]);
    expect(rankReviewQueue([unsafe, r('b', { notImproving: true })], { today })).toHaveLength(2);
    expect(rankReviewQueue([reviewed, r('b', { notImproving: true })], { today }).map((e) => e.row.id)).toEqual(['b']);
    // A new finding after the review brings the patient back.
    expect(reviewReasons({ ...reviewed, safetyDate: '2024-06-05' }, { today: '2024-06-05' })).toEqual(['safety']);
    // Still not improving 4 weeks after the review.
    expect(reviewReasons(reviewed, { today: '2024-07-02' })).toEqual(['not-improving']);
    // Flagged again (the caseload row counts only a request newer than the review).
    expect(reviewReasons({ ...reviewed, flaggedForReview: true, reviewFlagSince: '2024-06-04' }, { today: '2024-06-04' })).toEqual(['flagged']);
    // A safety finding without a date still counts: unknown is never "answered".
    expect(reviewReasons({ ...reviewed, safetyDate: undefined }, { today })).toEqual(['safety']);
  });
});

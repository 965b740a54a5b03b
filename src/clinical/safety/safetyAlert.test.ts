import { describe, expect, it } from 'vitest';
import type { Administration } from '../read/types.ts';
import { alertingSafetyFindings } from './safetyAlert.ts';
import type { SafetyFinding } from './safetyFindings.ts';

function admin(id: string, instrument: Administration['instrument'], date: string, item9: number | undefined): Administration {
  return {
    id,
    instrument,
    effective: date,
    localDate: date,
    instant: Date.parse(`${date}T00:00:00Z`),
    total: 10,
    totalSource: 'items',
    severity: undefined,
    screen: undefined,
    completeness: 'complete',
    status: 'final',
    items: [],
    hasItemAnswers: true,
    item9,
    difficulty: undefined,
    problems: [],
    sources: [],
    reportedBy: 'clinic',
  };
}

function finding(a: Administration, daysAgo: number | undefined): SafetyFinding {
  return {
    administrationId: a.id,
    instrument: a.instrument,
    effective: a.effective,
    localDate: a.localDate,
    instant: a.instant,
    item9: a.item9 ?? 0,
    answerDisplay: undefined,
    total: a.total,
    status: a.status,
    completeness: a.completeness,
    daysAgo,
    sources: [],
    problems: [],
  };
}

describe('alertingSafetyFindings', () => {
  it('alerts on the most recent PHQ-9 with a positive item 9, however old', () => {
    const old = admin('old', 'phq9', '2020-01-01', 2);
    expect(alertingSafetyFindings([old], [finding(old, 2000)]).map((f) => f.administrationId)).toEqual(['old']);
  });

  it('does not alert on an old positive once a newer PHQ-9 answered item 9 with 0', () => {
    const old = admin('old', 'phq9', '2020-01-01', 2);
    const newer = admin('newer', 'phq9', '2021-01-01', 0);
    expect(alertingSafetyFindings([old, newer], [finding(old, 2000)])).toEqual([]);
  });

  it('alerts on any positive within 30 days even when a later PHQ-9 says 0', () => {
    const recent = admin('recent', 'phq9', '2026-11-01', 1);
    const latest = admin('latest', 'phq9', '2026-11-20', 0);
    expect(alertingSafetyFindings([recent, latest], [finding(recent, 22)]).map((f) => f.administrationId)).toEqual(['recent']);
    expect(alertingSafetyFindings([recent, latest], [finding(recent, 31)])).toEqual([]);
    expect(alertingSafetyFindings([recent, latest], [finding(recent, 31)], { recentDays: 45 })).toHaveLength(1);
  });

  it('ignores a newer PHQ-9 that did not record item 9 when choosing the latest', () => {
    const positive = admin('pos', 'phq9', '2020-01-01', 3);
    const noItem9 = admin('total-only', 'phq9', '2021-01-01', undefined);
    expect(alertingSafetyFindings([positive, noItem9], [finding(positive, 2000)])).toHaveLength(1);
  });

  it('alerts on an undated finding', () => {
    const undated = { ...admin('u', 'phq9', '2020-01-01', 1), localDate: undefined, instant: undefined };
    const later = admin('later', 'phq9', '2021-01-01', 0);
    expect(alertingSafetyFindings([undated, later], [finding(undated, undefined)])).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { Administration } from '../../clinical';
import { chartPoints, formatChange, rangeStart, referenceLines, usefulRanges } from './chartModel';

function admin(partial: Partial<Administration>): Administration {
  return {
    id: 'a',
    instrument: 'phq9',
    effective: '2026-01-01',
    localDate: '2026-01-01',
    instant: Date.parse('2026-01-01T00:00:00Z'),
    total: 10,
    totalSource: 'items',
    severity: { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
    screen: undefined,
    completeness: 'complete',
    status: 'final',
    items: [],
    hasItemAnswers: true,
    item9: 0,
    difficulty: undefined,
    problems: [],
    sources: [],
    reportedBy: 'clinic',
    ...partial,
  };
}

describe('chartPoints', () => {
  it('charts scored administrations with their marker, and leaves incomplete ones to the table', () => {
    const points = chartPoints(
      [
        admin({ id: 'c' }),
        admin({ id: 'p', completeness: 'prorated', total: 12 }),
        admin({ id: 'pre', status: 'preliminary', total: 8 }),
        admin({ id: 'i', completeness: 'incomplete', total: undefined }),
        admin({ id: 'undated', instant: undefined }),
        admin({ id: 's', item9: 1 }),
      ],
      16,
    );
    expect(points.map((p) => p.marker)).toEqual(['complete', 'prorated', 'preliminary', 'complete']);
    expect(points[0]?.change).toBe('-6 (-37.5%) from baseline');
    expect(points[3]?.item9Positive).toBe(true);
  });
});

describe('formatChange', () => {
  it('signs the change and avoids a percent of a zero baseline', () => {
    expect(formatChange(20, 10)).toBe('+10 (+100%) from baseline');
    expect(formatChange(3, 0)).toBe('+3 from baseline');
    expect(formatChange(10, 10)).toBe('0 (0%) from baseline');
  });
});

describe('referenceLines', () => {
  it('draws baseline, 50% target and remission', () => {
    expect(referenceLines('phq9', 15, 5)).toEqual([
      { id: 'baseline', y: 15, label: 'Baseline 15' },
      { id: 'target', y: 7.5, label: '50% target 7.5' },
      { id: 'remission', y: 5, label: 'Remission < 5' },
    ]);
    expect(referenceLines('gad7', undefined, 5).map((l) => l.id)).toEqual(['remission']);
    expect(referenceLines('phq9', 0, 5).map((l) => l.id)).toEqual(['baseline', 'remission']);
  });
});

describe('ranges', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('offers only the ranges a history needs', () => {
    const at = (iso: string) => [{ x: Date.parse(iso), y: 1, date: '', marker: 'complete' as const, severity: '', item9Positive: false, patientReported: false }];
    expect(usefulRanges(at('2026-10-01T00:00:00Z'), now)).toEqual(['all']);
    expect(usefulRanges(at('2026-03-01T00:00:00Z'), now)).toEqual(['6m', 'all']);
    expect(usefulRanges(at('2016-03-01T00:00:00Z'), now)).toEqual(['6m', '1y', 'all']);
  });
  it('starts the window 6 months or 1 year back', () => {
    expect(new Date(rangeStart('6m', now) as number).toISOString().slice(0, 10)).toBe('2026-05-23');
    expect(new Date(rangeStart('1y', now) as number).toISOString().slice(0, 10)).toBe('2025-11-23');
    expect(rangeStart('all', now)).toBeUndefined();
  });
});

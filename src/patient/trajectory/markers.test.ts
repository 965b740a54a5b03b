import { describe, expect, it } from 'vitest';
import { type EventMarker, visibleMarkers } from './chartModel';
import { ALWAYS_LABELLED_MAX, markerAnnotations, markerSummary } from './markerAnnotations';

const marker = (id: string, x: number, label = `m${id}`): EventMarker => ({
  id,
  x,
  date: new Date(x).toISOString().slice(0, 10),
  kind: 'dose-change',
  label,
  description: `${label} happened`,
});

describe('event markers on the trajectory chart', () => {
  it('keeps the markers inside the visible window, oldest first', () => {
    const markers = [marker('b', 300), marker('a', 100), marker('c', 900)];
    expect(visibleMarkers(markers, 200, 800).map((m) => m.id)).toEqual(['b']);
    expect(visibleMarkers(markers, undefined, 1000).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('draws each as a vertical line at its time, labelled while there are few', () => {
    const annotations = markerAnnotations([marker('a', 1000, 'sertraline 50→100 mg')]);
    expect(annotations['marker-a']).toMatchObject({ type: 'line', scaleID: 'x', value: 1000, label: { display: true, content: 'sertraline 50→100 mg' } });
  });

  it('shows labels on hover only when there are many', () => {
    const many = Array.from({ length: ALWAYS_LABELLED_MAX + 1 }, (_, i) => marker(String(i), i * 1000));
    const annotations = markerAnnotations(many);
    expect(annotations['marker-0']).toMatchObject({ label: { display: false, content: `${many[0]?.date}: m0 happened` } });
  });

  it('summarises what the chart received', () => {
    expect(JSON.parse(markerSummary([marker('a', 0, 'x')]))).toEqual([{ date: '1970-01-01', kind: 'dose-change', label: 'x' }]);
  });
});

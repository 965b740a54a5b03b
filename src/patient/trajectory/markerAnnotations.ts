/**
 * Event markers (medication changes, enrollment) as chartjs-plugin-annotation vertical lines.
 * With a few markers each line carries its label, above the plot so it never covers a point; with
 * many, labels would pile up, so they show on hover only. Either way the Treatment section lists the same events as a table.
 */
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { EventMarker, MarkerKind } from './chartModel';

export const MARKER_STYLE: Readonly<Record<MarkerKind, { color: string; dash: number[] }>> = {
  start: { color: '#6a1b9a', dash: [] },
  'dose-change': { color: '#c75000', dash: [] },
  switch: { color: '#ad1457', dash: [] },
  augmentation: { color: '#00695c', dash: [] },
  stop: { color: '#616161', dash: [4, 3] },
  enrollment: { color: '#37474f', dash: [1, 2] },
  discharge: { color: '#37474f', dash: [1, 2] },
};

/** Height of one row of marker labels above the plot. */
const MARKER_ROW = 15;
/** Room above the plot for the marker labels: one row, or two when they alternate. */
export function markerStrip(count: number): number {
  return MARKER_ROW * Math.min(2, count) + 4;
}

/** Above this many visible markers, labels appear on hover only. */
export const ALWAYS_LABELLED_MAX = 6;

export function markerAnnotations(markers: readonly EventMarker[]): Record<string, AnnotationOptions> {
  const labelled = markers.length <= ALWAYS_LABELLED_MAX;
  const annotations: Record<string, AnnotationOptions> = {};
  markers.forEach((marker, i) => {
    const style = MARKER_STYLE[marker.kind];
    annotations[`marker-${marker.id}`] = {
      type: 'line',
      scaleID: 'x',
      value: marker.x,
      borderColor: style.color,
      borderWidth: 1.5,
      borderDash: style.dash,
      label: {
        display: labelled,
        content: labelled ? marker.label : `${marker.date}: ${marker.description}`,
        position: 'start',
        // In the strip above the plot (markerStrip), never over the points; two rows,
        // alternating, so labels of changes a few weeks apart do not cover each other.
        yAdjust: -(MARKER_ROW * (1 + (i % 2))),
        backgroundColor: 'rgba(255,255,255,0.92)',
        color: style.color,
        font: { size: 10 },
        padding: 2,
      },
      enter({ element }) {
        if (!element.label) return false;
        element.label.options.display = true;
        return true;
      },
      leave({ element }) {
        if (!element.label || labelled) return false;
        element.label.options.display = false;
        return true;
      },
    };
  });
  return annotations;
}

/** What the chart received, for tests and support: date, kind and label of each marker. */
export function markerSummary(markers: readonly EventMarker[]): string {
  return JSON.stringify(markers.map((m) => ({ date: m.date, kind: m.kind, label: m.label })));
}

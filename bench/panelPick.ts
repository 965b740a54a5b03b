/**
 * Which patients the launch is timed for: a typical one (the median number of score records
 * among patients who have any; not a ten-year history) and the panel's ten-year history.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { Panel } from '../sandbox/panel/index.ts';

export interface PickedPatient {
  label: 'typical' | '10-year';
  id: string;
  /** Observations + QuestionnaireResponses of the patient in the panel. */
  scoreRecords: number;
}

function subjectId(resource: Resource): string | undefined {
  const ref = (resource as { subject?: { reference?: string } }).subject?.reference;
  return ref?.startsWith('Patient/') ? ref.slice('Patient/'.length) : undefined;
}

export function pickPatients(panel: Panel): PickedPatient[] {
  const counts = new Map<string, number>();
  for (const r of panel.resources) {
    if (r.resourceType !== 'Observation' && r.resourceType !== 'QuestionnaireResponse') continue;
    const id = subjectId(r);
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const long = panel.summary.longHistoryPatients[0];
  if (!long) throw new Error('the synthetic panel has no ten-year history');
  // Ties broken by id so the same panel always gives the same patient.
  const candidates = [...counts].filter(([id]) => !panel.summary.longHistoryPatients.includes(id)).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const typical = candidates[Math.floor(candidates.length / 2)];
  if (!typical) throw new Error('the synthetic panel has no patient with scores besides the ten-year histories');
  return [
    { label: 'typical', id: typical[0], scoreRecords: typical[1] },
    { label: '10-year', id: long, scoreRecords: counts.get(long) ?? 0 },
  ];
}

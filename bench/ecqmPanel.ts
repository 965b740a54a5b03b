/**
 * Visits for the eCQM bench: the synthetic panel has scores but no Encounters, and CMS2 and
 * CMS159 start from a visit. Each PHQ-9 total in the measurement period gets a finished office
 * visit the same day (SNOMED CT 108221006, in CMS2's "Encounter to Screen for Depression"), so
 * the populations are not empty and the engine does the work a clinic's data would make it do.
 */
import type { Encounter, Observation, Resource } from '@medplum/fhirtypes';

export function withVisits(resources: readonly Resource[], period: { start: string; end: string }): Resource[] {
  const visits: Encounter[] = [];
  for (const r of resources) {
    if (r.resourceType !== 'Observation') continue;
    const obs = r as Observation;
    const day = (obs.effectiveDateTime ?? '').slice(0, 10);
    if (!obs.subject?.reference || !obs.code.coding?.some((c) => c.code === '44261-6') || day < period.start || day > period.end) continue;
    visits.push({
      resourceType: 'Encounter',
      id: `visit-${obs.id ?? visits.length}`,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      type: [{ coding: [{ system: 'http://snomed.info/sct', code: '108221006' }] }],
      subject: { reference: obs.subject.reference },
      period: { start: `${day}T09:00:00Z`, end: `${day}T09:30:00Z` },
    });
  }
  return [...resources, ...visits];
}

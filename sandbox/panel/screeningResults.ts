/**
 * The CMS2 screening result Observation for the panel's depression screens, built by the
 * app's own screening write (`buildScreeningResultObservation`: LOINC 73832-8 adult or
 * 73831-0 adolescent, SNOMED CT positive or negative finding, status final, category survey,
 * derived from the total), for the screens the clinic would have run through the registry:
 * each PHQ-2 at a primary care visit, and the PHQ-9 at the visit that led to the referral
 * (the patient's first PHQ-9 total). Under 12 there is none (CMS2 does not count them), as in
 * the app. Deterministic: built from the screens alone, no random draws, so the rest of the
 * panel stays as it was for its seed.
 */
import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { buildScreeningResultObservation } from '../../src/clinical/records/screeningResult.ts';
import type { InstrumentId } from '../../src/clinical/instruments/types.ts';

const PHQ2_TOTAL = '55758-7';
/**
 * The panel's own identifier system, not the registry's: these results stand for the clinic's
 * past screens, and tests tell what the app itself wrote by the registry's system (`panel-`
 * values get each clinic's prefix in the generated population, as other panel identifiers do).
 */
const PANEL_SCREENING_SYSTEM = 'http://sandbox.cocm.example/screening-result';
const PHQ9_TOTAL = '44261-6';

/** Item answers (0-3 each) that add up to the total: the result depends on the total only. */
function itemsFor(total: number, items: number): number[] {
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

/** Minutes east of UTC in a FHIR dateTime's offset (`-05:00` is -300). */
function offsetMinutes(dateTime: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(dateTime);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function totalOf(o: Observation): number | undefined {
  const v = o.valueInteger ?? o.valueQuantity?.value;
  return typeof v === 'number' ? v : undefined;
}

function resultFor(screen: Observation, instrument: InstrumentId, birthDate: string | undefined): Observation | undefined {
  const total = totalOf(screen);
  const when = screen.effectiveDateTime;
  const patientId = screen.subject?.reference?.split('/')[1];
  if (total === undefined || !when || !patientId || !screen.id) return undefined;
  const built = buildScreeningResultObservation(
    {
      screeningId: `panel-${screen.id}`,
      patientId,
      ...(screen.encounter?.reference?.startsWith('Encounter/') ? { encounterId: screen.encounter.reference.slice('Encounter/'.length) } : {}),
      ...(screen.performer?.[0]?.reference ? { author: screen.performer[0].reference } : {}),
      ...(birthDate ? { patientBirthDate: birthDate } : {}),
      administered: [{ instrument, scores: itemsFor(total, instrument === 'phq9' ? 9 : 2) }],
    },
    { now: new Date(when), utcOffsetMinutes: offsetMinutes(when) },
    [`Observation/${screen.id}`],
  );
  // The screen's own time, as written (the builder writes the same instant).
  return (
    built && {
      ...built,
      id: `${screen.id}-result`,
      identifier: [{ system: PANEL_SCREENING_SYSTEM, value: `panel-${screen.id}-result` }],
      effectiveDateTime: when,
      issued: new Date(when).toISOString(),
    }
  );
}

export function screeningResults(resources: readonly Resource[]): Observation[] {
  const births = new Map(resources.filter((r): r is Patient => r.resourceType === 'Patient').map((p) => [p.id, p.birthDate]));
  const firstPhq9 = new Map<string, Observation>();
  const out: Observation[] = [];
  for (const r of resources) {
    if (r.resourceType !== 'Observation' || r.status !== 'final' || !r.subject?.reference) continue;
    const code = r.code.coding?.find((c) => c.system === 'http://loinc.org')?.code;
    if (code === PHQ2_TOTAL) {
      const result = resultFor(r, 'phq2', births.get(r.subject.reference.split('/')[1]));
      if (result) out.push(result);
    } else if (code === PHQ9_TOTAL && r.effectiveDateTime) {
      const seen = firstPhq9.get(r.subject.reference);
      if (!seen || Date.parse(r.effectiveDateTime) < Date.parse(seen.effectiveDateTime!)) firstPhq9.set(r.subject.reference, r);
    }
  }
  for (const [subject, phq9] of firstPhq9) {
    const result = resultFor(phq9, 'phq9', births.get(subject.split('/')[1]));
    if (result) out.push(result);
  }
  return out;
}

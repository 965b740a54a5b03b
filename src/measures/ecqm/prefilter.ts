/**
 * An exact prefilter: a cheap test that says a patient *cannot* be in a measure's initial
 * population, so the engine need not run for them (every other population of CMS159 and CMS2
 * lies inside the initial population, so such a patient is in none). Most of a health
 * system's patients have no depression and no PHQ-9 over 9, and the engine costs 7 to 40 ms a
 * patient; the test costs microseconds.
 *
 * Each test is a *necessary* condition of the measure's "Initial Population" define, read off
 * its CQL (quoted beside each rule): a patient passes unless a resource-by-resource check
 * proves that no resource could satisfy it. Codes come from the vendored package only: the
 * value sets are named as the measure's ELM names them and resolved there to the package's
 * expansion, and the code path of each retrieve is the one the measure's data requirements
 * give; a name the package does not have stops the run (a new package version must be looked
 * at, not silently filtered). Anything the test cannot read (no status, a code path the data
 * requirements do not give, a partial date, no period) counts as "could qualify": the test
 * may keep too many, never too few. Dates are compared as days with two days to spare on each
 * side, so no time zone can move a resource across a boundary.
 *
 * Proof: prefilter.test.ts runs the engine unfiltered and filtered over all 103 official
 * cases and a generated population and requires the same result for every patient.
 */
import type { Bundle, Encounter, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { addDays, addMonths } from '../../clinical/enrollment/calendar';
import { measureReads, passes, valueSetCodes, type CodeGate } from './dataRequirements';
import type { MeasureId, MeasurementPeriod } from './measures';

/** Days either side of every date boundary (time zones, day-precision rounding). */
const SPARE_DAYS = 2;

/** A range of days, inclusive; either end open. */
interface DayRange {
  from?: string;
  to?: string;
}

/** One kind of resource of which the patient needs at least one for the initial population. */
interface Needed {
  type: 'Observation' | 'Condition' | 'Encounter';
  /** The retrieve's value sets, as the measure's CQL names them (any one will do). */
  valueSets: readonly string[];
  /** The statuses the logic accepts (a resource with another status cannot count). */
  statuses?: readonly string[];
  /** The logic compares `value as Integer > n`: only an integer value above n can count (a Quantity is null as an Integer). */
  valueAbove?: number;
  /** Days the resource's date must fall in (Observation: effective; Encounter: every known end of its period). */
  days?: (period: MeasurementPeriod) => DayRange;
  /** Encounter: which ends of the period must lie in `days` ('end' = the period ends in it; 'both' = it lies inside). */
  periodEnds?: 'end' | 'both';
}

interface MeasureTest {
  /** The patient must be at least this old on the period's start (birthDate) for the initial population. */
  minimumAgeAtStart: number;
  /** Every entry must be met by at least one resource. */
  needed: readonly Needed[];
}

/** CMS159 "Denominator Identification Period": [start - 14 months, start - 2 months). */
const identificationPeriod = (p: MeasurementPeriod): DayRange => ({ from: addMonths(p.start, -14), to: addMonths(p.start, -2) });

const TESTS: Readonly<Record<MeasureId, MeasureTest>> = {
  CMS159: {
    // "Initial Population": AgeInYearsAt(start of "Index Depression Assessment"...) >= 12, and the
    // index assessment lies before the period, so a patient under 12 at its start is out.
    minimumAgeAtStart: 12,
    needed: [
      // "Index Depression Assessment": First("Depression Assessments Greater Than 9" with "Depression Encounter" such that
      // the assessment is during [encounter start - 7 days, encounter end]); the encounter ends in the identification
      // period, so the assessment is on or before that period's end.
      // "Depression Assessments Greater Than 9": [ObservationScreeningAssessment: "PHQ 9 and PHQ 9M Tools"] where value > 9
      // (in the ELM: `As Integer` of FHIRHelpers.ToValue(value)) and status in {final, amended, corrected}
      { type: 'Observation', valueSets: ['PHQ 9 and PHQ 9M Tools'], statuses: ['final', 'amended', 'corrected'], valueAbove: 9, days: (p) => ({ to: identificationPeriod(p).to! }) },
      // "Depression Encounter": [Encounter: "Contact or Office Visit"] with "Depression Diagnoses" ... ends during day of
      // "Denominator Identification Period" and status = 'finished'
      { type: 'Encounter', valueSets: ['Contact or Office Visit'], statuses: ['finished'], days: identificationPeriod, periodEnds: 'end' },
      // "Depression Diagnoses": Conditions in "Major Depression Including Remission" or "Dysthymia"
      { type: 'Condition', valueSets: ['Major Depression Including Remission', 'Dysthymia'] },
    ],
  },
  CMS2: {
    // "Patient Age 12 Years or Older at Start of Measurement Period"
    minimumAgeAtStart: 12,
    needed: [
      // "Qualifying Encounter During Measurement Period": [Encounter: type in "Encounter to Screen for Depression"] union
      // [Encounter: "Physical Therapy Evaluation"] union [Encounter: "Telephone Visits"], period during day of
      // "Measurement Period", status = 'finished'
      {
        type: 'Encounter',
        valueSets: ['Encounter to Screen for Depression', 'Physical Therapy Evaluation', 'Telephone Visits'],
        statuses: ['finished'],
        days: (p) => ({ from: p.start, to: p.end }),
        periodEnds: 'both',
      },
    ],
  },
};

/** A measure's test with its value sets resolved to the package's codes and the data requirements' code paths. */
interface ResolvedNeed extends Needed {
  /** undefined: any resource of the type could be retrieved (no code filter could be judged). */
  gates: CodeGate[] | undefined;
}

export interface Prefilter {
  /** True when the patient's Bundle proves they cannot be in the initial population. */
  excludes(bundle: Bundle, period: MeasurementPeriod): boolean;
}

interface ElmLibrary {
  library: { identifier: { id: string }; valueSets?: { def?: { name: string; id: string }[] } };
}

/** The main library's value set declarations: CQL name to canonical URL. */
function valueSetUrls(measureBundle: Bundle): Map<string, string> {
  const measure = measureBundle.entry?.find((e) => e.resource?.resourceType === 'Measure')?.resource as { library?: string[] } | undefined;
  const main = measure?.library?.[0]?.split('|')[0];
  const library = measureBundle.entry?.map((e) => e.resource).find((r): r is Resource & { url?: string; content?: { contentType?: string; data?: string }[] } => r?.resourceType === 'Library' && (r as { url?: string }).url === main && (r as { content?: unknown[] }).content !== undefined);
  const data = library?.content?.find((c) => c.contentType === 'application/elm+json')?.data;
  if (!data) throw new Error('The measure package has no ELM for its main library.');
  // A loop, not Uint8Array.from with a mapping function: that calls back per byte (megabytes here).
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const elm = JSON.parse(new TextDecoder().decode(bytes)) as ElmLibrary;
  return new Map((elm.library.valueSets?.def ?? []).map((d) => [d.name, d.id]));
}

const cache = new WeakMap<Bundle, Promise<Prefilter>>();

/** The measure's prefilter, built once per measure Bundle. */
export function prefilterFor(measure: MeasureId, measureBundle: Bundle): Promise<Prefilter> {
  let found = cache.get(measureBundle);
  if (!found) {
    found = build(measure, measureBundle);
    cache.set(measureBundle, found);
  }
  return found;
}

async function build(measure: MeasureId, measureBundle: Bundle): Promise<Prefilter> {
  const test = TESTS[measure];
  const urls = valueSetUrls(measureBundle);
  const codes = valueSetCodes(measureBundle);
  const reads = await measureReads(measureBundle);
  const needs: ResolvedNeed[] = test.needed.map((need) => {
    const gates: CodeGate[] = [];
    let unjudged = false;
    for (const name of need.valueSets) {
      const url = urls.get(name);
      if (!url || !codes.has(url)) throw new Error(`${measure}: the package has no value set "${name}"; the prefilter must be checked against this version.`);
      // The code path of the measure's own retrieve of this value set; none found: cannot judge.
      const gate = reads.types.get(need.type)?.find((g) => g.valueSet === url);
      if (gate) gates.push(gate);
      else unjudged = true;
    }
    return { ...need, gates: unjudged ? undefined : gates };
  });
  return { excludes: (bundle, period) => excludes(test, needs, bundle, period) };
}

/** yyyy-MM-dd of a FHIR date or dateTime, or undefined when it is not a full date. */
function dayOf(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
}

function outside(day: string | undefined, range: DayRange): boolean {
  if (!day) return false;
  if (range.from && day < addDays(range.from, -SPARE_DAYS)) return true;
  return range.to !== undefined && day > addDays(range.to, SPARE_DAYS);
}

/** False only when the resource is proven unable to meet the need; true when it could. */
function couldMeet(resource: Resource, need: ResolvedNeed, period: MeasurementPeriod): boolean {
  if (resource.resourceType !== need.type) return false;
  if (need.gates && !passes(resource, need.gates)) return false;
  const status = (resource as { status?: unknown }).status;
  if (need.statuses && typeof status === 'string' && !need.statuses.includes(status)) return false;
  if (need.type === 'Observation') {
    const obs = resource as Observation;
    if (need.valueAbove !== undefined && !(typeof obs.valueInteger === 'number' && obs.valueInteger > need.valueAbove)) return false;
    if (need.days && outside(dayOf(obs.effectiveDateTime ?? obs.effectiveInstant ?? obs.effectivePeriod?.start), need.days(period))) return false;
  }
  if (need.type === 'Encounter' && need.days) {
    const enc = resource as Encounter;
    const range = need.days(period);
    if (outside(dayOf(enc.period?.end), range)) return false;
    if (need.periodEnds === 'both' && outside(dayOf(enc.period?.start), range)) return false;
  }
  return true;
}

function excludes(test: MeasureTest, needs: readonly ResolvedNeed[], bundle: Bundle, period: MeasurementPeriod): boolean {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  const patient = resources.find((r): r is Patient => r.resourceType === 'Patient');
  const born = /^\d{4}-\d{2}-\d{2}$/.test(patient?.birthDate ?? '') ? patient!.birthDate! : undefined;
  // Not yet `minimumAgeAtStart` on the period's start: born after that many years before it.
  if (born && born > addDays(addMonths(period.start, -12 * test.minimumAgeAtStart), SPARE_DAYS)) return true;
  return needs.some((need) => !resources.some((r) => couldMeet(r, need, period)));
}

/**
 * The eCQMs as rows of the Program tab's `Program measures` table: the same shape as the
 * program's own measures (cases of the denominator after exclusions and exceptions, each with
 * whether it met the numerator and why; the patients looked at but not counted; those not
 * evaluated), plus the measure's population counts for the drill-down. Pure.
 */
import { measureCells, figuresOf, type ExcludedCase, type MeasureCase, type MeasureCells, type MeasureResult } from '../../../clinical/program';
import type { PatientResult } from '../engine';
import { MEASURE_IDS, MEASURES, type MeasureId } from '../measures';
import { landingOf, summarize, type Landing, type MeasureSummary } from '../summary';
import type { EcqmSnapshot } from './ecqmRun';

export const LANDING_WORDS: Readonly<Record<Landing, string>> = {
  numerator: 'Numerator',
  'denominator-exclusion': 'Denominator exclusion',
  'denominator-exception': 'Denominator exception',
  denominator: 'Denominator, not met',
  'initial-population': 'Initial population only',
  none: 'Not in the measure',
};

export interface EcqmRow {
  readonly result: Omit<MeasureResult, 'id' | 'hasRate'> & { readonly id: MeasureId; readonly hasRate: true };
  readonly cells: MeasureCells;
  /** The measure's populations; undefined while it is still being calculated. */
  readonly populations: MeasureSummary | undefined;
}

/**
 * The engine's statement results in words: where the patient landed, what held, and for a
 * patient in the denominator who did not meet the measure, what did not hold (exclusion
 * criteria among them: not holding is what kept the patient in). The statements are CMS's
 * own define names ("Has Adult Depression Screening").
 */
export function whyText(result: PatientResult): string {
  if (result.error) return `Could not be evaluated: ${result.error}`;
  const landing = landingOf(result.populations);
  const held = result.statements.filter((s) => s.met).map((s) => s.name);
  const notHeld = landing === 'denominator' ? result.statements.filter((s) => !s.met).map((s) => s.name) : [];
  const lead = landing === 'numerator' ? 'Numerator met.' : landing === 'denominator' ? 'Numerator not met.' : `${LANDING_WORDS[landing]}.`;
  return [lead, held.length ? `Held: ${held.join('; ')}.` : '', notHeld.length ? `Did not hold: ${notHeld.join('; ')}.` : ''].filter(Boolean).join(' ');
}

export interface CareTeam {
  careManager: string | undefined;
  pcp: string | undefined;
}

export function ecqmRows(run: EcqmSnapshot, ids: readonly string[], threshold: number, careTeamOf: (id: string) => CareTeam, include: (id: string) => boolean = () => true): EcqmRow[] {
  return MEASURE_IDS.map((id) => {
    const all = run.results[id].filter((r) => include(r.patientId));
    const evaluated = new Set(run.results[id].map((r) => r.patientId));
    const cases: MeasureCase[] = [];
    const excluded: ExcludedCase[] = [];
    const couldNotRead: string[] = [];
    for (const r of all) {
      const landing = landingOf(r.populations);
      if (r.error) couldNotRead.push(r.patientId);
      else if (landing === 'numerator' || landing === 'denominator')
        cases.push({ patientId: r.patientId, unit: LANDING_WORDS[landing], inNumerator: landing === 'numerator', why: whyText(r), ...careTeamOf(r.patientId) });
      else if (landing !== 'none') excluded.push({ patientId: r.patientId, unit: LANDING_WORDS[landing], why: whyText(r) });
    }
    // Patients the run finished without a result (their records could not be read).
    if (run.status === 'done') for (const p of ids) if (!evaluated.has(p) && include(p)) couldNotRead.push(p);
    const result = { id, name: MEASURES[id].title, hasRate: true as const, cases, excluded, couldNotRead };
    const done = run.status === 'done';
    const cells: MeasureCells = done
      ? measureCells(result, figuresOf(cases), threshold)
      : run.status === 'failed'
        ? { numerator: 'could not be calculated', denominator: 'could not be calculated', rate: 'could not be calculated' }
        : { numerator: '…', denominator: '…', rate: 'calculating' };
    return { result, cells, populations: done ? summarize(id, all) : undefined };
  });
}

import type { InstrumentId } from '../instruments/types.ts';
import { compareAdministrations } from '../read/readAdministrations.ts';
import type { Administration } from '../read/types.ts';
import { resolveSettings, type SettingsOverride } from '../settings.ts';
import { dayNumber, toLocalDate } from '../time/fhirDate.ts';

export interface CourseOptions {
  /** The moment "now" (the model reads no clock). */
  readonly now: Date | string;
  /** Start of the current episode of care; absent when the patient is not enrolled. */
  readonly enrollment?: { readonly start: Date | string } | undefined;
  readonly settings?: SettingsOverride;
  /** IANA zone of the clinic, for the local date of `now` and of Date-typed inputs. Default UTC. */
  readonly timeZone?: string;
}

export type Trend = 'improving' | 'worsening' | 'stable' | 'insufficient-data';

export interface CourseSummary {
  readonly instrument: InstrumentId;
  /** The scores the summary counts, oldest first. */
  readonly scores: readonly Administration[];
  readonly baseline: Administration | undefined;
  readonly latest: Administration | undefined;
  /** latest - baseline; percent undefined when the baseline is 0 (no percent of nothing). */
  readonly change: { readonly points: number; readonly percent: number | undefined } | undefined;
  /** Undefined until there is a follow-up score after the baseline. */
  readonly response: boolean | undefined;
  readonly remission: boolean | undefined;
  readonly significantImprovement: boolean | undefined;
  readonly weeksInTreatment: number | undefined;
  readonly notImproving: boolean;
  readonly trend: Trend;
  /** Why a value is missing or unusual, for the screen. */
  readonly notes: readonly string[];
}

/**
 * Baseline, latest and the treat-to-target milestones for one instrument. Counts final
 * complete or prorated scores; preliminary ones only when settings say so.
 */
export function summarizeCourse(administrations: readonly Administration[], instrument: InstrumentId, options: CourseOptions): CourseSummary {
  const settings = resolveSettings(options.settings);
  const timeZone = options.timeZone ?? 'UTC';
  const notes: string[] = [];
  const counted = administrations
    .filter(
      (a) =>
        a.instrument === instrument &&
        a.total !== undefined &&
        a.completeness !== 'incomplete' &&
        (a.status === 'final' || settings.countPreliminaryInCourse) &&
        dayOf(a) !== undefined,
    )
    .sort(compareAdministrations);

  const enrollmentDay = options.enrollment === undefined ? undefined : dayNumber(toLocalDate(options.enrollment.start, timeZone) ?? '');
  if (options.enrollment !== undefined && enrollmentDay === undefined) notes.push('enrollment date could not be read');

  // The current episode starts at enrollment; a score shortly before it is the intake score.
  const episodeStart = enrollmentDay === undefined ? undefined : enrollmentDay - settings.baselineWindowDaysBeforeEnrollment;
  const scores = episodeStart === undefined ? counted : counted.filter((a) => (dayOf(a) ?? -Infinity) >= episodeStart);
  if (episodeStart !== undefined && counted.length > scores.length) {
    notes.push(`${counted.length - scores.length} earlier score(s) belong to a previous period and are not counted`);
  }

  const baseline = scores[0];
  const latest = scores[scores.length - 1];
  const nowDay = dayNumber(toLocalDate(options.now, timeZone) ?? '');
  const startDay = enrollmentDay ?? (baseline ? dayOf(baseline) : undefined);
  const weeksInTreatment = nowDay === undefined || startDay === undefined ? undefined : Math.max(0, Math.floor((nowDay - startDay) / 7));

  let change: CourseSummary['change'];
  let response: boolean | undefined;
  let remission: boolean | undefined;
  let significantImprovement: boolean | undefined;
  const isMeasure = instrument === 'phq9' || instrument === 'gad7';
  if (baseline?.total !== undefined && latest?.total !== undefined && latest !== baseline) {
    const points = latest.total - baseline.total;
    const percent = baseline.total === 0 ? undefined : round1((points / baseline.total) * 100);
    if (baseline.total === 0) notes.push('baseline is 0, so there is no percent change');
    change = { points, percent };
    if (isMeasure) {
      response = percent !== undefined && -percent >= settings.responseDropPercent;
      remission = latest.total < settings.remissionBelow[instrument];
      significantImprovement = response || latest.total < settings.significantImprovementBelow[instrument];
    }
  } else if (baseline && isMeasure) {
    notes.push('only one score in this period: response and remission need a follow-up score');
  }

  const notImproving = isMeasure && weeksInTreatment !== undefined && weeksInTreatment >= settings.notImprovingAfterWeeks && response !== true;

  return {
    instrument,
    scores,
    baseline,
    latest,
    change,
    response,
    remission,
    significantImprovement,
    weeksInTreatment,
    notImproving,
    trend: trendOf(scores, settings.trendMinPointChange),
    notes,
  };
}

/** Direction of the last change: the latest score against the one before it. */
function trendOf(scores: readonly Administration[], minChange: number): Trend {
  const last = scores[scores.length - 1]?.total;
  const previous = scores[scores.length - 2]?.total;
  if (last === undefined || previous === undefined) return 'insufficient-data';
  const delta = last - previous;
  if (delta <= -minChange) return 'improving';
  if (delta >= minChange) return 'worsening';
  return 'stable';
}

function dayOf(a: Administration): number | undefined {
  if (a.localDate !== undefined) return dayNumber(a.localDate);
  return a.instant === undefined ? undefined : Math.floor(a.instant / 86_400_000);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Treat-to-target outcome rows: improved at 70 days, psychiatric review of non-improvers,
 * remission at 6 and 12 months (docs/program-measures.md). Each counts episodes with a
 * baseline PHQ-9 at or above the threshold whose target day falls in the period.
 */
import { baselineOf, dayOf, episodeDay, inPeriod, nearestPhq9 } from './episodeDays.ts';
import type { ProgramMeasureSettings } from './settings.ts';
import type { ExcludedCase, MeasureCase, Period, ProgramEpisode, ProgramPatient, ProgramScore } from './types.ts';

export function episodeUnit(episode: ProgramEpisode): string {
  return `Episode enrolled ${episode.enrolledOn}`;
}

interface Eligible {
  patient: ProgramPatient;
  episode: ProgramEpisode;
  index: number;
  baseline: ProgramScore;
}

/** Episodes whose day `target` is in the period, split into those with a usable baseline and the rest. */
function eligibleEpisodes(
  patients: readonly ProgramPatient[],
  period: Period,
  target: number,
  settings: ProgramMeasureSettings,
): { eligible: Eligible[]; excluded: ExcludedCase[] } {
  const eligible: Eligible[] = [];
  const excluded: ExcludedCase[] = [];
  for (const patient of patients) {
    patient.episodes.forEach((episode, index) => {
      const day = dayOf(episode, target);
      if (!inPeriod(day, period)) return;
      const baseline = baselineOf(patient, index, settings.baselineDaysBeforeEnrollment);
      const unit = episodeUnit(episode);
      if (!baseline) excluded.push({ patientId: patient.id, unit, why: 'no baseline PHQ-9 in the episode' });
      else if (baseline.total < settings.baselineAtLeast)
        excluded.push({ patientId: patient.id, unit, why: `baseline PHQ-9 ${baseline.total} on ${baseline.date} is below ${settings.baselineAtLeast}` });
      else eligible.push({ patient, episode, index, baseline });
    });
  }
  return { eligible, excluded };
}

function caseOf(e: Eligible, inNumerator: boolean, why: string): MeasureCase {
  return { patientId: e.patient.id, unit: episodeUnit(e.episode), inNumerator, why, careManager: e.episode.careManager, pcp: e.episode.pcp };
}

/** Whether an eligible episode improved by its target day, with the words. */
function improvement(e: Eligible, settings: ProgramMeasureSettings): { improved: boolean; why: string } {
  const s = settings;
  const near = nearestPhq9(e.patient, e.index, s.improvedDay, s.improvedWindowFrom, s.improvedWindowTo, e.baseline, s.baselineDaysBeforeEnrollment);
  if (!near) return { improved: false, why: `no PHQ-9 in days ${s.improvedWindowFrom}-${s.improvedWindowTo} (baseline ${e.baseline.total})` };
  const day = episodeDay(e.episode, near.date);
  const half = near.total * 100 <= e.baseline.total * s.improvedAtMostPercentOfBaseline;
  const improved = near.total < s.improvedBelow || half;
  const how =
    near.total < s.improvedBelow
      ? `below ${s.improvedBelow}`
      : half
        ? `at most ${s.improvedAtMostPercentOfBaseline}% of baseline`
        : `not below ${s.improvedBelow} nor at most ${s.improvedAtMostPercentOfBaseline}% of baseline`;
  return { improved, why: `PHQ-9 ${near.total} on ${near.date} (day ${day}) against baseline ${e.baseline.total}: ${how}` };
}

export function improvedAt70(patients: readonly ProgramPatient[], period: Period, settings: ProgramMeasureSettings): { cases: MeasureCase[]; excluded: ExcludedCase[] } {
  const { eligible, excluded } = eligibleEpisodes(patients, period, settings.improvedDay, settings);
  return {
    cases: eligible.map((e) => {
      const r = improvement(e, settings);
      return caseOf(e, r.improved, r.why);
    }),
    excluded,
  };
}

export function reviewOfNonImprovers(patients: readonly ProgramPatient[], period: Period, settings: ProgramMeasureSettings): { cases: MeasureCase[]; excluded: ExcludedCase[] } {
  const { eligible, excluded } = eligibleEpisodes(patients, period, settings.improvedDay, settings);
  const cases: MeasureCase[] = [];
  for (const e of eligible) {
    const r = improvement(e, settings);
    if (r.improved) {
      excluded.push({ patientId: e.patient.id, unit: episodeUnit(e.episode), why: `improved at ${settings.improvedDay} days (${r.why})` });
      continue;
    }
    const review = e.patient.reviews.find((d) => {
      const day = episodeDay(e.episode, d);
      return day >= settings.reviewWindowFrom && day <= settings.reviewWindowTo;
    });
    cases.push(
      caseOf(
        e,
        review !== undefined,
        review
          ? `reviewed on ${review} (day ${episodeDay(e.episode, review)})`
          : `no psychiatric review in days ${settings.reviewWindowFrom}-${settings.reviewWindowTo}; not improved: ${r.why}`,
      ),
    );
  }
  return { cases, excluded };
}

export function remissionAt(
  which: 6 | 12,
  patients: readonly ProgramPatient[],
  period: Period,
  settings: ProgramMeasureSettings,
): { cases: MeasureCase[]; excluded: ExcludedCase[] } {
  const target = which === 6 ? settings.remission6Day : settings.remission12Day;
  const window = which === 6 ? settings.remission6WindowDays : settings.remission12WindowDays;
  const { eligible, excluded } = eligibleEpisodes(patients, period, target, settings);
  const cases = eligible.map((e) => {
    const near = nearestPhq9(e.patient, e.index, target, target - window, target + window, e.baseline, settings.baselineDaysBeforeEnrollment);
    if (!near) return caseOf(e, false, `no PHQ-9 in days ${target - window}-${target + window} (baseline ${e.baseline.total})`);
    const remitted = near.total < settings.remissionBelow;
    return caseOf(
      e,
      remitted,
      `PHQ-9 ${near.total} on ${near.date} (day ${episodeDay(e.episode, near.date)}): ${remitted ? 'in' : 'not in'} remission (below ${settings.remissionBelow})`,
    );
  });
  return { cases, excluded };
}

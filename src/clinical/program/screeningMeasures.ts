/**
 * Screening rate and yield among patients with a primary care visit in the period
 * (docs/program-measures.md): a PHQ-2 or PHQ-9 on the visit's date or up to 14 days before.
 */
import { addDays } from '../enrollment/calendar.ts';
import { inPeriod } from './episodeDays.ts';
import type { ProgramMeasureSettings } from './settings.ts';
import type { MeasureCase, Period, ProgramPatient, ProgramScore } from './types.ts';

const LABEL = { phq2: 'PHQ-2', phq9: 'PHQ-9', gad7: 'GAD-7' } as const;

function teamOf(p: ProgramPatient, date: string) {
  const e = [...p.episodes].reverse().find((x) => x.enrolledOn <= date) ?? p.episodes[p.episodes.length - 1];
  return { careManager: e?.careManager, pcp: e?.pcp ?? p.demographics.generalPractitioner };
}

/** Per patient with a visit: the screens that count for a visit in the period. */
function screensFor(p: ProgramPatient, period: Period, settings: ProgramMeasureSettings): { visit: string; screens: ProgramScore[] } | undefined {
  const visits = p.visits.filter((d) => inPeriod(d, period));
  if (visits.length === 0) return undefined;
  // Each visit's window worked out once, not once per score (this ran for every score of everyone).
  const windows = visits.map((v) => ({ from: addDays(v, -settings.screeningLookbackDays), to: v }));
  const screens = p.scores.filter((s) => (s.instrument === 'phq2' || s.instrument === 'phq9') && windows.some((w) => s.date <= w.to && s.date >= w.from));
  return { visit: visits[0] as string, screens };
}

export function isPositiveScreen(s: ProgramScore, settings: ProgramMeasureSettings): boolean {
  return s.instrument === 'phq2' ? s.total >= settings.phq2PositiveAtLeast : s.instrument === 'phq9' && s.total >= settings.phq9PositiveAtLeast;
}

export function screeningRate(patients: readonly ProgramPatient[], period: Period, settings: ProgramMeasureSettings): MeasureCase[] {
  const out: MeasureCase[] = [];
  for (const p of patients) {
    const found = screensFor(p, period, settings);
    if (!found) continue;
    const first = found.screens[0];
    out.push({
      patientId: p.id,
      unit: 'Patient',
      inNumerator: first !== undefined,
      why: first ? `${LABEL[first.instrument]} on ${first.date}` : `visit on ${found.visit}, no PHQ-2 or PHQ-9 on a visit day or the ${settings.screeningLookbackDays} days before`,
      ...teamOf(p, found.visit),
    });
  }
  return out;
}

export function screeningYield(patients: readonly ProgramPatient[], period: Period, settings: ProgramMeasureSettings): MeasureCase[] {
  const out: MeasureCase[] = [];
  for (const p of patients) {
    const found = screensFor(p, period, settings);
    const first = found?.screens[0];
    if (!found || !first) continue;
    const positive = found.screens.find((s) => isPositiveScreen(s, settings));
    const shown = positive ?? first;
    out.push({
      patientId: p.id,
      unit: 'Patient',
      inNumerator: positive !== undefined,
      why: `${LABEL[shown.instrument]} ${shown.total} on ${shown.date}: ${positive ? 'positive' : 'negative'}`,
      ...teamOf(p, shown.date),
    });
  }
  return out;
}

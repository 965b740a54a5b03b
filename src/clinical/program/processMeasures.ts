/**
 * Process rows: active caseload, monthly contact rate, three or more contacts, first
 * follow-up within 4 weeks (docs/program-measures.md).
 */
import { addDays } from '../enrollment/calendar.ts';
import { addMonthsToYearMonth } from '../billing/months.ts';
import { enrolledOn, episodeDay, inPeriod } from './episodeDays.ts';
import { episodeUnit } from './outcomeMeasures.ts';
import type { ProgramMeasureSettings } from './settings.ts';
import type { MeasureCase, Period, ProgramEpisode, ProgramPatient } from './types.ts';

function caseOf(patient: ProgramPatient, episode: ProgramEpisode | undefined, unit: string, inNumerator: boolean, why: string): MeasureCase {
  return { patientId: patient.id, unit, inNumerator, why, careManager: episode?.careManager, pcp: episode?.pcp };
}

/** Patients enrolled on the period's last day (active treatment or relapse prevention). */
export function activeCaseload(patients: readonly ProgramPatient[], period: Period): MeasureCase[] {
  const out: MeasureCase[] = [];
  for (const p of patients) {
    const episode = p.episodes.find((e) => enrolledOn(e, period.end));
    if (episode) out.push(caseOf(p, episode, 'Patient', true, `enrolled since ${episode.enrolledOn}`));
  }
  return out;
}

/** The calendar months (yyyy-MM) a period touches, oldest first. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  for (let m = period.start.slice(0, 7); m <= period.end.slice(0, 7); m = addMonthsToYearMonth(m, 1)) out.push(m);
  return out;
}

function lastDayOfMonth(month: string): string {
  return addDays(`${addMonthsToYearMonth(month, 1)}-01`, -1);
}

/** Whether an episode was enrolled on at least one day of [from, to]. */
function enrolledDuring(e: ProgramEpisode, from: string, to: string): boolean {
  return e.enrolledOn <= to && (e.end === undefined || e.end >= from);
}

export function monthlyContact(patients: readonly ProgramPatient[], period: Period): MeasureCase[] {
  const out: MeasureCase[] = [];
  for (const month of monthsOf(period)) {
    const from = `${month}-01` < period.start ? period.start : `${month}-01`;
    const last = lastDayOfMonth(month);
    const to = last > period.end ? period.end : last;
    for (const p of patients) {
      const episode = [...p.episodes].reverse().find((e) => enrolledDuring(e, from, to));
      if (!episode) continue;
      const contact = p.contacts.find((c) => c.date.startsWith(month));
      const scale = p.scores.find((s) => (s.instrument === 'phq9' || s.instrument === 'gad7') && s.date.startsWith(month));
      const why =
        contact && scale
          ? `contact on ${contact.date}, ${scale.instrument === 'phq9' ? 'PHQ-9' : 'GAD-7'} on ${scale.date}`
          : contact
            ? `contact on ${contact.date} but no PHQ-9 or GAD-7 in ${month}`
            : scale
              ? `no completed contact in ${month}`
              : `no completed contact and no PHQ-9 or GAD-7 in ${month}`;
      out.push(caseOf(p, episode, month, contact !== undefined && scale !== undefined, why));
    }
  }
  return out;
}

export function threeContacts(patients: readonly ProgramPatient[], period: Period, settings: ProgramMeasureSettings): MeasureCase[] {
  const out: MeasureCase[] = [];
  for (const p of patients) {
    for (const e of p.episodes) {
      if (!inPeriod(e.enrolledOn, period)) continue;
      const n = p.contacts.filter((c) => {
        const day = episodeDay(e, c.date);
        return day >= 0 && day <= settings.contactsWithinDays;
      }).length;
      out.push(caseOf(p, e, episodeUnit(e), n >= settings.contactsCount, `${n} completed contact${n === 1 ? '' : 's'} in the first ${settings.contactsWithinDays} days`));
    }
  }
  return out;
}

export function firstFollowUp(
  patients: readonly ProgramPatient[],
  period: Period,
  settings: ProgramMeasureSettings,
): { cases: MeasureCase[]; excluded: { patientId: string; unit: string; why: string }[] } {
  const cases: MeasureCase[] = [];
  const excluded: { patientId: string; unit: string; why: string }[] = [];
  for (const p of patients) {
    p.episodes.forEach((e, i) => {
      if (!inPeriod(e.enrolledOn, period)) return;
      // The initial assessment may come at the referral, shortly before the enrollment date.
      const next = p.episodes[i + 1];
      const ia = p.contacts.find(
        (c) =>
          c.type === 'initial-assessment' &&
          episodeDay(e, c.date) >= -settings.baselineDaysBeforeEnrollment &&
          (e.end === undefined || c.date <= e.end) &&
          (!next || c.date < next.enrolledOn),
      );
      if (!ia) {
        excluded.push({ patientId: p.id, unit: episodeUnit(e), why: 'no initial assessment contact recorded' });
        return;
      }
      const due = addDays(ia.date, settings.firstFollowUpDays);
      const follow = p.contacts.find((c) => c.type === 'follow-up' && c.instant > ia.instant && c.date <= due);
      cases.push(
        caseOf(
          p,
          e,
          episodeUnit(e),
          follow !== undefined,
          follow ? `initial assessment ${ia.date}, follow-up ${follow.date}` : `initial assessment ${ia.date}, no follow-up by ${due}`,
        ),
      );
    });
  }
  return { cases, excluded };
}

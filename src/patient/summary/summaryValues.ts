/** The words of the treat-to-target summary, from the clinical course. */
import { type ClinicalSettings, type CourseSummary, getInstrument } from '../../clinical';

export interface SummaryValue {
  label: 'Latest' | 'Since previous' | 'Baseline' | 'Change from baseline' | 'Response' | 'Remission' | 'Weeks in treatment';
  /** Worse since the previous score: the view marks it. */
  warn?: boolean;
  value: string;
}

function scoreOn(a: CourseSummary['baseline']): string {
  if (!a || a.total === undefined) return 'No score yet';
  return `${a.total} on ${a.localDate ?? 'an unrecorded date'}${a.severity ? ` (${a.severity.label.toLowerCase()})` : ''}`;
}

function yesNo(value: boolean | undefined, yes: string): string {
  if (value === undefined) return 'Not yet known: needs a follow-up score';
  return value ? `Yes (${yes})` : 'Not yet';
}

/**
 * The direction since the score before the latest: "Worse since 2026-10-12 (+6)" when it rose
 * by at least the trend setting (`trendMinPointChange`, default 5), so a response reached
 * earlier never hides a relapse.
 */
function sincePrevious(course: CourseSummary): SummaryValue {
  const scores = course.scores;
  const latest = scores[scores.length - 1];
  const previous = scores[scores.length - 2];
  if (!latest || !previous || latest.total === undefined || previous.total === undefined) return { label: 'Since previous', value: 'No earlier score to compare' };
  const delta = latest.total - previous.total;
  const on = previous.localDate ?? 'the previous score';
  const points = `${delta > 0 ? '+' : ''}${delta} ${Math.abs(delta) === 1 ? 'point' : 'points'}`;
  if (course.trend === 'worsening') return { label: 'Since previous', value: `Worse since ${on} (${points})`, warn: true };
  if (course.trend === 'improving') return { label: 'Since previous', value: `Better since ${on} (${points})` };
  return { label: 'Since previous', value: `About the same since ${on} (${points})` };
}

export function summaryValues(course: CourseSummary, enrolled: boolean, settings: ClinicalSettings): SummaryValue[] {
  const responseDrop = settings.responseDropPercent;
  const remissionBelow = course.instrument === 'phq9' || course.instrument === 'gad7' ? settings.remissionBelow[course.instrument] : undefined;
  const change = course.change;
  let changeText = 'No follow-up score yet';
  if (change) {
    const sign = change.points > 0 ? '+' : '';
    changeText = `${sign}${change.points} points${change.percent !== undefined ? ` (${sign}${change.percent}%)` : ' (baseline 0: no percent)'}`;
  }
  let weeks = 'Not started';
  if (course.weeksInTreatment !== undefined) weeks = enrolled ? String(course.weeksInTreatment) : `${course.weeksInTreatment} (since the first score on record; not enrolled)`;
  return [
    { label: 'Latest', value: scoreOn(course.latest) },
    sincePrevious(course),
    { label: 'Baseline', value: scoreOn(course.baseline) },
    { label: 'Change from baseline', value: changeText },
    { label: 'Response', value: yesNo(course.response, `at least ${responseDrop}% below baseline`) },
    { label: 'Remission', value: yesNo(course.remission, `${getInstrument(course.instrument).name} below ${remissionBelow ?? ''}`.trim()) },
    { label: 'Weeks in treatment', value: weeks },
  ];
}

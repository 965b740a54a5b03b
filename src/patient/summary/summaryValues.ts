/** The words of the treat-to-target summary, from the clinical course. */
import { type ClinicalSettings, type CourseSummary, getInstrument } from '../../clinical';

export interface SummaryValue {
  label: 'Baseline' | 'Latest' | 'Change from baseline' | 'Response' | 'Remission' | 'Weeks in treatment';
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
    { label: 'Baseline', value: scoreOn(course.baseline) },
    { label: 'Latest', value: scoreOn(course.latest) },
    { label: 'Change from baseline', value: changeText },
    { label: 'Response', value: yesNo(course.response, `at least ${responseDrop}% below baseline`) },
    { label: 'Remission', value: yesNo(course.remission, `${getInstrument(course.instrument).name} below ${remissionBelow ?? ''}`.trim()) },
    { label: 'Weeks in treatment', value: weeks },
  ];
}

/**
 * The questionnaires a patient already sent on a day (from the patient app): so the app
 * offers to show them instead of asking again, and so a second copy is never sent by mistake.
 */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';
import { reportSourceOfResponse } from './reportSource.ts';

export interface SentAnswer {
  readonly question: string;
  readonly answer: string;
}

export interface SentReport {
  readonly instrument: InstrumentId;
  readonly name: string;
  /** As written in the record (the patient's local time). */
  readonly authored: string;
  readonly answers: readonly SentAnswer[];
}

function instrumentOf(canonical: string | undefined): InstrumentId | undefined {
  const base = (canonical ?? '').split('|')[0] ?? '';
  return Object.values(INSTRUMENTS).find((d) => d.canonical === base || d.knownCanonicals.includes(base))?.id;
}

/** Completed forms the patient sent on `localDate` (yyyy-MM-dd, the date as written). */
export function reportsSentOn(responses: readonly QuestionnaireResponse[], patientId: string, localDate: string): SentReport[] {
  const reports: SentReport[] = [];
  for (const qr of responses) {
    if (qr.status !== 'completed' || reportSourceOfResponse(qr) !== 'patient') continue;
    if (qr.author?.reference?.replace(/^.*\/Patient\//, 'Patient/') !== `Patient/${patientId}`) continue;
    if (!qr.authored?.startsWith(localDate)) continue;
    const instrument = instrumentOf(qr.questionnaire);
    if (!instrument) continue;
    const definition = INSTRUMENTS[instrument];
    const answers: SentAnswer[] = [];
    for (const item of definition.items) {
      const answered = (qr.item ?? []).find((i) => i.linkId === item.loinc);
      const coding = answered?.answer?.[0]?.valueCoding;
      const display = coding ? (definition.answers.find((a) => a.code === coding.code)?.display ?? coding.display) : undefined;
      answers.push({ question: item.text, answer: display ?? 'Not answered' });
    }
    reports.push({ instrument, name: definition.name, authored: qr.authored, answers });
  }
  return reports.sort((a, b) => a.authored.localeCompare(b.authored));
}

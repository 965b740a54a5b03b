/**
 * The correctness gate of the clinical model's performance work: every administration, course
 * summary and safety finding of a seeded panel, as JSON, so a faster model can be shown to
 * give byte-identical output. Besides the panel as generated, some patients' records are
 * perturbed the way real feeds are (reversed order, a repeated page, unanswered items, items
 * recorded as loose Observations, odd dates), to reach the reader's less common paths.
 *
 *   npx tsx bench/modelSnapshot.ts SEED PATIENTS [settings-json] > out.json
 */
import type { Observation, Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { generatePanel, Rng } from '../sandbox/panel/index.ts';
import { findSafetyFindings, readAdministrations, summarizeCourse } from '../src/clinical/index.ts';
import type { SettingsOverride } from '../src/clinical/settings.ts';
import { recordsByPatient } from './model.ts';

const NOW = new Date('2026-12-01T15:30:00Z');

interface Records {
  observations: Observation[];
  questionnaireResponses: QuestionnaireResponse[];
}

function dropAnswers(items: QuestionnaireResponseItem[] | undefined, rng: Rng, share: number): void {
  for (const item of items ?? []) {
    if (item.answer && rng.chance(share)) delete item.answer;
    dropAnswers(item.item, rng, share);
  }
}

/** A deterministic variation of one patient's records (copies; the panel stays as it was). */
function perturb(input: Records, rng: Rng): Records {
  const observations = structuredClone(input.observations);
  const questionnaireResponses = structuredClone(input.questionnaireResponses);
  const kind = rng.int(0, 5);
  if (kind === 0) {
    observations.reverse();
    questionnaireResponses.reverse();
  } else if (kind === 1) {
    // A repeated page, and an older version of one record beside the newer.
    observations.push(...observations.slice(0, 5).map((o) => structuredClone(o)));
    const first = questionnaireResponses[0];
    if (first) questionnaireResponses.push({ ...structuredClone(first), meta: { versionId: '0' } });
  } else if (kind === 2) {
    for (const qr of questionnaireResponses) dropAnswers(qr.item, rng, 0.2);
  } else if (kind === 3) {
    // Totals without their panels, items as loose Observations, some without ids or dates.
    for (const o of observations) {
      if (rng.chance(0.5)) delete o.derivedFrom;
      if (rng.chance(0.1)) delete o.id;
      if (rng.chance(0.1)) o.effectiveDateTime = o.effectiveDateTime?.slice(0, 7);
      if (rng.chance(0.05)) o.status = 'preliminary';
    }
  } else if (kind === 4) {
    for (const qr of questionnaireResponses) {
      if (rng.chance(0.2)) qr.status = 'in-progress';
      if (rng.chance(0.1)) delete qr.authored;
      if (rng.chance(0.1)) qr.authored = qr.authored?.replace('T', 'X');
    }
  } else if (kind === 5) {
    // Forms lost: item Observations stand alone or join a total of the same day.
    const kept = questionnaireResponses.filter(() => rng.chance(0.4));
    for (const o of observations) {
      if (rng.chance(0.2) && o.effectiveDateTime) o.effectiveDateTime = o.effectiveDateTime.replace(/T\d{2}/, 'T23');
      if (rng.chance(0.1)) o.effectiveDateTime = o.effectiveDateTime?.slice(0, 10);
    }
    return { observations, questionnaireResponses: kept };
  }
  return { observations, questionnaireResponses };
}

export function modelSnapshot(seed: string, patients: number, settings?: SettingsOverride): unknown[] {
  const panel = generatePanel({ patients, seed, now: new Date('2026-12-01T00:00:00Z') });
  const { inputs, questionnaires } = recordsByPatient(panel.resources);
  const local: Questionnaire[] = questionnaires;
  const rng = new Rng(`${seed}-perturb`);
  const out: unknown[] = [];
  inputs.forEach((input, i) => {
    const variants = [input, ...(i % 2 === 0 ? [perturb(input, rng)] : [])];
    for (const records of variants) {
      const read = readAdministrations({ ...records, questionnaires: local }, { settings });
      const firstDay = read.administrations.find((a) => a.localDate)?.localDate;
      const enrollment = i % 3 === 0 && firstDay ? { start: `${firstDay}T09:00:00-05:00` } : undefined;
      const timeZone = i % 4 === 0 ? 'America/Chicago' : undefined;
      const courses = (['phq9', 'gad7', 'phq2', 'gad2'] as const).map((instrument) =>
        summarizeCourse(read.administrations, instrument, { now: NOW, enrollment, settings, timeZone }),
      );
      const safety = findSafetyFindings(read.administrations, { now: i % 5 === 0 ? '2026-11-30' : NOW, timeZone });
      out.push({ read, courses, safety });
    }
  });
  return out;
}

if (process.argv[1]?.endsWith('modelSnapshot.ts')) {
  const [seed = 'snapshot', patients = '300', settings] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(modelSnapshot(seed, Number(patients), settings ? (JSON.parse(settings) as SettingsOverride) : undefined)));
  process.stdout.write('\n');
}

/**
 * What will be written where, what will not, and what to do instead: shown at the start of
 * a screening (over every record a screening might produce) and again at review (over what
 * this one produces). Pure: the verdicts come in as a function.
 */
import type { RecordSpec } from '../../clinical/records';
import type { WriteVerdict } from '../../fhir/capabilities';

export interface PlannedRecord {
  spec: RecordSpec;
  verdict: WriteVerdict;
}

export interface WritePlan {
  records: PlannedRecord[];
  /** Allowed, or not known yet: the save tries these and learns. */
  willTry: PlannedRecord[];
  /** Refused by the sign-in, the CapabilityStatement or an earlier write. */
  wontSave: PlannedRecord[];
  /** The next-best targets, in plain words, most important first. */
  instead: string[];
  /** Nothing can be written: the note text is the only record. */
  noteOnly: boolean;
  /** Still waiting for the CapabilityStatement. */
  checking: boolean;
}

function blocked(p: PlannedRecord): boolean {
  return p.verdict.status === 'not-allowed';
}

export function planWrites(specs: readonly RecordSpec[], verdictOf: (spec: RecordSpec) => WriteVerdict): WritePlan {
  const records = specs.map((spec) => ({ spec, verdict: verdictOf(spec) }));
  const willTry = records.filter((p) => !blocked(p));
  const wontSave = records.filter(blocked);
  const checking = records.some((p) => p.verdict.status === 'unknown' && /still checking/.test(p.verdict.reason));
  const forms = records.filter((p) => p.spec.kind === 'form');
  const scores = records.filter((p) => p.spec.kind === 'score');
  const flag = records.find((p) => p.spec.kind === 'flag');
  const result = records.find((p) => p.spec.kind === 'result');
  const noteOnly = records.length > 0 && willTry.length === 0;
  const instead: string[] = [];

  if (flag && blocked(flag)) {
    instead.push('A positive answer to item 9 cannot be flagged in the EHR by the app: set a suicide-risk flag in the EHR by hand. The note text names the finding.');
  }
  if (noteOnly) {
    instead.push('This EHR takes nothing from the app here: copy the note text into the visit note.');
  } else {
    const formsBlocked = forms.length > 0 && forms.every(blocked);
    const someFormsBlocked = forms.some(blocked);
    const scoresBlocked = scores.filter(blocked);
    if (formsBlocked && scores.some((p) => !blocked(p))) {
      instead.push('The item-by-item answers cannot be saved as a form: the total scores are saved as results, and the answers go in the note text.');
    } else if (someFormsBlocked) {
      const names = forms.filter(blocked).map((p) => p.spec.label);
      instead.push(`Not saved as a form: ${names.join(', ')}. Those answers go in the note text.`);
    }
    if (scoresBlocked.length > 0) {
      const names = scoresBlocked.map((p) => p.spec.label).join(', ');
      const formSaved = forms.some((p) => !blocked(p));
      instead.push(
        formSaved
          ? `Not saved as separate results: ${names}. The scores stay inside the saved form, where CoCM Registry reads them; paste the note text if your team looks for them in notes.`
          : `Not saved as separate results: ${names}. Copy the note text into the visit note.`,
      );
    }
  }
  if (!noteOnly && result && blocked(result)) {
    instead.push(
      'The screening result that the CMS2 quality measure counts cannot be saved by the app: if your practice reports CMS2, record the depression screening result (positive or negative) in the EHR by hand.',
    );
  }
  return { records, willTry, wontSave, instead, noteOnly, checking };
}

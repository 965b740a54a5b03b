import type { Questionnaire } from '@medplum/fhirtypes';
import type { InstrumentId } from './types.ts';
import gad2 from './questionnaires/gad-2.json' with { type: 'json' };
import gad7 from './questionnaires/gad-7.json' with { type: 'json' };
import phq2 from './questionnaires/phq-2.json' with { type: 'json' };
import phq9 from './questionnaires/phq-9.json' with { type: 'json' };

// The forms the app itself administers. They live as JSON so they can be reviewed, diffed and
// posted to an EHR as they are; questionnaires.test.ts keeps them in step with definitions.ts.
export const QUESTIONNAIRES: Readonly<Record<InstrumentId, Questionnaire>> = {
  phq2: phq2 as Questionnaire,
  phq9: phq9 as Questionnaire,
  gad2: gad2 as Questionnaire,
  gad7: gad7 as Questionnaire,
};

export function questionnaireFor(id: InstrumentId): Questionnaire {
  return QUESTIONNAIRES[id];
}

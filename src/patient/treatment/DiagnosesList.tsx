import Typography from '@mui/material/Typography';
import { CONDITION_SOURCE_WORDS, type DiagnosesResult, type DiagnosisEntry } from '../../clinical';
import { Disclosure } from './Disclosure';
import { type TableRowData, TreatmentTable } from './TreatmentTable';

function statusWords(entry: DiagnosisEntry): string {
  return entry.clinicalStatus ?? 'not stated';
}

function sourceWords(entry: DiagnosisEntry): string {
  const words = entry.sources.filter((s) => s !== 'encounter-diagnosis').map((s) => CONDITION_SOURCE_WORDS[s]);
  if (entry.encounterCount) words.push(`${entry.encounterCount} encounter ${entry.encounterCount === 1 ? 'diagnosis' : 'diagnoses'}`);
  return words.join(', ');
}

function nameCell(entry: DiagnosisEntry) {
  return (
    <>
      {entry.name}
      {entry.problems.length ? (
        <Typography component="span" variant="caption" sx={{ display: 'block' }}>
          {entry.problems.join('; ')}
        </Typography>
      ) : null}
    </>
  );
}

function rows(entries: readonly DiagnosisEntry[], withCategory: boolean): TableRowData[] {
  return entries.map((e) => ({
    key: e.key,
    testId: 'diagnosis-row',
    cells: [nameCell(e), e.codeLabel ?? 'no code', ...(withCategory ? [e.categoryLabel ?? ''] : []), statusWords(e), e.onset ?? 'not recorded', sourceWords(e)],
  }));
}

/** Behavioural health diagnoses with onset and status; every other condition one click away. */
export function DiagnosesList({ diagnoses }: { diagnoses: DiagnosesResult }) {
  return (
    <section aria-labelledby="treatment-diagnoses">
      <Typography id="treatment-diagnoses" component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        Behavioral health diagnoses
      </Typography>
      {diagnoses.behavioral.length ? (
        <TreatmentTable
          caption="Behavioral health diagnoses"
          columns={['Diagnosis', 'Code', 'Category', 'Status', 'Onset', 'Recorded as']}
          rows={rows(diagnoses.behavioral, true)}
        />
      ) : (
        <Typography variant="body2">No behavioral health diagnosis on record.</Typography>
      )}
      <Disclosure label="other conditions" count={diagnoses.other.length}>
        <TreatmentTable caption="Other conditions" columns={['Condition', 'Code', 'Status', 'Onset', 'Recorded as']} rows={rows(diagnoses.other, false)} />
      </Disclosure>
    </section>
  );
}

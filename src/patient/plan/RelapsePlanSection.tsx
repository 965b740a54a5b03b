/**
 * The `Relapse prevention plan` region: written with the patient when they move to relapse
 * prevention (what keeps me well, warning signs, managing stress, who to call and when,
 * appointments), kept as a second CarePlan or, where the EHR takes none, as a plan of care
 * note; printable as one page for the patient, with the crisis lines (988, 911) always on it.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useSession } from '../../app/SessionContext';
import {
  changeNote,
  CRISIS_LINES,
  describeRelapseChanges,
  EMPTY_RELAPSE_PLAN,
  RELAPSE_FIELD_HINT,
  RELAPSE_FIELD_LABEL,
  RELAPSE_FIELDS,
  relapsePlanLines,
  readPlans,
  relapsePlanProblems,
  type RelapsePlanContent,
} from '../../clinical/careplan';
import { fhirDateTime } from '../../clinical/records/time';
import { CARE_PLAN_TARGET, savePlanNote, saveRelapsePlan } from '../../fhir/writes/carePlans';
import { NoteTextBox } from '../../shared/NoteTextBox';
import { usePatientChart } from '../chart/PatientChartProvider';
import { RetryNote } from '../chart/RetryNote';
import { PlanSaveProblem, usePlanConflict } from './PlanConflict';
import { PlanNotes } from './PlanNotes';
import { RelapsePrintSheet } from './RelapsePrintSheet';
import { PlanWriteNotice } from './PlanWriteNotice';
import { PlanHistory } from './TreatmentPlanView';
import { usePlanOutlook } from './usePlanOutlook';
import { usePractitionerName } from './usePractitionerName';

const TARGETS = [CARE_PLAN_TARGET];

export function RelapsePlanSection() {
  const { patientId, chart, refresh } = usePatientChart();
  const session = useSession();
  const outlook = usePlanOutlook(TARGETS);
  const nameOf = usePractitionerName();
  const [draft, setDraft] = useState<RelapsePlanContent | undefined>();
  const [planId] = useState(() => crypto.randomUUID());
  const [noteId, setNoteId] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [notAllowed, setNotAllowed] = useState(false);
  const treatment = chart?.treatment;
  const { base: stored, conflict, meet, keepMine, clear } = usePlanConflict(treatment?.plans.relapse);
  const notes = treatment?.plans.notes.filter((n) => n.kind === 'relapse-prevention') ?? [];
  const unread = treatment?.failedSearches.find((f) => f.what === 'CarePlan');
  const mode = notAllowed || outlook.kind === 'note' ? 'note' : outlook.kind === 'text-only' ? 'text-only' : 'plan';
  const today = chart?.today ?? '';
  const start = stored?.start ?? today;
  // What is printed: the form while writing, else the saved plan.
  const shown = draft ?? stored?.content;
  const patient = chart?.banner.known ? chart.banner.value : undefined;

  async function save(content: RelapsePlanContent) {
    const missing = relapsePlanProblems(content);
    if (missing.length) return setProblem(missing.join(' '));
    setSaving(true);
    setProblem(undefined);
    const now = new Date();
    const when = fhirDateTime(now, -now.getTimezoneOffset());
    const author = session.fhirUser;
    const outcome =
      mode === 'plan'
        ? await saveRelapsePlan(session, {
            planId: stored?.planId ?? planId,
            patientId,
            start,
            content,
            author,
            when,
            change: changeNote(describeRelapseChanges(stored?.content, content)),
            stored,
          })
        : await savePlanNote(session, { noteId, patientId, kind: 'relapse-prevention', text: relapsePlanLines(content, start).join('\n'), author, when });
    setSaving(false);
    if (outcome.status === 'saved') {
      setDraft(undefined);
      clear();
      setNoteId(crypto.randomUUID());
      setSaved(mode === 'plan' ? 'The relapse prevention plan was saved to the chart.' : 'The relapse prevention plan was saved to the chart as a clinical note.');
      return refresh();
    }
    if (outcome.status === 'conflict') {
      const theirs = outcome.theirs ? readPlans({ carePlans: [outcome.theirs], goals: [], documents: [], phq9: undefined, today }).relapse : undefined;
      meet(theirs);
      return setProblem(
        theirs
          ? outcome.reason
          : 'Someone else saved this plan while you were editing it, and their version could not be read. Reload to see it; what you typed stays here until then.',
      );
    }
    if (outcome.status === 'not-allowed' && mode === 'plan') setNotAllowed(true);
    setProblem(`Not saved: ${outcome.reason} What you typed is kept.`);
  }

  return (
    <Paper component="section" aria-labelledby="heading-relapse-plan" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="heading-relapse-plan" component="h2" variant="h6" gutterBottom>
        Relapse prevention plan
      </Typography>
      <PlanWriteNotice outlook={outlook} what="relapse prevention plan" />
      {saved ? (
        <Typography role="status" variant="body2" sx={{ mb: 1 }}>
          {saved}
        </Typography>
      ) : null}
      {!treatment ? (
        <Skeleton variant="rectangular" height={60} aria-label="Loading the relapse prevention plan" />
      ) : unread ? (
        <RetryNote title="The care plans could not be read, so the relapse prevention plan cannot be shown or changed now." reason={unread.reason} />
      ) : draft ? (
        <Box component="form" aria-label="Edit the relapse prevention plan" onSubmit={(e) => (e.preventDefault(), void save(draft))}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 1 }}>
            {RELAPSE_FIELDS.map((f) => (
              <TextField
                key={f}
                multiline
                minRows={2}
                label={RELAPSE_FIELD_LABEL[f]}
                helperText={RELAPSE_FIELD_HINT[f]}
                value={draft[f]}
                onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
              />
            ))}
          </Box>
          <Typography variant="body2" sx={{ mt: 1 }}>
            Always on the plan: {CRISIS_LINES.join(' ')}
          </Typography>
          <PlanSaveProblem
            problem={problem}
            conflict={conflict}
            mine={() => relapsePlanLines(draft, start)}
            linesOf={(theirs) => relapsePlanLines(theirs.content, theirs.start)}
            onKeepMine={() => (keepMine(), setProblem(undefined))}
            nameOf={nameOf}
          />
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button type="submit" variant="contained" disabled={saving || mode === 'text-only' || conflict !== undefined}>
              {saving ? 'Saving…' : mode === 'plan' ? 'Save relapse prevention plan' : 'Save as clinical note'}
            </Button>
            <Button onClick={() => window.print()}>Print for the patient</Button>
            <Button onClick={() => (setDraft(undefined), setProblem(undefined), clear())} disabled={saving}>
              Cancel
            </Button>
          </Stack>
          {mode !== 'plan' ? <NoteTextBox text={relapsePlanLines(draft, start).join('\n')} /> : null}
        </Box>
      ) : (
        <>
          {stored ? (
            <dl data-testid="relapse-plan" style={{ margin: 0 }}>
              {RELAPSE_FIELDS.filter((f) => stored.content[f].trim()).map((f) => (
                <div key={f}>
                  <Typography component="dt" variant="subtitle2">
                    {RELAPSE_FIELD_LABEL[f]}
                  </Typography>
                  <Typography component="dd" variant="body2" sx={{ ml: 2, whiteSpace: 'pre-wrap' }}>
                    {stored.content[f]}
                  </Typography>
                </div>
              ))}
            </dl>
          ) : (
            <Typography variant="body2">
              {chart?.row.phase === 'relapse-prevention'
                ? 'The patient is in relapse prevention and has no relapse prevention plan yet: write it with them.'
                : 'No relapse prevention plan has been written in the app yet.'}
            </Typography>
          )}
          {stored ? <PlanHistory history={stored.history} nameOf={nameOf} /> : null}
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button variant="outlined" size="small" onClick={() => (setSaved(undefined), setDraft(stored?.content ?? { ...EMPTY_RELAPSE_PLAN }))}>
              {stored ? 'Revise the relapse prevention plan' : 'Write the relapse prevention plan'}
            </Button>
            {stored ? (
              <Button size="small" onClick={() => window.print()}>
                Print for the patient
              </Button>
            ) : null}
          </Stack>
        </>
      )}
      <PlanNotes notes={notes} unread={undefined} nameOf={nameOf} />
      {shown ? <RelapsePrintSheet patientName={patient?.name ?? 'Patient'} birthDate={patient?.birthDate} written={start || today} content={shown} /> : null}
    </Paper>
  );
}

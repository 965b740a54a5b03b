/**
 * "Risk assessed": the outcome, the plan, who assessed and when, written to the EHR as far as
 * it allows (src/fhir/writes). Told first when the EHR will not take it; on failure what was
 * typed stays and the note text is offered. Closes once saved.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { isIsoDate, isIsoTime } from '../../clinical';
import { fhirDateTimeInZone, instantOfWallClock, wallClockOf } from '../../clinical/contacts';
import { RISK_OUTCOME_LABEL, RISK_OUTCOMES, type RiskOutcome, type SafetyItem } from '../../clinical/safety/riskAssessment';
import { useRegistryVerdicts } from '../../caseload/data/useRegistryVerdicts';
import type { Session } from '../../fhir/session';
import { recordRiskAssessment, RISK_ASSESSMENT_TARGET } from '../../fhir/writes/registry';
import { IsoDateField, IsoTimeField } from '../../shared/IsoDateField';
import { NoteTextBox } from '../../shared/NoteTextBox';

export interface RiskAssessmentDialogProps {
  session: Session;
  patientId: string;
  item: SafetyItem;
  /** The item's sentence, repeated at the top so the user knows what is being closed. */
  sentence: string;
  timeZone: string;
  onClose: () => void;
  onSaved: () => void;
}

export function RiskAssessmentDialog({ session, patientId, item, sentence, timeZone, onClose, onSaved }: RiskAssessmentDialogProps) {
  const [start] = useState(() => wallClockOf(Date.now(), timeZone));
  const [outcome, setOutcome] = useState<RiskOutcome | ''>('');
  const [plan, setPlan] = useState('');
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const actionId = useMemo(() => crypto.randomUUID(), []);
  const verdicts = useRegistryVerdicts(session);
  const verdict = verdicts.riskAssessment;
  const instant = isIsoDate(date) && isIsoTime(time) ? instantOfWallClock(date, time, timeZone) : undefined;
  // Later today is allowed (the clock moves while the dialog is open); a later day is not.
  const future = isIsoDate(date) && date > start.date;
  const ready = outcome !== '' && plan.trim() !== '' && instant !== undefined && !future;
  const noteText = `Suicide risk assessed ${date} ${time}${session.fhirUser ? ` by ${session.fhirUser}` : ''} after: ${sentence}\nOutcome: ${outcome ? RISK_OUTCOME_LABEL[outcome] : '(not chosen)'}.\nPlan: ${plan.trim()}\nRecorded with CoCM Registry.`;

  async function save() {
    if (!ready || !outcome) return;
    setSaving(true);
    setProblem(undefined);
    const result = await recordRiskAssessment(session, {
      actionId,
      patientId,
      answers: item.answers,
      outcome,
      plan,
      ...(session.fhirUser ? { by: session.fhirUser } : {}),
      when: fhirDateTimeInZone(instant, timeZone),
      now: new Date(),
    }).catch(() => ({ label: RISK_ASSESSMENT_TARGET.label ?? 'risk assessment', saved: false as const, reason: 'the EHR did not answer' }));
    setSaving(false);
    if (result.saved) onSaved();
    else setProblem(result.reason);
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="risk-assessed-title" fullWidth maxWidth="sm">
      <DialogTitle id="risk-assessed-title">Risk assessed</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {sentence}
        </Typography>
        {verdict.status === 'not-allowed' ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {verdict.reason} Copy the note text below into the chart instead; the alert stays until the assessment is in the EHR.
          </Alert>
        ) : null}
        <Stack spacing={2}>
          <FormControl>
            <FormLabel id="risk-outcome-label">Outcome</FormLabel>
            <RadioGroup row aria-labelledby="risk-outcome-label" value={outcome} onChange={(_e, v) => setOutcome(v as RiskOutcome)}>
              {RISK_OUTCOMES.map((o) => (
                <FormControlLabel key={o} value={o} control={<Radio />} label={RISK_OUTCOME_LABEL[o]} />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField
            label="Plan"
            required
            multiline
            minRows={2}
            value={plan}
            onChange={(e) => setPlan(e.target.value)}
            helperText="What was agreed: safety plan, who follows up and when."
          />
          <Stack direction="row" spacing={2}>
            <IsoDateField
              label="Assessed on"
              size="small"
              value={date}
              onChange={setDate}
              error={future}
              helperText={future ? 'The assessment cannot be in the future.' : undefined}
            />
            <IsoTimeField label="At" size="small" value={time} onChange={setTime} />
          </Stack>
          <Typography variant="caption">Assessed by: you, the signed-in user.</Typography>
        </Stack>
        {problem ? (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            Not saved to the EHR: {problem}. What you typed is kept; try again or copy the note text.
          </Alert>
        ) : null}
        {verdict.status === 'not-allowed' || problem ? <NoteTextBox text={noteText} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={save} disabled={saving || !ready || verdict.status === 'not-allowed'}>
          {saving ? 'Saving…' : 'Save assessment'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

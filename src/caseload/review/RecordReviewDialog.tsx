/**
 * Records a psychiatric case review: the context first (scores, medications, the previous
 * recommendation, safety), then a structured recommendation (medication change, psychotherapy,
 * referral, follow-up date) and free text; the reviewer is the signed-in user. Told first when
 * the EHR will not take it; on failure the text stays and the note text is offered, so nothing
 * typed is lost.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { CaseloadRow } from '../../clinical/caseload';
import { hasRecommendation, type RecommendationPlan, reviewNoteText, type ReviewInput } from '../../clinical/enrollment';
import { fhirDateTime } from '../../clinical/records/time';
import { readRegistryRecordsOf } from '../../fhir/reads/registryRecords';
import { useSession } from '../../app/SessionContext';
import { type RecordOutcome, recordReview } from '../../fhir/writes/registry';
import { useRegistryVerdicts } from '../data/useRegistryVerdicts';
import { failedRecords, NotSavedAlert } from '../../shared/NotSavedAlert';
import { NoteTextBox } from '../../shared/NoteTextBox';
import { IsoDateField } from '../../shared/IsoDateField';
import { isIsoDate } from '../../clinical';
import type { QueueMedications } from './queueMedications';
import { ReviewContext } from './ReviewContext';

/** Common choices (AIMS: brief evidence-based interventions); the field also takes free text. */
const PSYCHOTHERAPY_CHOICES = [
  '',
  'Continue current psychotherapy',
  'Start behavioral activation',
  'Start problem-solving treatment',
  'Start cognitive behavioral therapy',
  'Refer for psychotherapy',
];

export interface RecordReviewDialogProps {
  row: CaseloadRow;
  medications: QueueMedications | undefined;
  nameOf: (reference: string | undefined) => string;
  onClose: () => void;
  onSaved: () => void;
}

export function RecordReviewDialog({ row, medications, nameOf, onClose, onSaved }: RecordReviewDialogProps) {
  const session = useSession();
  const [recommendation, setRecommendation] = useState('');
  const [plan, setPlan] = useState<Required<RecommendationPlan>>({ medicationChange: '', psychotherapy: '', referral: '' });
  const [nextReviewDate, setNextReviewDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcomes, setOutcomes] = useState<RecordOutcome[] | undefined>();
  const actionId = useMemo(() => crypto.randomUUID(), []);
  const verdict = useRegistryVerdicts(session).review;
  const patientId = row.id;
  const input = (): ReviewInput => {
    const now = new Date();
    return {
      actionId,
      patientId,
      recommendation,
      plan,
      ...(nextReviewDate ? { nextReviewDate } : {}),
      ...(session.fhirUser ? { reviewer: session.fhirUser } : {}),
      when: fhirDateTime(now, -now.getTimezoneOffset()),
      now,
    };
  };
  const failed = failedRecords(outcomes);
  const part = (key: keyof RecommendationPlan) => ({ value: plan[key], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setPlan((p) => ({ ...p, [key]: e.target.value })) });
  const psychotherapyChoices = PSYCHOTHERAPY_CHOICES.includes(plan.psychotherapy) ? PSYCHOTHERAPY_CHOICES : [...PSYCHOTHERAPY_CHOICES, plan.psychotherapy];

  async function save() {
    setSaving(true);
    try {
      const { flags } = await readRegistryRecordsOf(session.api, patientId).catch(() => ({ flags: [] }));
      const result = await recordReview(session, input(), flags);
      setOutcomes(result);
      if (result.every((o) => o.saved)) onSaved();
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="record-review-title" fullWidth maxWidth="md">
      <DialogTitle id="record-review-title">Record psychiatric review: {row.name}</DialogTitle>
      <DialogContent dividers>
        {verdict.status === 'not-allowed' ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {verdict.reason} Copy the note text below into the chart instead.
          </Alert>
        ) : null}
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
          <Stack sx={{ flex: 1, minWidth: 0 }}>
            <ReviewContext row={row} medications={medications} nameOf={nameOf} />
          </Stack>
          <Stack sx={{ flex: 1, minWidth: 0 }} spacing={2} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Typography component="legend" variant="subtitle2">
              Recommendation to the PCP
            </Typography>
            <TextField label="Medication change" placeholder="e.g. Increase sertraline to 150 mg" fullWidth size="small" {...part('medicationChange')} />
            <TextField select label="Psychotherapy" fullWidth size="small" {...part('psychotherapy')}>
              {psychotherapyChoices.map((c) => (
                <MenuItem key={c || 'none'} value={c}>
                  {c || 'No change'}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Referral" placeholder="e.g. Specialty psychiatry" fullWidth size="small" {...part('referral')} />
            <IsoDateField label="Follow-up date (next review)" size="small" value={nextReviewDate} onChange={setNextReviewDate} />
            <TextField label="Other advice to the PCP" multiline minRows={3} fullWidth value={recommendation} onChange={(e) => setRecommendation(e.target.value)} />
          </Stack>
        </Stack>
        <NotSavedAlert failed={failed} next="The recommendation is kept here; copy the note text." />
        {verdict.status === 'not-allowed' || failed.length ? <NoteTextBox text={reviewNoteText(input(), { notSaved: failed.map((f) => f.label) })} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="contained"
          onClick={save}
          disabled={saving || !hasRecommendation({ recommendation, plan }) || (nextReviewDate !== '' && !isIsoDate(nextReviewDate)) || verdict.status === 'not-allowed'}
        >
          {saving ? 'Saving…' : 'Save review'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Records a psychiatric case review: recommendation, next review date; the reviewer is the
 * signed-in user. Told first when the EHR will not take it; on failure the text stays and the
 * note text is offered, so nothing typed is lost.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import { reviewNoteText, type ReviewInput } from '../../clinical/enrollment';
import { fhirDateTime } from '../../clinical/records/time';
import { readRegistryRecordsOf } from '../../fhir/reads/registryRecords';
import { useSession } from '../../app/SessionContext';
import { type RecordOutcome, recordReview } from '../../fhir/writes/registry';
import { useRegistryVerdicts } from '../data/useRegistryVerdicts';
import { NoteTextBox } from '../../shared/NoteTextBox';

export function RecordReviewDialog({ patientId, patientName, onClose, onSaved }: { patientId: string; patientName: string; onClose: () => void; onSaved: () => void }) {
  const session = useSession();
  const [recommendation, setRecommendation] = useState('');
  const [nextReviewDate, setNextReviewDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcomes, setOutcomes] = useState<RecordOutcome[] | undefined>();
  const actionId = useMemo(() => crypto.randomUUID(), []);
  const verdict = useRegistryVerdicts(session).review;
  const input = (): ReviewInput => {
    const now = new Date();
    return { actionId, patientId, recommendation, ...(nextReviewDate ? { nextReviewDate } : {}), ...(session.fhirUser ? { reviewer: session.fhirUser } : {}), when: fhirDateTime(now, -now.getTimezoneOffset()), now };
  };
  const failed = outcomes?.filter((o): o is Extract<RecordOutcome, { saved: false }> => !o.saved) ?? [];

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
    <Dialog open onClose={onClose} aria-labelledby="record-review-title" fullWidth maxWidth="sm">
      <DialogTitle id="record-review-title">Record psychiatric review: {patientName}</DialogTitle>
      <DialogContent>
        {verdict.status === 'not-allowed' ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {verdict.reason} Copy the note text below into the chart instead.
          </Alert>
        ) : null}
        <TextField label="Recommendation to the PCP" multiline minRows={3} fullWidth value={recommendation} onChange={(e) => setRecommendation(e.target.value)} sx={{ mt: 1 }} />
        <TextField label="Next review date" type="date" value={nextReviewDate} onChange={(e) => setNextReviewDate(e.target.value)} sx={{ mt: 2 }} slotProps={{ inputLabel: { shrink: true } }} />
        {failed.length ? (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            Not saved to the EHR: {failed.map((f) => `${f.label} (${f.reason})`).join('; ')}. The recommendation is kept here; copy the note text.
          </Alert>
        ) : null}
        {verdict.status === 'not-allowed' || failed.length ? <NoteTextBox text={reviewNoteText(input(), { notSaved: failed.map((f) => f.label) })} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button variant="contained" onClick={save} disabled={saving || !recommendation.trim() || verdict.status === 'not-allowed'}>
          {saving ? 'Saving…' : 'Save review'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

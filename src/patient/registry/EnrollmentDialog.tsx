/**
 * One enrollment step: refer, enroll (or re-enroll), relapse prevention, back to active
 * treatment, discharge with a reason. Told first when the EHR will not take the record; a
 * failed save keeps the form and offers the note text.
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
import { IsoDateField } from '../../shared/IsoDateField';
import { isIsoDate } from '../../clinical';
import type { Flag } from '@medplum/fhirtypes';
import { useMemo, useState } from 'react';
import { localDateOf } from '../../clinical';
import { DISCHARGE_DISPLAY, DISCHARGE_REASONS, type DischargeReason, type EnrollmentEventInput, enrollmentNoteText, type EventKind } from '../../clinical/enrollment';
import { clinicTimeZone } from '../../config/runtimeConfig';
import { useSession } from '../../app/SessionContext';
import { type RecordOutcome, recordEnrollmentEvent } from '../../fhir/writes/registry';
import { useRegistryVerdicts } from '../../caseload/data/useRegistryVerdicts';
import { failedRecords, NotSavedAlert } from '../../shared/NotSavedAlert';
import { NoteTextBox } from '../../shared/NoteTextBox';

export const STEP_LABEL: Record<EventKind, string> = {
  referred: 'Refer to collaborative care',
  enrolled: 'Enroll',
  'active-treatment': 'Return to active treatment',
  'relapse-prevention': 'Move to relapse prevention',
  discharged: 'Discharge',
};

export interface EnrollmentDialogProps {
  patientId: string;
  kind: EventKind;
  title: string;
  practitioners: readonly { reference: string; name: string }[];
  defaults: { careManager?: string; pcp?: string };
  flags: readonly Flag[];
  onClose: () => void;
  onSaved: () => void;
}

export function EnrollmentDialog({ patientId, kind, title, practitioners, defaults, flags, onClose, onSaved }: EnrollmentDialogProps) {
  const session = useSession();
  const today = localDateOf(new Date(), clinicTimeZone(session.settings));
  const [date, setDate] = useState(today);
  const [careManager, setCareManager] = useState(defaults.careManager ?? '');
  const [pcp, setPcp] = useState(defaults.pcp ?? '');
  const [planDate, setPlanDate] = useState(today);
  const [reason, setReason] = useState<DischargeReason | ''>('');
  const [saving, setSaving] = useState(false);
  const [outcomes, setOutcomes] = useState<RecordOutcome[] | undefined>();
  const actionId = useMemo(() => crypto.randomUUID(), []);
  const verdicts = useRegistryVerdicts(session);
  const starts = kind === 'referred' || kind === 'enrolled';
  const input: EnrollmentEventInput = {
    actionId,
    patientId,
    kind,
    date,
    now: new Date(),
    ...(careManager ? { careManager } : {}),
    ...(pcp ? { pcp } : {}),
    ...(session.fhirUser ? { recordedBy: session.fhirUser } : {}),
    ...(kind === 'relapse-prevention' ? { planDate } : {}),
    ...(kind === 'discharged' && reason ? { dischargeReason: reason } : {}),
  };
  const failed = failedRecords(outcomes);
  const refused = verdicts.enrollment.status === 'not-allowed';
  const names = new Map(practitioners.map((p) => [p.reference, p.name]));

  async function save() {
    setSaving(true);
    try {
      const result = await recordEnrollmentEvent(session, input, flags);
      setOutcomes(result);
      if (result.every((o) => o.saved)) onSaved();
    } finally {
      setSaving(false);
    }
  }

  const people = (label: string, value: string, set: (v: string) => void) => (
    <TextField select size="small" label={label} value={value} onChange={(e) => set(e.target.value)} sx={{ minWidth: 240 }}>
      <MenuItem value="">Not set</MenuItem>
      {practitioners.map((p) => (
        <MenuItem key={p.reference} value={p.reference}>
          {p.name}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Dialog open onClose={onClose} aria-labelledby="enrollment-dialog-title" fullWidth maxWidth="sm">
      <DialogTitle id="enrollment-dialog-title">{title}</DialogTitle>
      <DialogContent>
        {refused ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {verdicts.enrollment.status === 'not-allowed' ? verdicts.enrollment.reason : ''} The step is not saved to the EHR from here: copy the note text below into the chart.
          </Alert>
        ) : null}
        <Stack spacing={2} sx={{ mt: 1 }}>
          <IsoDateField size="small" label="Date" value={date} onChange={setDate} />
          {starts || kind === 'active-treatment' ? people('Care manager', careManager, setCareManager) : null}
          {starts ? people('Treating PCP', pcp, setPcp) : null}
          {kind === 'relapse-prevention' ? <IsoDateField size="small" label="Relapse prevention plan date" value={planDate} onChange={setPlanDate} /> : null}
          {kind === 'discharged' ? (
            <TextField select size="small" label="Reason for discharge" value={reason} onChange={(e) => setReason(e.target.value as DischargeReason)} sx={{ minWidth: 240 }}>
              {DISCHARGE_REASONS.map((r) => (
                <MenuItem key={r} value={r}>
                  {DISCHARGE_DISPLAY[r]}
                </MenuItem>
              ))}
            </TextField>
          ) : null}
        </Stack>
        <NotSavedAlert failed={failed} next="Nothing else changed; copy the note text or try again." />
        {refused || failed.length ? <NoteTextBox text={enrollmentNoteText(input, { names, notSaved: refused ? ['enrollment record'] : failed.map((f) => f.label) })} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="contained"
          onClick={save}
          disabled={saving || refused || !isIsoDate(date) || (planDate !== '' && !isIsoDate(planDate)) || (kind === 'discharged' && !reason)}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

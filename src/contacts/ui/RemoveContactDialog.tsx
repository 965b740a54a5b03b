/**
 * Remove a logged contact: it is marked entered-in-error in the EHR with the reason (never
 * deleted), so the record of what was logged and who removed it stays.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { type Contact, removeContactObservation } from '../../clinical/contacts';
import { type ContactWriteOutcome, updateContact } from '../../fhir/writes/contacts';
import type { ContactFormContext } from './ContactFormDialog';

export function RemoveContactDialog({
  context,
  contact,
  onRemoved,
  onClose,
  onChanged,
}: {
  context: ContactFormContext;
  contact: Contact;
  onRemoved: () => void;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ContactWriteOutcome>();

  async function remove() {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    const stored = { ...contact.resource, id: contact.id.replace(/^Observation\//, '') };
    const result = await updateContact(removeContactObservation(stored, reason, context.performer, context.now()), contact.versionId, context);
    setBusy(false);
    setOutcome(result);
    if (result.status === 'saved') onRemoved();
    if (result.status === 'changed') onChanged();
  }

  const done = outcome !== undefined && outcome.status !== 'failed';
  return (
    <Dialog open onClose={onClose} aria-labelledby="remove-contact-title">
      <DialogTitle id="remove-contact-title">Remove contact of {contact.localDate}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>The contact stays in the EHR marked as entered in error, with your reason; its minutes no longer count.</DialogContentText>
        <TextField
          label="Reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
          error={missing}
          helperText={missing ? 'Say why the contact is removed.' : undefined}
          fullWidth
          disabled={busy || done}
          required
        />
        {outcome && outcome.status !== 'saved' ? (
          <Alert severity="warning" role="alert" sx={{ mt: 2 }}>
            {outcome.reason}
          </Alert>
        ) : null}
        {outcome?.status === 'saved' ? (
          <Alert severity="success" role="status" sx={{ mt: 2 }}>
            Contact removed.
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
        {done ? null : (
          <Button color="error" variant="contained" onClick={remove} disabled={busy}>
            Remove contact
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

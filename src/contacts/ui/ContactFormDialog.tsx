/**
 * Log a new contact, or correct a logged one. A new contact's values and its UUID are kept in
 * sessionStorage as they are typed, so a reload or a relaunch loses nothing and a resend
 * finds the first copy. Where this EHR takes no contact record from the app, the form says so
 * before anything is typed and the copy-ready note text is the record.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { buildContactObservation, type Contact, contactNoteText, correctContactObservation, type ContactDetails } from '../../clinical/contacts';
import type { WriteCapabilities, WriteVerdict } from '../../fhir/capabilities';
import type { FhirApi } from '../../fhir/fhirApi';
import { createContact, type ContactWriteOutcome, updateContact } from '../../fhir/writes/contacts';
import { NoteTextActions } from '../../screening/ui/NoteTextActions';
import { checkContactForm, type ContactFormValues, type FormErrors, formFromContact } from '../model/contactForm';
import { type ContactDraft } from '../storage/contactStorage';
import { ContactFields } from './ContactFields';

export interface ContactFormContext {
  api: FhirApi;
  capabilities: WriteCapabilities;
  verdict: WriteVerdict;
  patientId: string;
  performer: string | undefined;
  encounterId: string | undefined;
  timeZone: string;
  now: () => Date;
}

export type ContactFormMode = { kind: 'new'; draft: ContactDraft; onDraft: (draft: ContactDraft | undefined) => void } | { kind: 'correct'; contact: Contact };

export interface ContactSaved {
  details: ContactDetails;
  kind: 'new' | 'correct';
}

export function ContactFormDialog({
  context,
  mode,
  onSaved,
  onClose,
  onChanged,
}: {
  context: ContactFormContext;
  mode: ContactFormMode;
  onSaved: (saved: ContactSaved) => void;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [values, setValues] = useState<ContactFormValues>(() => (mode.kind === 'new' ? mode.draft.values : formFromContact(mode.contact, context.timeZone)));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<ContactWriteOutcome | { status: 'note-only'; reason: string }>();
  const [details, setDetails] = useState<ContactDetails>();
  const refused = context.verdict.status === 'not-allowed';
  const title = mode.kind === 'new' ? 'Log contact' : 'Correct contact';

  function change(patch: Partial<ContactFormValues>) {
    const next = { ...values, ...patch };
    setValues(next);
    if (mode.kind === 'new') mode.onDraft({ ...mode.draft, values: next });
  }

  async function save() {
    const checked = checkContactForm(values, context.timeZone, context.now());
    setErrors(checked.errors);
    if (!checked.details) return;
    setDetails(checked.details);
    if (refused) {
      setOutcome({ status: 'note-only', reason: context.verdict.status === 'not-allowed' ? context.verdict.reason : '' });
      if (mode.kind === 'new') mode.onDraft(undefined);
      return;
    }
    setSaving(true);
    let result: ContactWriteOutcome;
    if (mode.kind === 'new') {
      const lost = mode.draft.attempted;
      mode.onDraft({ ...mode.draft, values, attempted: true });
      const observation = buildContactObservation({
        ...checked.details,
        contactId: mode.draft.contactId,
        patientId: context.patientId,
        ...(context.performer ? { performer: context.performer } : {}),
        ...(context.encounterId ? { encounterId: context.encounterId } : {}),
        now: context.now(),
      });
      result = await createContact(observation, mode.draft.contactId, lost, context);
    } else {
      const stored = { ...mode.contact.resource, id: mode.contact.id.replace(/^Observation\//, '') };
      result = await updateContact(correctContactObservation(stored, checked.details, context.now()), mode.contact.versionId, context);
    }
    setSaving(false);
    setOutcome(result);
    if (result.status === 'saved') {
      if (mode.kind === 'new') mode.onDraft(undefined);
      onSaved({ details: checked.details, kind: mode.kind });
    } else if (result.status === 'changed') {
      onChanged();
    } else if (result.status === 'not-allowed' && mode.kind === 'new') {
      mode.onDraft(undefined);
    }
  }

  const done = outcome?.status === 'saved' || outcome?.status === 'note-only' || outcome?.status === 'not-allowed' || outcome?.status === 'changed';
  const showNote = details && (outcome?.status === 'note-only' || outcome?.status === 'not-allowed' || outcome?.status === 'failed');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="contact-form-title">
      <DialogTitle id="contact-form-title">{title}</DialogTitle>
      <DialogContent dividers>
        {refused && !outcome ? (
          <Alert severity="warning" role="status" sx={{ mb: 2 }}>
            {context.verdict.status === 'not-allowed' ? context.verdict.reason : ''} The contact will not be saved to the EHR: you will get a note text to paste into the visit
            note, and CoCM minutes must be tracked in the EHR by hand.
          </Alert>
        ) : null}
        <ContactFields values={values} errors={errors} onChange={change} disabled={saving || done} />
        {outcome ? <OutcomeNote outcome={outcome} /> : null}
        {showNote ? <NoteTextActions text={contactNoteText(details, { notSaved: true })} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
        {done ? null : (
          <Button variant="contained" onClick={save} disabled={saving}>
            {outcome?.status === 'failed' ? 'Retry' : refused ? 'Make note text' : 'Save contact'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function OutcomeNote({ outcome }: { outcome: ContactWriteOutcome | { status: 'note-only'; reason: string } }) {
  switch (outcome.status) {
    case 'saved':
      return (
        <Alert severity="success" role="status" sx={{ mt: 2 }}>
          {outcome.existing ? 'The contact was already saved in the EHR (no copy made).' : 'Contact saved to the EHR.'}
        </Alert>
      );
    case 'note-only':
      return (
        <Alert severity="info" role="status" sx={{ mt: 2 }}>
          Copy the note text into the visit note.
        </Alert>
      );
    default:
      return (
        <Alert severity={outcome.status === 'failed' ? 'error' : 'warning'} role="alert" sx={{ mt: 2 }}>
          {outcome.reason}
        </Alert>
      );
  }
}

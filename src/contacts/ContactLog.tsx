/**
 * The contact log in the patient view: the summary (last contact, contacts this month, next
 * contact due, this month's CoCM minutes and codes), `Log contact` with a running timer that
 * survives a reload, the list of contacts with Correct and Remove, and `Screen now` after a
 * contact where a scale was given.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useRole } from '../app/role/RoleContext';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { timerMinutes } from '../clinical/billing';
import type { Contact } from '../clinical/contacts';
import { clinicTimeZone } from '../config/runtimeConfig';
import { writeCapabilitiesFor } from '../fhir/capabilities';
import { useSession } from '../app/SessionContext';
import { CONTACT_TARGET } from '../fhir/writes/contacts';
import { useWriteCapabilities } from '../screening';
import { newScreeningId, tabStorage } from '../screening/draft/draftStore';
import { screeningPanel } from '../screening/screeningPanelPart';
import { usePatientChart } from '../patient/chart/PatientChartProvider';
import { UnknownNote } from '../patient/chart/UnknownNote';
import { emptyContactForm } from './model/contactForm';
import { clearContactDraft, type ContactDraft, loadContactDraft, saveContactDraft } from './storage/contactStorage';
import { type ContactTimerApi, ContactTimerProvider, useContactTimer } from './timer/ContactTimerContext';
import { ContactFormDialog, type ContactFormContext, type ContactFormMode, type ContactSaved } from './ui/ContactFormDialog';
import { ContactList } from './ui/ContactList';
import { ContactSummary } from './ui/ContactSummary';
import { ContactTimer } from './ui/ContactTimer';
import { RemoveContactDialog } from './ui/RemoveContactDialog';

export interface ContactLogProps {
  patientId: string;
  /** Tests only. */
  storage?: Storage;
  now?: () => Date;
}

const systemNow = () => new Date();

/**
 * Inside the app shell the timer is the shell's (its clock in the app bar); on its own (tests,
 * another host) the log keeps its own timer and shows the clock beside Log contact.
 */
export function ContactLog(props: ContactLogProps) {
  const shared = useContactTimer();
  if (shared) return <ContactLogSection {...props} timer={shared} showClock={false} />;
  const { storage = tabStorage(), now = systemNow } = props;
  return (
    <ContactTimerProvider onlyPatientId={props.patientId} storage={storage} now={() => now().getTime()}>
      <OwnTimer {...props} />
    </ContactTimerProvider>
  );
}

function OwnTimer(props: ContactLogProps) {
  const timer = useContactTimer();
  return timer ? <ContactLogSection {...props} timer={timer} showClock /> : null;
}

function ContactLogSection({ patientId, storage = tabStorage(), now = systemNow, timer, showClock }: ContactLogProps & { timer: ContactTimerApi; showClock: boolean }) {
  const session = useSession();
  // Every write here (contact, correction, removal, screening) refreshes the whole chart once.
  const { chart, refresh: reload } = usePatientChart();
  // Contacts are the care manager's to log; others read them.
  const mayLog = useRole().may('log-contact');
  const snapshot = useWriteCapabilities(session);
  const capabilities = writeCapabilitiesFor(session);
  const timeZone = clinicTimeZone(session.settings);
  const scope = useMemo(() => ({ serverUrl: session.serverUrl, patientId, ...(session.fhirUser ? { fhirUser: session.fhirUser } : {}) }), [session, patientId]);
  const [form, setForm] = useState<ContactFormMode>();
  const [removing, setRemoving] = useState<Contact>();
  const [offerScreening, setOfferScreening] = useState(false);
  const [screening, setScreening] = useState(false);
  const verdict = snapshot.verdict(CONTACT_TARGET);

  const context: ContactFormContext = {
    api: session.api,
    capabilities,
    verdict,
    patientId,
    performer: session.fhirUser,
    encounterId: session.patientId === patientId ? session.encounterId : undefined,
    timeZone,
    now,
  };

  function onDraft(draft: ContactDraft | undefined) {
    if (draft) saveContactDraft(storage, scope, draft);
    else clearContactDraft(storage, scope);
  }

  function openNew(minutes?: number) {
    const stored = loadContactDraft(storage, scope);
    const draft: ContactDraft = stored ?? { patientId, contactId: newScreeningId(), values: emptyContactForm(now(), timeZone), attempted: false };
    const withMinutes = minutes !== undefined ? { ...draft, values: { ...draft.values, minutes: String(minutes) } } : draft;
    onDraft(withMinutes);
    setOfferScreening(false);
    setForm({ kind: 'new', draft: withMinutes, onDraft });
  }

  const patientName = chart?.banner.known ? chart.banner.value.name : undefined;
  // The app bar names the timed patient only away from their chart.
  const { setOpenPatient } = timer;
  useEffect(() => {
    setOpenPatient(patientId, patientName);
    return () => setOpenPatient(undefined);
  }, [setOpenPatient, patientId, patientName]);

  function saved(result: ContactSaved) {
    reload();
    if (result.kind === 'new' && result.details.scaleGiven) setOfferScreening(true);
  }

  const contactsFact = chart?.facts.contacts;
  const model = contactsFact?.known ? chart?.contacts : undefined;
  const hasDraft = form === undefined && loadContactDraft(storage, scope) !== undefined;
  return (
    <Box component="section" aria-labelledby="contacts-heading" sx={{ mb: 3 }}>
      <Typography id="contacts-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
        Contacts
      </Typography>
      {mayLog ? (
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
          <Button variant="contained" onClick={() => openNew()}>
            {hasDraft ? 'Log contact (continue draft)' : 'Log contact'}
          </Button>
          <ContactTimer api={timer} patientId={patientId} patientName={patientName} showClock={showClock} onStop={(ms) => openNew(timerMinutes(ms, timer.rounding))} />
          {verdict.status === 'not-allowed' ? (
            <Typography variant="body2">This EHR does not accept contact records from the app; you will get a note text to paste.</Typography>
          ) : null}
        </Stack>
      ) : null}
      {offerScreening ? (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          action={
            <Button
              color="inherit"
              onClick={() => {
                setOfferScreening(false);
                setScreening(true);
              }}
            >
              Screen now
            </Button>
          }
        >
          A scale was given at this contact: enter it now.
        </Alert>
      ) : null}
      {contactsFact && !contactsFact.known ? (
        <UnknownNote
          fact={contactsFact}
          title="Contacts could not be read from the EHR."
          after="Last contact, minutes and billing codes are unknown until they can be read."
          loadingTitle="Loading older contacts from the EHR…"
        />
      ) : null}
      {model ? (
        <>
          <ContactSummary model={model} />
          {model.unreadable.length > 0 ? (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {model.unreadable.length} contact or enrollment record(s) could not be read: {model.unreadable.map((u) => `${u.reference} (${u.reason})`).join('; ')}
            </Alert>
          ) : null}
          <ContactList
            contacts={model.contacts}
            onCorrect={(c) => setForm({ kind: 'correct', contact: c })}
            onRemove={setRemoving}
            canChange={mayLog && verdict.status !== 'not-allowed'}
          />
        </>
      ) : !chart ? (
        <Typography aria-busy="true">Loading contacts…</Typography>
      ) : null}
      {form ? <ContactFormDialog context={context} mode={form} onSaved={saved} onClose={() => setForm(undefined)} onChanged={reload} /> : null}
      {removing ? <RemoveContactDialog context={context} contact={removing} onRemoved={reload} onClose={() => setRemoving(undefined)} onChanged={reload} /> : null}
      {screening ? <screeningPanel.Part fallback={null} patientId={patientId} onSaved={reload} onClose={() => setScreening(false)} /> : null}
    </Box>
  );
}

import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Patient } from '@medplum/fhirtypes';
import { type FormEvent, useState } from 'react';
import { summarizePatient } from '../clinical/demographics/patientSummary';
import { useSession } from '../app/SessionContext';
import { searchPatients } from '../fhir/reads/patients';
import { ErrorNote } from '../shared/ErrorNote';

type SearchState = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; patients: Patient[]; more: boolean } | { status: 'failed'; error: unknown };

export function PatientSearch({ onOpen }: { onOpen: (patientId: string) => void }) {
  const session = useSession();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const now = new Date();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = query.trim();
    if (!text) return;
    setState({ status: 'searching' });
    try {
      const { patients, more } = await searchPatients(session.api, text);
      setState({ status: 'done', query: text, patients, more });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }

  return (
    <Paper component="section" aria-labelledby="patient-search-heading" sx={{ p: 2, maxWidth: 720 }}>
      <Typography id="patient-search-heading" component="h1" variant="h6" gutterBottom>
        Find a patient
      </Typography>
      <Stack component="form" role="search" direction="row" spacing={1} onSubmit={submit}>
        <TextField label="Search patients by name or MRN" value={query} onChange={(e) => setQuery(e.target.value)} size="small" fullWidth autoFocus />
        <Button type="submit" variant="contained" disabled={state.status === 'searching'}>
          Search
        </Button>
      </Stack>
      <div aria-live="polite">
        {state.status === 'searching' ? <Typography sx={{ mt: 2 }}>Searching…</Typography> : null}
        {state.status === 'failed' ? <ErrorNote error={state.error} title="Search failed" /> : null}
        {state.status === 'done' && state.patients.length === 0 ? <Typography sx={{ mt: 2 }}>No patients match “{state.query}”.</Typography> : null}
        {state.status === 'done' && state.patients.length > 0 ? (
          <>
            <Typography sx={{ mt: 2 }}>
              {state.patients.length} {state.patients.length === 1 ? 'patient' : 'patients'} found
              {state.more ? ' (showing the first results; refine the search to see others)' : ''}.
            </Typography>
            <List aria-label="Search results">
              {state.patients.map((patient) => {
                const summary = summarizePatient(patient, now);
                const details = [summary.mrn ? `MRN ${summary.mrn}` : 'No MRN', summary.birthDate ? `born ${summary.birthDate}` : undefined, summary.sex]
                  .filter(Boolean)
                  .join(' · ');
                return (
                  <ListItemButton key={summary.id} onClick={() => onOpen(summary.id)}>
                    <ListItemText primary={summary.name} secondary={details} />
                  </ListItemButton>
                );
              })}
            </List>
          </>
        ) : null}
      </div>
    </Paper>
  );
}

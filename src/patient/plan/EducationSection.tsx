/**
 * The `Patient education` region: the handout library, what this patient has already been
 * given (and when), and "Print and record" / "Record as given". Giving one writes a
 * Communication to the patient; where the EHR does not give those back, the region says so
 * and lists what was given in this session.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { useSession } from '../../app/SessionContext';
import { type Handout, type HandoutId, HANDOUTS } from '../../clinical/education';
import { fhirDateTime } from '../../clinical/records/time';
import { recordHandoutGiven } from '../../fhir/writes/education';
import { usePatientChart } from '../chart/PatientChartProvider';
import { HandoutPrintSheet } from './HandoutPrintSheet';
import { usePractitionerName } from './usePractitionerName';

export function EducationSection() {
  const { patientId, chart, refresh } = usePatientChart();
  const session = useSession();
  const nameOf = usePractitionerName();
  const [open, setOpen] = useState<HandoutId | undefined>();
  const [printing, setPrinting] = useState<Handout | undefined>();
  const [busy, setBusy] = useState<HandoutId | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [givenNow, setGivenNow] = useState<HandoutId[]>([]);
  const treatment = chart?.treatment;
  const notReadBack = treatment?.notOffered.includes('Communication') ?? false;
  const failed = treatment?.failedSearches.find((f) => f.what === 'Communication');
  const given = treatment?.handoutsGiven ?? [];
  const patientName = chart?.banner.known ? chart.banner.value.name : 'you';

  async function give(handout: Handout, print: boolean) {
    if (print) {
      // The sheet must be on the page before the print dialog opens.
      flushSync(() => setPrinting(handout));
      // Taken off when printing is done, not when print() returns: some browsers (Safari)
      // return at once and read the page for the dialog afterwards.
      window.addEventListener('afterprint', () => setPrinting((p) => (p === handout ? undefined : p)), { once: true });
      window.print();
    }
    setBusy(handout.id);
    setMessage(undefined);
    const now = new Date();
    const outcome = await recordHandoutGiven(session, {
      actionId: crypto.randomUUID(),
      patientId,
      handout: handout.id,
      printed: print,
      sender: session.fhirUser,
      when: fhirDateTime(now, -now.getTimezoneOffset()),
    });
    setBusy(undefined);
    if (outcome.status === 'saved') {
      setGivenNow((g) => [...g, handout.id]);
      setMessage({ ok: true, text: `Recorded in the chart: "${handout.title}" given.` });
      refresh();
    } else setMessage({ ok: false, text: `"${handout.title}" was ${print ? 'printed but ' : ''}not recorded as given: ${outcome.reason}` });
  }

  return (
    <Paper component="section" aria-labelledby="heading-education" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="heading-education" component="h2" variant="h6" gutterBottom>
        Patient education
      </Typography>
      {failed ? <Alert severity="warning">The handouts already given could not be read: {failed.reason}</Alert> : null}
      {notReadBack ? (
        <Typography variant="body2" sx={{ mb: 1 }}>
          This EHR keeps the record of a handout given but does not show it back to apps: check the chart for earlier ones.
        </Typography>
      ) : null}
      {message ? (
        <Alert severity={message.ok ? 'success' : 'error'} role="status" sx={{ mb: 1 }}>
          {message.text}
        </Alert>
      ) : null}
      <ul aria-label="Handouts" style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
        {HANDOUTS.map((h) => {
          const last = given.find((g) => g.handout === h.id);
          const givenWords = last
            ? `Given ${last.date ?? ''}${last.by ? ` by ${nameOf(last.by)}` : ''}`
            : givenNow.includes(h.id)
              ? 'Given today'
              : treatment && !failed && !notReadBack
                ? 'Not given yet'
                : '';
          return (
            <li key={h.id} style={{ marginBottom: 8 }}>
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) 190px auto auto auto' }, columnGap: 1, alignItems: 'center' }}>
                <Typography variant="body2">
                  <strong>{h.title}</strong> — {h.summary}
                </Typography>
                <Typography variant="caption" data-testid={`handout-status-${h.id}`}>
                  {givenWords}
                </Typography>
                <Button
                  size="small"
                  onClick={() => setOpen(open === h.id ? undefined : h.id)}
                  aria-expanded={open === h.id}
                  aria-label={`${open === h.id ? 'Hide' : 'Read'}: ${h.title}`}
                >
                  {open === h.id ? 'Hide' : 'Read'}
                </Button>
                <Button size="small" disabled={busy !== undefined} onClick={() => void give(h, true)} aria-label={`Print and record: ${h.title}`}>
                  Print and record
                </Button>
                <Button size="small" disabled={busy !== undefined} onClick={() => void give(h, false)} aria-label={`Record as given: ${h.title}`}>
                  Record as given
                </Button>
              </Box>
              {open === h.id ? (
                <div style={{ paddingLeft: 16, maxWidth: 760 }}>
                  {h.paragraphs.map((p) => (
                    <Typography key={p} variant="body2" sx={{ mb: 0.5 }}>
                      {p}
                    </Typography>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {printing ? <HandoutPrintSheet handout={printing} patientName={patientName} /> : null}
    </Paper>
  );
}

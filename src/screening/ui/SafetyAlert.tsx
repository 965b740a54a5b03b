import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { INSTRUMENTS } from '../../clinical';

/**
 * Shown the moment item 9 is answered above 0, and kept through review, saving and the
 * result, whether or not anything is saved: the person at the visit must act now.
 */
export function SafetyAlert({ item9 }: { item9: number }) {
  const answer = INSTRUMENTS.phq9.answers.find((a) => a.score === item9)?.display;
  return (
    // Placed between the dialog's title and its scrolling content: in view all the time, and
    // never drawn over the question being answered or the review rows (no sticky overlay).
    <Alert severity="error" role="alert" sx={{ mx: 3, mb: 1, py: 0 }}>
      <AlertTitle>Safety: positive answer to PHQ-9 item 9</AlertTitle>
      The patient reported thoughts of being better off dead or of hurting themselves{answer ? ` ("${answer}")` : ''}. Tell the treating clinician now, so that suicide risk is
      assessed before the patient leaves. If the patient is in immediate danger, call 911. The 988 Suicide &amp; Crisis Lifeline is open at all hours: call or text 988, or chat at
      988lifeline.org.
    </Alert>
  );
}

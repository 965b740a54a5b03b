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
    // Sticky: the item is answered far down a scrolling form, and the alert must stay in view.
    <Alert severity="error" role="alert" sx={{ mb: 2, position: 'sticky', top: 0, zIndex: 2, boxShadow: 2 }}>
      <AlertTitle>Safety: positive answer to PHQ-9 item 9</AlertTitle>
      The patient reported thoughts of being better off dead or of hurting themselves{answer ? ` ("${answer}")` : ''}. Tell the
      treating clinician now, so that suicide risk is assessed before the patient leaves. If the patient is in immediate danger,
      call 911. The 988 Suicide &amp; Crisis Lifeline is open at all hours: call or text 988, or chat at 988lifeline.org.
    </Alert>
  );
}

import Alert from '@mui/material/Alert';
import type { Known } from '../../clinical/patientChart';
import { RetryNote } from './RetryNote';

/**
 * What the view says for a fact it does not know: "still loading" (older pages on their way,
 * nothing to retry) or "could not be read" with Try again.
 */
export function UnknownNote({ fact, title, loadingTitle, after }: { fact: Known<unknown>; title: string; loadingTitle: string; after?: string }) {
  if (fact.known) return null;
  if (fact.loading) {
    return (
      <Alert severity="info" sx={{ mb: 1 }} role="status">
        {loadingTitle}
      </Alert>
    );
  }
  return <RetryNote title={title} reason={after ? `${fact.reason} ${after}` : fact.reason} />;
}

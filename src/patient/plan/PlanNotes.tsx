import Typography from '@mui/material/Typography';
import type { PlanNote } from '../../clinical/careplan';

/** Plan of care notes in the chart: the app's (where the plan is kept as a note) and other systems'. */
export function PlanNotes({ notes, unread, nameOf }: { notes: readonly PlanNote[]; unread: string | undefined; nameOf: (ref: string | undefined) => string }) {
  if (unread) {
    return (
      <Typography variant="body2" sx={{ mt: 1 }}>
        Plan of care notes could not be read: {unread}
      </Typography>
    );
  }
  if (!notes.length) return null;
  return (
    <section aria-label="Plan of care notes">
      <Typography component="h3" variant="subtitle2" sx={{ mt: 2 }}>
        Plan of care notes in the chart
      </Typography>
      {notes.map((n) => (
        <details key={n.reference} open={n === notes[0]}>
          <summary>
            <Typography variant="body2" component="span">
              {n.date ?? 'undated'}: {n.title}
              {n.author ? `, by ${nameOf(n.author)}` : ''}
              {n.kind ? '' : ' (from another system)'}
            </Typography>
          </summary>
          <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0, pl: 2 }}>
            {n.text ?? 'This note is not plain text; open it in the EHR.'}
          </Typography>
        </details>
      ))}
    </section>
  );
}

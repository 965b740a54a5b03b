/**
 * The relapse prevention plan as the patient takes it home: one printed page with their name,
 * the plan's sections and the crisis lines. Rendered beside the app (a portal into <body>)
 * and shown only in print; the print stylesheet hides everything else.
 */
import GlobalStyles from '@mui/material/GlobalStyles';
import { createPortal } from 'react-dom';
import { CRISIS_LINES, RELAPSE_FIELD_LABEL, RELAPSE_FIELDS, type RelapsePlanContent } from '../../clinical/careplan';

const PRINT_STYLES = {
  '@media screen': { '.relapse-print-sheet': { display: 'none' } },
  '@media print': {
    '@page': { size: 'letter', margin: '14mm' },
    'body:not(.printing-handout) > *:not(.relapse-print-sheet)': { display: 'none !important' },
    'body.printing-handout .relapse-print-sheet': { display: 'none !important' },
    '.relapse-print-sheet': { display: 'block', font: '11pt/1.35 system-ui, sans-serif', color: '#000' },
    '.relapse-print-sheet h1': { fontSize: '16pt', margin: '0 0 4pt' },
    '.relapse-print-sheet h2': { fontSize: '12pt', margin: '10pt 0 2pt' },
    '.relapse-print-sheet p': { margin: '0 0 4pt', whiteSpace: 'pre-wrap' },
    '.relapse-print-sheet .crisis': { border: '2pt solid #000', padding: '6pt 8pt', marginTop: '12pt', breakInside: 'avoid' },
  },
} as const;

export function RelapsePrintSheet({
  patientName,
  birthDate,
  written,
  content,
}: {
  patientName: string;
  birthDate: string | undefined;
  written: string;
  content: RelapsePlanContent;
}) {
  return createPortal(
    <div className="relapse-print-sheet" data-testid="relapse-print-sheet">
      <GlobalStyles styles={PRINT_STYLES} />
      <h1>My relapse prevention plan</h1>
      <p>
        {patientName}
        {birthDate ? `, born ${birthDate}` : ''}. Written with my care team on {written}.
      </p>
      {RELAPSE_FIELDS.map((f) => (
        <section key={f}>
          <h2>{RELAPSE_FIELD_LABEL[f]}</h2>
          <p>{content[f].trim() || '—'}</p>
        </section>
      ))}
      <div className="crisis">
        <h2>If I am in crisis</h2>
        {CRISIS_LINES.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
    </div>,
    document.body,
  );
}

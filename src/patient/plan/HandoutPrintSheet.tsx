/**
 * One handout as printed for the patient. While it is on the page the body carries
 * `printing-handout`, so the print stylesheet prints it instead of the relapse plan.
 */
import GlobalStyles from '@mui/material/GlobalStyles';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { Handout } from '../../clinical/education';

const STYLES = {
  '@media screen': { '.handout-print-sheet': { display: 'none' } },
  '@media print': {
    'body.printing-handout > *:not(.handout-print-sheet)': { display: 'none !important' },
    '.handout-print-sheet': { display: 'block', font: '12pt/1.45 system-ui, sans-serif', color: '#000' },
    '.handout-print-sheet h1': { fontSize: '17pt', margin: '0 0 8pt' },
    '.handout-print-sheet p': { margin: '0 0 8pt' },
  },
} as const;

export function HandoutPrintSheet({ handout, patientName }: { handout: Handout; patientName: string }) {
  useEffect(() => {
    document.body.classList.add('printing-handout');
    return () => document.body.classList.remove('printing-handout');
  }, []);
  return createPortal(
    <div className="handout-print-sheet" data-testid="handout-print-sheet">
      <GlobalStyles styles={STYLES} />
      <h1>{handout.title}</h1>
      <p>For {patientName}, from your care team.</p>
      {handout.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </div>,
    document.body,
  );
}

import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { VisuallyHidden } from '../../shared/VisuallyHidden';
import { type Contact, CONTACT_MODALITY_DISPLAY, CONTACT_OUTCOME_DISPLAY, CONTACT_TYPE_DISPLAY } from '../../clinical/contacts';

/** The logged contacts, newest first, each with Correct and Remove. */
export function ContactList({
  contacts,
  onCorrect,
  onRemove,
  canChange,
}: {
  contacts: Contact[];
  onCorrect: (c: Contact) => void;
  onRemove: (c: Contact) => void;
  canChange: boolean;
}) {
  if (contacts.length === 0) return null;
  return (
    <Table size="small" aria-label="Logged contacts" sx={{ mb: 2 }}>
      <TableHead>
        <TableRow>
          <TableCell>Date</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Modality</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell align="right">Minutes</TableCell>
          <TableCell>Note</TableCell>
          <TableCell>
            <VisuallyHidden>Actions</VisuallyHidden>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {contacts.map((c) => (
          <TableRow key={c.id}>
            <TableCell>
              {c.localDate} {c.when.slice(11, 16)}
            </TableCell>
            <TableCell>{CONTACT_TYPE_DISPLAY[c.type]}</TableCell>
            <TableCell>{CONTACT_MODALITY_DISPLAY[c.modality]}</TableCell>
            <TableCell>
              {CONTACT_OUTCOME_DISPLAY[c.outcome]}
              {c.scaleGiven ? ', scale given' : ''}
            </TableCell>
            <TableCell align="right">
              {c.minutes}
              {c.separatelyBilled ? ' (separately billed)' : ''}
            </TableCell>
            <TableCell>
              {c.note}
              {c.corrected ? ' (corrected)' : ''}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <Button size="small" disabled={!canChange} onClick={() => onCorrect(c)} aria-label={`Correct contact of ${c.localDate}`}>
                Correct
              </Button>
              <Button size="small" color="error" disabled={!canChange} onClick={() => onRemove(c)} aria-label={`Remove contact of ${c.localDate}`}>
                Remove
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

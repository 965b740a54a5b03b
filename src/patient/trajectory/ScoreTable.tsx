import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment, useState } from 'react';
import type { Administration } from '../../clinical';
import { getInstrument, type InstrumentId } from '../../clinical';
import { VisuallyHidden } from '../../shared/VisuallyHidden';
import { AdministrationDetails } from './AdministrationDetails';
import { dateLabel, scoreLabel, severityLabel } from './scoreLabels';

/**
 * The chart's table twin: every administration, newest first, reachable by keyboard and
 * screen reader. Incomplete forms are rows that say so, not scores. Each row opens to its
 * item answers.
 */
export function ScoreTable({ instrument, administrations }: { instrument: InstrumentId; administrations: readonly Administration[] }) {
  const name = getInstrument(instrument).name;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const rows = [...administrations].reverse();
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader>
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '4px 8px' }}>{`${name} scores`}</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">Date</TableCell>
            <TableCell scope="col">Score</TableCell>
            <TableCell scope="col">Severity</TableCell>
            <TableCell scope="col">Source</TableCell>
            <TableCell scope="col">
              <VisuallyHidden>Answers</VisuallyHidden>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((a) => {
            const isOpen = open.has(a.id);
            const detailsId = `details-${a.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            const positiveItem9 = (a.item9 ?? 0) > 0;
            return (
              <Fragment key={a.id}>
                <TableRow data-testid="score-row" sx={positiveItem9 ? { '& th, & td': { color: '#8a1c1c' } } : undefined}>
                  <TableCell component="th" scope="row">
                    {dateLabel(a)}
                  </TableCell>
                  <TableCell>
                    {scoreLabel(a)}
                    {positiveItem9 ? ' · item 9 positive' : ''}
                  </TableCell>
                  <TableCell>{severityLabel(a)}</TableCell>
                  {/* Who gave it: the clinic, or the patient from home (the patient app). */}
                  <TableCell>{a.reportedBy === 'patient' ? 'patient' : 'clinic'}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-expanded={isOpen}
                      aria-controls={detailsId}
                      aria-label={`${isOpen ? 'Hide answers' : 'Answers'} for ${dateLabel(a)}`}
                      onClick={() => toggle(a.id)}
                    >
                      {isOpen ? 'Hide answers' : 'Answers'}
                    </Button>
                  </TableCell>
                </TableRow>
                {isOpen ? (
                  <TableRow id={detailsId}>
                    <TableCell colSpan={5}>
                      <AdministrationDetails administration={a} />
                    </TableCell>
                  </TableRow>
                ) : null}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

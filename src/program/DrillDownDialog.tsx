/**
 * The patients behind one measure: every case of the denominator with whether it is in the
 * numerator and why, the cases looked at but not counted, and those that could not be read.
 * A patient's name opens the chart.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ProgramPatient } from '../clinical/program';
import { downloadTable } from './csv';
import { CAPTION_STYLE } from './MeasuresTable';
import { DRILL_HEADERS, drillRows } from './programTables';
import type { TableRow as MeasureRow } from './programView';
import { ColumnHeaders } from '../shared/ColumnHeaders';

export function DrillDownDialog({
  row,
  patients,
  onClose,
  onOpenPatient,
}: {
  row: MeasureRow;
  patients: ReadonlyMap<string, ProgramPatient>;
  onClose: () => void;
  onOpenPatient: (id: string) => void;
}) {
  const rows = drillRows(row, patients);
  const ids = [...row.result.cases.map((c) => c.patientId), ...row.result.excluded.map((c) => c.patientId), ...row.result.couldNotRead];
  const inNumerator = row.result.cases.filter((c) => c.inNumerator).length;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="drill-title">
      <DialogTitle id="drill-title">{row.result.name}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {row.result.hasRate ? `${inNumerator} of ${row.result.cases.length} in the numerator.` : `${row.result.cases.length} patients.`}
          {row.result.excluded.length ? ` ${row.result.excluded.length} looked at but not counted (reason given).` : ''}
          {row.result.couldNotRead.length ? ` ${row.result.couldNotRead.length} could not be read and are not counted.` : ''}
        </Typography>
        {row.populations ? (
          <Table size="small" sx={{ maxWidth: 480, mb: 2 }}>
            <caption style={CAPTION_STYLE}>{`${row.result.name}: populations`}</caption>
            <TableBody>
              {(
                [
                  ['Initial population', row.populations.initialPopulation],
                  ['Denominator', row.populations.denominator],
                  ['Denominator exclusions', row.populations.denominatorExclusion],
                  ['Denominator exceptions', row.populations.denominatorException],
                  ['Numerator', row.populations.numerator],
                ] as const
              ).map(([label, n]) => (
                <TableRow key={label}>
                  <TableCell component="th" scope="row">
                    {label}
                  </TableCell>
                  <TableCell align="right">{n}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        {rows.length === 0 ? (
          <Typography>No patients in this measure for the period and population chosen.</Typography>
        ) : (
          <Table size="small">
            <caption style={CAPTION_STYLE}>{`${row.result.name}: patients`}</caption>
            <ColumnHeaders names={DRILL_HEADERS} />
            <TableBody>
              {rows.map((r, i) => (
                <TableRow key={`${ids[i] ?? ''}-${r[2] ?? ''}-${i}`}>
                  <TableCell component="th" scope="row">
                    <Link component="button" onClick={() => onOpenPatient(ids[i] ?? '')}>
                      {r[0]}
                    </Link>
                  </TableCell>
                  {r.slice(1).map((v, j) => (
                    // MRN, unit and verdict stay on one line; the reason wraps.
                    <TableCell key={j} sx={j < 3 ? { whiteSpace: 'nowrap' } : undefined}>
                      {v}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => downloadTable(`${row.result.id}-patients.csv`, DRILL_HEADERS, rows)} disabled={rows.length === 0}>
          Download CSV
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The `Program measures` table: one row per measure (the program's, then the eCQMs); the name opens its patients. */
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { TableRow as MeasureTableRow } from './programView';

export const CAPTION_STYLE = { captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '4px 8px' } as const;

/** `pending`: rows still being calculated (their name cannot open a drill-down yet). */
export function MeasuresTable({
  rows,
  onOpen,
  pending,
}: {
  rows: readonly MeasureTableRow[];
  onOpen: (row: MeasureTableRow) => void;
  pending?: (row: MeasureTableRow) => boolean;
}) {
  return (
    <TableContainer>
      <Table size="small">
        <caption style={CAPTION_STYLE}>Program measures</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">Measure</TableCell>
            <TableCell scope="col" align="right">
              Numerator
            </TableCell>
            <TableCell scope="col" align="right">
              Denominator
            </TableCell>
            <TableCell scope="col" align="right">
              Rate
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.result.id}>
              <TableCell component="th" scope="row" sx={{ py: 0 }}>
                <Button
                  size="small"
                  sx={{ textTransform: 'none', textAlign: 'left', px: 0.5, py: 0, minHeight: 0 }}
                  onClick={() => onOpen(row)}
                  aria-haspopup="dialog"
                  disabled={pending?.(row) ?? false}
                >
                  {row.result.name}
                </Button>
              </TableCell>
              <TableCell align="right" sx={{ py: 0.5 }}>
                {row.cells.numerator}
              </TableCell>
              <TableCell align="right" sx={{ py: 0.5 }}>
                {row.cells.denominator}
              </TableCell>
              <TableCell align="right" sx={{ py: 0.5 }}>
                {row.cells.rate}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

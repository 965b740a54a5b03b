/** The `Program measures` table: one row per measure; the name opens its patients. */
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { MeasureRow } from './programView';

export const CAPTION_STYLE = { captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '4px 8px' } as const;

export function MeasuresTable({ rows, onOpen }: { rows: readonly MeasureRow[]; onOpen: (row: MeasureRow) => void }) {
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
                <Button size="small" sx={{ textTransform: 'none', textAlign: 'left', px: 0.5, py: 0, minHeight: 0 }} onClick={() => onOpen(row)} aria-haspopup="dialog">
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

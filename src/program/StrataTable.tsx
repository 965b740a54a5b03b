/** The measures per stratum of the chosen dimension. */
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { downloadTable } from './csv';
import { CAPTION_STYLE } from './MeasuresTable';
import { strataTable } from './programTables';
import type { StratumRow } from './programView';

export function StrataTable({ rows, dimension, label }: { rows: readonly StratumRow[]; dimension: string; label: (v: string) => string }) {
  const table = strataTable(rows, dimension, label);
  return (
    <>
      <TableContainer sx={{ maxHeight: 480 }}>
        <Table size="small" stickyHeader>
          <caption style={CAPTION_STYLE}>{`Program measures by ${dimension.toLowerCase()}`}</caption>
          <TableHead>
            <TableRow>
              {table.headers.map((h, i) => (
                <TableCell key={h} scope="col" align={i >= 2 ? 'right' : 'left'}>
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((r) => (
              <TableRow key={`${r[0] ?? ''}|${r[1] ?? ''}`}>
                <TableCell component="th" scope="row">
                  {r[0]}
                </TableCell>
                <TableCell>{r[1]}</TableCell>
                <TableCell align="right">{r[2]}</TableCell>
                <TableCell align="right">{r[3]}</TableCell>
                <TableCell align="right">{r[4]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Button size="small" onClick={() => downloadTable(`program-measures-by-${dimension.toLowerCase().replace(/\s+/g, '-')}.csv`, table.headers, table.rows)}>
        Download CSV of the strata
      </Button>
    </>
  );
}

import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import type { ReactNode } from 'react';
import { ColumnHeaders } from '../../shared/ColumnHeaders';

export interface TableRowData {
  key: string;
  /** The first cell is the row header. */
  cells: ReactNode[];
  testId?: string;
}

/** A small captioned table: the Treatment section's lists are tables so screen readers can walk them by column. */
export function TreatmentTable({ caption, columns, rows, id }: { caption: string; columns: string[]; rows: TableRowData[]; id?: string }) {
  return (
    <TableContainer id={id} sx={{ mb: 1 }}>
      <Table size="small">
        <caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '4px 8px' }}>{caption}</caption>
        <ColumnHeaders names={columns} />
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} data-testid={row.testId}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <TableCell key={i} component="th" scope="row">
                    {cell}
                  </TableCell>
                ) : (
                  <TableCell key={i}>{cell}</TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

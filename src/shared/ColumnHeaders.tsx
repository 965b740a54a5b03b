/** A table's header row of column names, each a `scope="col"` header cell (what screen readers announce per cell). */
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';

export function ColumnHeaders({ names, noWrap = false }: { names: readonly string[]; noWrap?: boolean }) {
  return (
    <TableHead>
      <TableRow>
        {names.map((name) => (
          <TableCell key={name} scope="col" sx={noWrap ? { whiteSpace: 'nowrap' } : undefined}>
            {name}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** Care-gap work lists: one table per kind, patients with the reason and the due date. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CARE_GAP_TITLE, type CareGap, type CareGapKind, type ProgramPatient } from '../clinical/program';
import { downloadTable } from './csv';
import { CAPTION_STYLE } from './MeasuresTable';

const KINDS = Object.keys(CARE_GAP_TITLE) as CareGapKind[];
const HEADERS = ['Patient', 'MRN', 'Reason', 'Due', 'Care manager'];

export function CareGapLists({
  gaps,
  today,
  patients,
  nameOf,
  onOpenPatient,
}: {
  gaps: readonly CareGap[];
  today: string;
  patients: ReadonlyMap<string, ProgramPatient>;
  nameOf: (ref: string | undefined) => string;
  onOpenPatient: (id: string) => void;
}) {
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {KINDS.map((kind) => {
        const list = gaps.filter((g) => g.kind === kind);
        const rows = list.map((g) => [patients.get(g.patientId)?.name ?? g.patientId, patients.get(g.patientId)?.mrn ?? '', g.reason, g.due, nameOf(g.careManager)]);
        return (
          <Box key={kind}>
            <TableContainer sx={{ maxHeight: 320 }}>
              <Table size="small" stickyHeader>
                <caption style={CAPTION_STYLE}>{`${CARE_GAP_TITLE[kind]} (${list.length})`}</caption>
                <TableHead>
                  <TableRow>
                    {HEADERS.map((h) => (
                      <TableCell key={h} scope="col">
                        {h}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.length === 0 ? (
                    <TableRow>
                      <TableCell colSpan={HEADERS.length}>
                        <Typography variant="body2">Nobody on this list.</Typography>
                      </TableCell>
                    </TableRow>
                  ) : (
                    list.map((g, i) => (
                      <TableRow key={`${g.patientId}-${g.due}-${i}`}>
                        <TableCell component="th" scope="row">
                          <Link component="button" onClick={() => onOpenPatient(g.patientId)}>
                            {rows[i]?.[0]}
                          </Link>
                        </TableCell>
                        <TableCell>{rows[i]?.[1]}</TableCell>
                        <TableCell>{g.reason}</TableCell>
                        <TableCell sx={g.due < today ? { color: '#b71c1c', fontWeight: 600 } : undefined}>
                          {g.due}
                          {g.due < today ? ' (overdue)' : ''}
                        </TableCell>
                        <TableCell>{rows[i]?.[4]}</TableCell>
                      </TableRow>
                    ))
                  )}
                </TableBody>
              </Table>
            </TableContainer>
            <Button size="small" disabled={list.length === 0} onClick={() => downloadTable(`care-gaps-${kind}.csv`, HEADERS, rows)}>
              {`Download CSV: ${CARE_GAP_TITLE[kind]}`}
            </Button>
          </Box>
        );
      })}
    </Box>
  );
}

/** Care-gap work lists: one table per kind, patients with the reason and the due date. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { CARE_GAP_TITLE, type CareGap, type CareGapKind, type ProgramPatient } from '../clinical/program';
import { downloadTable } from './csv';
import { MEASURE_GAP_TITLE, type MeasureGap, type MeasureGapKind } from '../measures/ecqm/measureGaps';
import { CAPTION_STYLE } from './MeasuresTable';
import { GAP_HEADERS, gapRows, type GapListItem } from './programTables';
import { ColumnHeaders } from '../shared/ColumnHeaders';

const KINDS = Object.keys(CARE_GAP_TITLE) as CareGapKind[];
const MEASURE_GAP_KINDS = Object.keys(MEASURE_GAP_TITLE) as MeasureGapKind[];
const HEADERS = GAP_HEADERS;
/**
 * Rows a list shows until "Show all" (most overdue first; the CSV has them all). A thousand
 * patients' lists were hundreds of rows each, laid out in one task of 250 ms or more when the
 * lists arrived, for a box that shows eight rows at a time.
 */
export const GAP_ROWS_SHOWN = 50;

/** One work list: a table of patients with the reason and the due date, and its CSV. */
function GapList({
  kind,
  title,
  list,
  today,
  patients,
  nameOf,
  onOpenPatient,
  empty = 'Nobody on this list.',
}: {
  kind: string;
  title: string;
  list: readonly GapListItem[] | undefined;
  today: string;
  patients: ReadonlyMap<string, ProgramPatient>;
  nameOf: (ref: string | undefined) => string;
  onOpenPatient: (id: string) => void;
  empty?: string;
}) {
  const rows = gapRows(list ?? [], patients, nameOf);
  const [showAll, setShowAll] = useState(false);
  const shown = list && !showAll ? list.slice(0, GAP_ROWS_SHOWN) : list;
  const hidden = (list?.length ?? 0) - (shown?.length ?? 0);
  return (
    <Box>
      <TableContainer sx={{ maxHeight: 320 }}>
        <Table size="small" stickyHeader>
          <caption style={CAPTION_STYLE}>{list ? `${title} (${list.length})` : title}</caption>
          <ColumnHeaders names={HEADERS} />
          <TableBody>
            {!list || list.length === 0 ? (
              <TableRow>
                <TableCell colSpan={HEADERS.length}>
                  <Typography variant="body2">{list ? empty : 'Calculating…'}</Typography>
                </TableCell>
              </TableRow>
            ) : (
              shown?.map((g, i) => (
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
      {hidden > 0 ? (
        <Button size="small" onClick={() => setShowAll(true)}>
          {`Show all ${list?.length ?? 0}: ${title}`}
        </Button>
      ) : null}
      <Button size="small" disabled={rows.length === 0} onClick={() => downloadTable(`care-gaps-${kind}.csv`, HEADERS, rows)}>
        {`Download CSV: ${title}`}
      </Button>
    </Box>
  );
}

/**
 * The program's work lists, then the quality measures' (CMS159 assessment windows, CMS2
 * positive screens without a counted follow-up); those say "Calculating…" until the measures
 * have run (`measureGaps` undefined).
 */
export function CareGapLists({
  gaps,
  measureGaps,
  today,
  patients,
  nameOf,
  onOpenPatient,
}: {
  gaps: readonly CareGap[];
  measureGaps?: readonly MeasureGap[] | undefined;
  today: string;
  patients: ReadonlyMap<string, ProgramPatient>;
  nameOf: (ref: string | undefined) => string;
  onOpenPatient: (id: string) => void;
}) {
  const careManagerOf = (id: string) => patients.get(id)?.episodes.at(-1)?.careManager;
  const shared = { today, patients, nameOf, onOpenPatient };
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {KINDS.map((kind) => (
        <GapList key={kind} kind={kind} title={CARE_GAP_TITLE[kind]} list={gaps.filter((g) => g.kind === kind)} {...shared} />
      ))}
      {MEASURE_GAP_KINDS.map((kind) => (
        <GapList
          key={kind}
          kind={kind}
          title={MEASURE_GAP_TITLE[kind]}
          list={measureGaps?.filter((g) => g.kind === kind).map((g) => ({ ...g, careManager: careManagerOf(g.patientId) }))}
          {...shared}
        />
      ))}
    </Box>
  );
}

/** The 12 months before the period end: chart and its table twin `Program measures by month`. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableRow from '@mui/material/TableRow';
import { lazy, Suspense } from 'react';
import { downloadTable } from './csv';
import { CAPTION_STYLE } from './MeasuresTable';
import { trendTable } from './programTables';
import type { TrendSeries } from './programView';
import { ColumnHeaders } from '../shared/ColumnHeaders';

// Loaded inside the Program tab's own deferred part (RegistryHome), whose words cover a chart that
// cannot be downloaded. A deferredPart here would be clearer, but importing it from the Program
// tab's modules makes Rolldown split the first screen's chunks differently (+2.1 KB gzip).
const TrendChart = lazy(() => import('./TrendChart'));

export function TrendSection({ months, series }: { months: readonly string[]; series: readonly TrendSeries[] }) {
  const { headers, rows } = trendTable(months, series);
  return (
    <Box>
      <Suspense fallback={<Box sx={{ height: 280 }} />}>
        <TrendChart months={months} series={series} />
      </Suspense>
      <TableContainer sx={{ mt: 1 }}>
        <Table size="small">
          <caption style={CAPTION_STYLE}>Program measures by month</caption>
          <ColumnHeaders names={headers} noWrap />
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r[0]}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                  {r[0]}
                </TableCell>
                {r.slice(1).map((v, i) => (
                  <TableCell key={headers[i + 1]} align="right">
                    {v}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Button size="small" onClick={() => downloadTable('program-measures-by-month.csv', headers, rows)}>
        Download CSV of the months
      </Button>
    </Box>
  );
}

/**
 * The caseload grid: filters, the MUI X Data Grid (virtualized rows, sorting on every column,
 * keyboard navigation), CSV export of exactly what is shown, and "Flag for review" per row.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  DataGrid,
  type GridCellParams,
  type GridColDef,
  type GridRowClassNameParams,
  type GridRowParams,
  gridFilteredSortedRowIdsSelector,
  gridVisibleColumnDefinitionsSelector,
  useGridApiRef,
} from '@mui/x-data-grid';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CaseloadRow } from '../../clinical/caseload';
import type { CaseloadUiState } from '../uiState';
import { csvColumns, gridColumns } from './columns';
import { styleNonce } from '../../shared/styleNonce';
import { downloadText, toCsv } from '../../shared/csv/csv';
import { CaseloadFiltersBar } from './CaseloadFiltersBar';
import { filterRows, mineIsOn } from './filterRows';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useRole } from '../../app/role/RoleContext';
import { ACTIONS_WIDTH, type CaseloadView, defaultView, VIEW_LABEL, VIEWS, visibilityOf } from './views';

export interface CaseloadGridProps {
  rows: readonly CaseloadRow[];
  me: string | undefined;
  nameOf: (reference: string | undefined) => string;
  ui: CaseloadUiState;
  onUiChange: (patch: Partial<CaseloadUiState>) => void;
  onOpen: (patientId: string) => void;
  onFlagForReview: (row: CaseloadRow) => void;
  /** Patient ids with a write under way (their action is disabled). */
  busy: ReadonlySet<string>;
}

const PAGE_SIZES = [25, 50, 100];

const rowClassName = (params: GridRowClassNameParams<CaseloadRow>) => (params.row.safety ? 'row-safety' : '');

// Module constants: a new sx object each render makes emotion serialise the grid's styles again.
const GRID_SX = {
  // Only while scrolled sideways: a transform and z-index on every Name cell cost each sort and
  // filter about 10 ms of style and layout, and at scroll 0 they would move nothing.
  '&[data-name-shifted] .MuiDataGrid-cell[data-field="name"], &[data-name-shifted] .MuiDataGrid-columnHeader[data-field="name"]': {
    transform: 'translateX(var(--name-shift, 0px))',
    position: 'relative',
    zIndex: 2,
    backgroundColor: 'background.paper',
    boxShadow: '1px 0 0 rgba(0,0,0,0.12)',
  },
  '& .row-safety': { boxShadow: 'inset 4px 0 0 #c62828' },
  '& .MuiDataGrid-row': { cursor: 'pointer' },
  '& .MuiDataGrid-cell': { py: 0.5 },
  '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', lineHeight: 1.15 },
  // Badges in cells (columns.tsx): the look of MUI's small Chip, without a component per badge.
  '& .cl-chip': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 24,
    px: 1,
    borderRadius: 12,
    fontSize: '0.8125rem',
    lineHeight: 1,
    whiteSpace: 'nowrap',
    bgcolor: 'rgba(0, 0, 0, 0.08)',
    color: 'rgba(0, 0, 0, 0.87)',
  },
  '& .cl-chip-error': { bgcolor: 'error.main', color: 'error.contrastText' },
  '& .cl-chip-review': { bgcolor: '#7a4100', color: '#fff' },
  // The look of MUI's small text Button.
  '& .cl-action': {
    font: 'inherit',
    fontSize: '0.8125rem',
    fontWeight: 500,
    textTransform: 'uppercase',
    letterSpacing: '0.02857em',
    lineHeight: 1.75,
    verticalAlign: 'middle',
    color: 'primary.main',
    background: 'none',
    border: 0,
    borderRadius: 1,
    px: 0.625,
    py: 0.5,
    cursor: 'pointer',
    '&:hover': { bgcolor: 'rgba(25, 118, 210, 0.04)' },
    '&:disabled': { color: 'text.disabled', cursor: 'default' },
  },
} as const;

const MemoFiltersBar = memo(CaseloadFiltersBar);

/** The row's review action; memoised so a sort or filter does not rebuild every button. */
const FlagCell = memo(function FlagCell({ row, busy, onFlagForReview }: { row: CaseloadRow; busy: boolean; onFlagForReview: (row: CaseloadRow) => void }) {
  return row.flaggedForReview ? (
    'Flagged'
  ) : (
    // A native button styled by the grid (GRID_SX), not MUI's: a sort mounts one per row shown.
    <button
      type="button"
      className="cl-action"
      disabled={busy || row.load === 'failed'}
      onClick={(e) => {
        e.stopPropagation();
        onFlagForReview(row);
      }}
      aria-label={`Flag for review: ${row.name}`}
    >
      Flag for review
    </button>
  );
});

export function CaseloadGrid({ rows, me, nameOf, ui, onUiChange, onOpen, onFlagForReview, busy }: CaseloadGridProps) {
  const apiRef = useGridApiRef();
  // Name stays in view while the user scrolls right (the free grid has no column pinning, and
  // a sticky cell does not hold inside its rows): the Name cells move back by the scroll.
  useEffect(
    () =>
      apiRef.current?.subscribeEvent('scrollPositionChange', (params) => {
        const root = apiRef.current?.rootElementRef?.current;
        if (!root) return;
        root.style.setProperty('--name-shift', `${params.left}px`);
        root.toggleAttribute('data-name-shifted', params.left > 0);
      }),
    [apiRef],
  );
  const { role, may } = useRole();
  const view = ui.view ?? defaultView(role);
  const shown = useMemo(() => filterRows(rows, ui.filters, me), [rows, ui.filters, me]);
  const mine = mineIsOn(ui.filters, rows, me);
  const careManagers = useMemo(() => {
    const refs = [...new Set(rows.map((r) => r.careManager).filter((r): r is string => r !== undefined))];
    return refs.map((reference) => ({ reference, name: nameOf(reference) })).sort((a, b) => a.name.localeCompare(b.name));
  }, [rows, nameOf]);

  // The latest scroll position, kept as the grid reports it; handed to the parent on open.
  const [lastScroll] = useState(() => ({ ...ui.scroll }));
  useEffect(
    () =>
      apiRef.current?.subscribeEvent('scrollPositionChange', (params) => {
        lastScroll.top = params.top;
        lastScroll.left = params.left;
      }),
    [apiRef, lastScroll],
  );
  // Callbacks stay the same objects across renders (onUiChange and onOpen are stable in the
  // parent): the grid and its memoised cells re-render when a callback prop changes.
  const open = useCallback(
    (id: string) => {
      onUiChange({ scroll: { ...lastScroll } });
      onOpen(id);
    },
    [onUiChange, onOpen, lastScroll],
  );
  const ctx = useMemo(() => ({ nameOf, onOpen: open }), [nameOf, open]);
  const columns = useMemo<GridColDef<CaseloadRow>[]>(() => {
    const base = gridColumns(ctx);
    if (may('flag-for-review'))
      base.push({
        field: 'actions',
        headerName: 'Review',
        width: ACTIONS_WIDTH,
        sortable: false,
        filterable: false,
        disableExport: true,
        renderCell: ({ row }) => <FlagCell row={row} busy={busy.has(row.id)} onFlagForReview={onFlagForReview} />,
      });
    return base;
  }, [ctx, busy, onFlagForReview, may]);
  // The sort is the grid's own state, handed to the parent when the grid goes (a patient opened,
  // another tab). Held by the parent, each click rendered the whole registry before the grid
  // sorted: a sort took 47 ms (median of 18 clicks, 1,000-patient panel), 31 ms without.
  const lastSort = useRef(ui.sortModel);
  const onSortModelChange = useCallback((sortModel: CaseloadUiState['sortModel']) => {
    lastSort.current = sortModel;
  }, []);
  useEffect(() => () => onUiChange({ sortModel: lastSort.current }), [onUiChange]);
  const [initialState] = useState(() => ({ sorting: { sortModel: ui.sortModel } }));
  const onPaginationModelChange = useCallback((paginationModel: CaseloadUiState['paginationModel']) => onUiChange({ paginationModel }), [onUiChange]);
  const onRowClick = useCallback((params: GridRowParams) => open(String(params.id)), [open]);
  const onCellKeyDown = useCallback(
    (params: GridCellParams, event: React.KeyboardEvent) => {
      if (event.key === 'Enter' && params.field !== 'actions') open(String(params.id));
    },
    [open],
  );
  const onFiltersChange = useCallback(
    (filters: CaseloadUiState['filters']) => onUiChange({ filters, paginationModel: { ...ui.paginationModel, page: 0 } }),
    [onUiChange, ui.paginationModel],
  );
  const columnVisibilityModel = useMemo(
    () =>
      visibilityOf(
        view,
        columns.map((c) => c.field),
      ),
    [view, columns],
  );

  // Back from a patient: the same scroll position once the rows are laid out again.
  useLayoutEffect(() => {
    const { top, left } = ui.scroll;
    if (top === 0 && left === 0) return;
    const frame = requestAnimationFrame(() => apiRef.current?.scroll({ top, left }));
    return () => cancelAnimationFrame(frame);
    // Only on mount: later scrolling is the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function exportCsv() {
    const api = apiRef.current;
    if (!api) return;
    const ids = gridFilteredSortedRowIdsSelector(apiRef);
    const fields = gridVisibleColumnDefinitionsSelector(apiRef).map((c) => c.field);
    const byId = new Map(shown.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(String(id))).filter((r): r is CaseloadRow => r !== undefined);
    downloadText(toCsv(csvColumns(fields, { nameOf, onOpen }), ordered), 'caseload.csv');
  }

  return (
    <Box>
      <MemoFiltersBar filters={ui.filters} mine={mine} canFilterMine={me !== undefined} careManagers={careManagers} onChange={onFiltersChange} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: CaseloadView | null) => v && onUiChange({ view: v })} aria-label="Columns to show">
          {VIEWS.map((v) => (
            <ToggleButton key={v} value={v} sx={{ textTransform: 'none', py: 0.25, color: 'text.primary' }}>
              {VIEW_LABEL[v]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Typography data-testid="caseload-count" role="status">
          {shown.length} of {rows.length} {rows.length === 1 ? 'patient' : 'patients'} shown
        </Typography>
        <Button size="small" variant="outlined" onClick={exportCsv} disabled={shown.length === 0}>
          Export CSV
        </Button>
      </Stack>
      <Box sx={{ height: 'max(420px, calc(100vh - 300px))' }}>
        <DataGrid
          apiRef={apiRef}
          // The grid renders its own <style> element: it needs the page's CSP nonce too.
          nonce={styleNonce()}
          aria-label="Caseload"
          rows={shown}
          columns={columns}
          columnVisibilityModel={columnVisibilityModel}
          density="compact"
          rowHeight={44}
          initialState={initialState}
          onSortModelChange={onSortModelChange}
          paginationModel={ui.paginationModel}
          onPaginationModelChange={onPaginationModelChange}
          pageSizeOptions={PAGE_SIZES}
          disableRowSelectionOnClick
          onRowClick={onRowClick}
          onCellKeyDown={onCellKeyDown}
          getRowClassName={rowClassName}
          // Headers wrap onto two lines, so the saved views' columns fit at 1024 px (views.ts).
          columnHeaderHeight={52}
          // Columns as far as 6000 px away are rendered (all 27 of them), so the Name column is
          // never swapped out while it is shifted into view; rows are still virtualised.
          columnBufferPx={6000}
          sx={GRID_SX}
        />
      </Box>
    </Box>
  );
}

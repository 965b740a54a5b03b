/**
 * The caseload grid: filters, the MUI X Data Grid (virtualized rows, sorting on every column,
 * keyboard navigation), CSV export of exactly what is shown, and "Flag for review" per row.
 */
import Box from '@mui/material/Box';
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
import { csvColumns, gridColumns, sortKey } from './columns';
import { styleNonce } from '../../shared/styleNonce';
import { downloadText, toCsv } from '../../shared/csv/csv';
import { CaseloadFiltersBar } from './CaseloadFiltersBar';
import { CaseloadToolbar } from './CaseloadToolbar';
import { type CaseloadFilters, filterRows, mineIsOn } from './filterRows';
import { sortRows } from './sortRows';
import { useRole } from '../../app/role/RoleContext';
import { ACTIONS_WIDTH, type CaseloadView, defaultView, visibilityOf } from './views';

export interface CaseloadGridProps {
  rows: readonly CaseloadRow[];
  me: string | undefined;
  nameOf: (reference: string | undefined) => string;
  ui: CaseloadUiState;
  /** Gets the screen state back when the grid goes (and the chosen view at once). */
  onUiChange: (patch: Partial<CaseloadUiState>) => void;
  /** "My patients" turned on or off: it chooses what the registry reads. */
  onMineChange: (mine: boolean) => void;
  onOpen: (patientId: string) => void;
  onFlagForReview: (row: CaseloadRow) => void;
  /** Patient ids with a write under way (their action is disabled). */
  busy: ReadonlySet<string>;
}

const PAGE_SIZES = [25, 50, 100];

const rowClassName = (params: GridRowClassNameParams<CaseloadRow>) => (params.row.safety ? 'row-safety' : '');

// Module constants: a new sx object each render makes emotion serialise the grid's styles again.
const GRID_SX = {
  '& .MuiDataGrid-cell[data-field="name"], & .MuiDataGrid-columnHeader[data-field="name"]': {
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
  // The patient's name: the look of MUI's Link as a button (underlined, primary colour).
  '& .cl-link': {
    font: 'inherit',
    letterSpacing: 'inherit',
    color: 'primary.main',
    textDecoration: 'underline',
    textDecorationColor: 'rgba(29, 79, 145, 0.4)',
    textAlign: 'left',
    background: 'none',
    border: 0,
    margin: 0,
    padding: 0,
    cursor: 'pointer',
    verticalAlign: 'middle',
    '&:hover': { textDecorationColor: 'inherit' },
    '&:focus:not(:focus-visible)': { outline: 0 },
  },
  // The look of MUI's caption Typography (load problems under the name, "Not read").
  '& .cl-caption': { fontSize: '0.75rem', lineHeight: 1.66, letterSpacing: '0.03333em', color: 'text.secondary' },
  '& .cl-caption-error': { display: 'block', lineHeight: 1.2, color: 'error.main' },
  '& .cl-overdue': { display: 'inline-flex', gap: '6px', alignItems: 'center', whiteSpace: 'nowrap' },
  '& .cl-overdue-date': { fontSize: '0.875rem', color: 'error.main', fontWeight: 700 },
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
    '&:hover': { bgcolor: 'rgba(29, 79, 145, 0.04)' },
    '&:disabled': { color: 'text.disabled', cursor: 'default' },
  },
} as const;

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

export function CaseloadGrid({ rows, me, nameOf, ui, onUiChange, onMineChange, onOpen, onFlagForReview, busy }: CaseloadGridProps) {
  const apiRef = useGridApiRef();
  // Name stays in view while the user scrolls right (the free grid has no column pinning, and
  // a sticky cell does not hold inside its rows): the Name cells move back by the scroll.
  useEffect(
    () =>
      apiRef.current?.subscribeEvent('scrollPositionChange', (params) => {
        apiRef.current?.rootElementRef?.current?.style.setProperty('--name-shift', `${params.left}px`);
      }),
    [apiRef],
  );
  const { role, may } = useRole();
  const view = ui.view ?? defaultView(role);
  // Filters, sort and page live here while the grid is shown, so a keystroke or a sort renders
  // the grid, not the whole registry around it; the parent gets them back when the grid goes
  // (a patient opened, another tab), to restore them on Back.
  const [filters, setFilters] = useState(ui.filters);
  const [sortModel, setSortModel] = useState(ui.sortModel);
  const [paginationModel, setPaginationModel] = useState(ui.paginationModel);
  const shown = useMemo(() => filterRows(rows, filters, me), [rows, filters, me]);
  const mine = mineIsOn(filters, rows, me);
  const careManagers = useMemo(() => {
    const refs = [...new Set(rows.map((r) => r.careManager).filter((r): r is string => r !== undefined))];
    return refs.map((reference) => ({ reference, name: nameOf(reference) })).sort((a, b) => a.name.localeCompare(b.name));
  }, [rows, nameOf]);

  // The latest scroll position, kept as the grid reports it.
  const [lastScroll] = useState(() => ({ ...ui.scroll }));
  useEffect(
    () =>
      apiRef.current?.subscribeEvent('scrollPositionChange', (params) => {
        lastScroll.top = params.top;
        lastScroll.left = params.left;
      }),
    [apiRef, lastScroll],
  );
  const kept = useRef({ filters, sortModel, paginationModel });
  useEffect(() => {
    kept.current = { filters, sortModel, paginationModel };
  }, [filters, sortModel, paginationModel]);
  useEffect(() => () => onUiChange({ ...kept.current, scroll: { ...lastScroll } }), [onUiChange, lastScroll]);

  const ctx = useMemo(() => ({ nameOf, onOpen }), [nameOf, onOpen]);
  // Sorted here, on keys read once per row (sortRows), and handed to the grid in order. The grid
  // keys its rows by position, not by patient: after a sort or a filter each row element on
  // screen is updated with its new patient instead of a new screenful being mounted (the cost of
  // a sort in MUI X). Everything that acts on a row reads the patient from the row itself.
  const sorted = useMemo(() => sortRows(shown, sortModel, (field, row) => sortKey(field, row, ctx)), [shown, sortModel, ctx]);
  const positionOf = useMemo(() => new Map(sorted.map((row, i) => [row, i])), [sorted]);
  const getRowId = useCallback((row: CaseloadRow) => positionOf.get(row) ?? row.id, [positionOf]);
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
  const onRowClick = useCallback((params: GridRowParams<CaseloadRow>) => onOpen(params.row.id), [onOpen]);
  const onCellKeyDown = useCallback(
    (params: GridCellParams<CaseloadRow>, event: React.KeyboardEvent) => {
      if (event.key === 'Enter' && params.field !== 'actions') onOpen(params.row.id);
    },
    [onOpen],
  );
  const onFiltersChange = useCallback(
    (patch: Partial<CaseloadFilters>) => {
      // In the event, before the grid renders the new choice with the old scope's rows.
      if (typeof patch.mine === 'boolean') onMineChange(patch.mine);
      setFilters((f) => ({ ...f, ...patch }));
      setPaginationModel((p) => (p.page === 0 ? p : { ...p, page: 0 }));
    },
    [onMineChange],
  );
  const onViewChange = useCallback((v: CaseloadView) => onUiChange({ view: v }), [onUiChange]);
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

  // What is shown, in the grid's order (its own column filter included), through the visible columns.
  const exportCsv = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const ordered = gridFilteredSortedRowIdsSelector(apiRef)
      .map((id) => api.getRow<CaseloadRow>(id))
      .filter((r): r is CaseloadRow => r !== null && r !== undefined);
    const fields = gridVisibleColumnDefinitionsSelector(apiRef).map((c) => c.field);
    downloadText(toCsv(csvColumns(fields, ctx), ordered), 'caseload.csv');
  }, [apiRef, ctx]);

  return (
    <Box>
      <CaseloadFiltersBar filters={filters} mine={mine} canFilterMine={me !== undefined} careManagers={careManagers} onChange={onFiltersChange} />
      <CaseloadToolbar view={view} onViewChange={onViewChange} shown={shown.length} total={rows.length} onExport={exportCsv} />
      <Box sx={{ height: 'max(420px, calc(100vh - 300px))' }}>
        <DataGrid
          apiRef={apiRef}
          // The grid renders its own <style> element: it needs the page's CSP nonce too.
          nonce={styleNonce()}
          aria-label="Caseload"
          rows={sorted}
          getRowId={getRowId}
          columns={columns}
          columnVisibilityModel={columnVisibilityModel}
          density="compact"
          rowHeight={44}
          sortingMode="server"
          sortModel={sortModel}
          onSortModelChange={setSortModel}
          paginationModel={paginationModel}
          onPaginationModelChange={setPaginationModel}
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

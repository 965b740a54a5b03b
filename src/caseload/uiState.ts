import type { GridPaginationModel, GridSortModel } from '@mui/x-data-grid';
import { DEFAULT_FILTERS, type CaseloadFilters } from './grid/filterRows';
import type { CaseloadView } from './grid/views';

/**
 * What the user set up on the caseload screen, kept by the registry's parent while a patient
 * is open, so Back returns to the same tab, filters, sort, page and scroll. In memory only.
 */
export interface CaseloadUiState {
  tab: 'caseload' | 'review' | 'reports' | 'search' | 'billing' | 'program';
  filters: CaseloadFilters;
  sortModel: GridSortModel;
  paginationModel: GridPaginationModel;
  scroll: { top: number; left: number };
  /** The chosen saved view; undefined: the role's own. */
  view?: CaseloadView | undefined;
}

export const INITIAL_UI_STATE: CaseloadUiState = {
  tab: 'caseload',
  filters: DEFAULT_FILTERS,
  sortModel: [{ field: 'name', sort: 'asc' }],
  paginationModel: { page: 0, pageSize: 100 },
  scroll: { top: 0, left: 0 },
};

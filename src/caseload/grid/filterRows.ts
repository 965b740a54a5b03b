/**
 * The caseload's filters, applied before the grid sees the rows (the community grid filters
 * on one column at a time; a caseload review needs several at once). Pure.
 */
import type { CaseloadRow, RowPhase } from '../../clinical/caseload';

export type PhaseFilter = 'current' | 'all' | RowPhase;

export interface CaseloadFilters {
  /** `auto`: on when the signed-in user is the care manager of any row (a care manager's default). */
  readonly mine: 'auto' | boolean;
  /** A care manager reference, or '' for anyone. */
  readonly careManager: string;
  readonly phase: PhaseFilter;
  readonly flagged: boolean;
  readonly safety: boolean;
  readonly notImproving: boolean;
  /** The next scale is overdue. */
  readonly overdue: boolean;
  /** The next contact is overdue. */
  readonly contactOverdue: boolean;
  /** Name or MRN, case-insensitive; every word must match. */
  readonly search: string;
}

export const DEFAULT_FILTERS: CaseloadFilters = {
  mine: 'auto',
  careManager: '',
  phase: 'current',
  flagged: false,
  safety: false,
  notImproving: false,
  overdue: false,
  contactOverdue: false,
  search: '',
};

/** Whether "my patients" is on: explicit, or (auto) when the user cares for any of the rows. */
export function mineIsOn(filters: CaseloadFilters, rows: readonly CaseloadRow[], me: string | undefined): boolean {
  if (filters.mine !== 'auto') return filters.mine && me !== undefined;
  return me !== undefined && rows.some((r) => r.careManager === me);
}

function phaseMatches(filter: PhaseFilter, row: CaseloadRow): boolean {
  if (filter === 'all') return true;
  // "Current": everyone not discharged; rows that failed to load stay visible (they say why).
  if (filter === 'current') return row.phase !== 'discharged';
  return row.phase === filter;
}

export function filterRows(rows: readonly CaseloadRow[], filters: CaseloadFilters, me: string | undefined): CaseloadRow[] {
  const mine = mineIsOn(filters, rows, me);
  const words = filters.search
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  return rows.filter((row) => {
    if (mine && row.careManager !== me && row.load !== 'failed') return false;
    if (filters.careManager && row.careManager !== filters.careManager) return false;
    if (!phaseMatches(filters.phase, row)) return false;
    if (filters.flagged && !row.flaggedForReview) return false;
    if (filters.safety && !row.safety) return false;
    if (filters.notImproving && !row.notImproving) return false;
    if (filters.overdue && !row.scaleOverdue) return false;
    if (filters.contactOverdue && !row.contactOverdue) return false;
    if (words.length) {
      const hay = `${row.name} ${row.mrn ?? ''}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

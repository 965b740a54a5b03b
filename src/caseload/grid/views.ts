/**
 * Saved views of the caseload: a few columns each, so Name (first) and what the user came for
 * fit without scrolling sideways, at 1024 px too. Each role opens on its own view. Pure.
 */
import type { Role } from '../../clinical/roles/roles';

export type CaseloadView = 'today' | 'scores' | 'contacts' | 'all';

export const VIEW_LABEL: Readonly<Record<CaseloadView, string>> = {
  today: 'Today',
  scores: 'Scores',
  contacts: 'Contacts and billing',
  all: 'All columns',
};
export const VIEWS = Object.keys(VIEW_LABEL) as CaseloadView[];

/** The columns of each view (every view keeps Name first and the row actions last). */
const VIEW_FIELDS: Readonly<Record<Exclude<CaseloadView, 'all'>, readonly string[]>> = {
  today: ['name', 'flags', 'phq9Latest', 'nextDue', 'nextContactDue', 'actions'],
  // Each at most FITS_1024 wide (views.test.ts): no sideways scroll, so the name stays in view.
  // Baseline and the last review are in the patient view and in All columns; a safety row keeps
  // its red edge where Flags is not shown.
  scores: ['name', 'flags', 'weeks', 'phq9Baseline', 'phq9Latest', 'phq9Change', 'phq9Response', 'gad7Latest', 'gad7Change'],
  contacts: ['name', 'lastContact', 'contactsThisMonth', 'nextContactDue', 'minutesThisMonth', 'codesThisMonth', 'minutesToNextCode'],
};

/** Width the grid has inside the EHR's frame at a 1024 px window (frame, padding, scroll bar). */
export const FITS_1024 = 930;

/** Width of the row actions column (Flag for review), which the grid adds where the role may. */
export const ACTIONS_WIDTH = 140;

/** The fields of a saved view (All columns: undefined, every field). */
export function viewFields(view: CaseloadView): readonly string[] | undefined {
  return view === 'all' ? undefined : VIEW_FIELDS[view];
}

/** MUI's column visibility model for a view: every column not in it is hidden. */
export function visibilityOf(view: CaseloadView, allFields: readonly string[]): Record<string, boolean> {
  if (view === 'all') return {};
  const shown = new Set(VIEW_FIELDS[view]);
  return Object.fromEntries(allFields.map((f) => [f, shown.has(f)]));
}

const ROLE_VIEW: Readonly<Record<Role, CaseloadView>> = {
  'care-manager': 'today',
  'medical-assistant': 'today',
  pcp: 'scores',
  'psychiatric-consultant': 'scores',
  'program-lead': 'contacts',
};

export function defaultView(role: Role | undefined): CaseloadView {
  return role ? ROLE_VIEW[role] : 'today';
}

type Sortable = string | number | boolean | null | undefined;

function blank(v: Sortable): boolean {
  return v === null || v === undefined || v === '';
}

// One collator for every comparison: `localeCompare` with options builds one per call.
const collator = new Intl.Collator(undefined, { numeric: true });

/** A comparator for one direction that puts blanks last whichever way the column is sorted. */
export function blanksLast(direction: 'asc' | 'desc' | null | undefined): (a: Sortable, b: Sortable) => number {
  const sign = direction === 'desc' ? -1 : 1;
  return (a, b) => {
    if (blank(a) || blank(b)) return blank(a) === blank(b) ? 0 : blank(a) ? 1 : -1;
    if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
    return sign * collator.compare(String(a), String(b));
  };
}

/**
 * The caseload's sort, done before the grid sees the rows (the grid is told the sort is done
 * "on the server"): each row's key for the sorted column is read once, not once per comparison;
 * blanks go last whichever the direction (`blanksLast`); ties keep the rows' own order. Pure.
 */
import type { GridSortModel } from '@mui/x-data-grid';
import { blanksLast, type Sortable } from './views';

export function sortRows<R>(rows: readonly R[], model: GridSortModel, keyOf: (field: string, row: R) => Sortable): readonly R[] {
  const active = model.filter((m) => m.sort);
  if (active.length === 0) return rows;
  const compare = active.map((m) => blanksLast(m.sort));
  const keyed = rows.map((row, index) => ({ row, index, keys: active.map((m) => keyOf(m.field, row)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < compare.length; i++) {
      const order = compare[i]!(a.keys[i], b.keys[i]);
      if (order !== 0) return order;
    }
    return a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

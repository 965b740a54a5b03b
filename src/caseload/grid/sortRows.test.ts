import { describe, expect, it } from 'vitest';
import { sortRows } from './sortRows';

interface Item {
  id: string;
  score?: number | undefined;
  name: string;
}

const items: Item[] = [
  { id: 'a', score: 12, name: 'Ortiz' },
  { id: 'b', name: 'adams' },
  { id: 'c', score: 3, name: 'Baker 10' },
  { id: 'd', score: 12, name: 'Baker 9' },
  { id: 'e', score: undefined, name: '' },
];
const keyOf = (field: string, item: Item) => (field === 'score' ? item.score : item.name);
const ids = (rows: readonly Item[]) => rows.map((r) => r.id);

describe('sortRows', () => {
  it('sorts numbers both ways with blanks last, ties in their own order', () => {
    expect(ids(sortRows(items, [{ field: 'score', sort: 'asc' }], keyOf))).toEqual(['c', 'a', 'd', 'b', 'e']);
    expect(ids(sortRows(items, [{ field: 'score', sort: 'desc' }], keyOf))).toEqual(['a', 'd', 'c', 'b', 'e']);
  });

  it('sorts text as people read it (case-insensitive order, numbers by value), blanks last', () => {
    expect(ids(sortRows(items, [{ field: 'name', sort: 'asc' }], keyOf))).toEqual(['b', 'd', 'c', 'a', 'e']);
    expect(ids(sortRows(items, [{ field: 'name', sort: 'desc' }], keyOf))).toEqual(['a', 'c', 'd', 'b', 'e']);
  });

  it('reads each key once per row, not once per comparison', () => {
    let reads = 0;
    sortRows(items, [{ field: 'score', sort: 'asc' }], (field, item) => {
      reads++;
      return keyOf(field, item);
    });
    expect(reads).toBe(items.length);
  });

  it('keeps the rows as they are without a sort, and breaks ties on a second field', () => {
    expect(sortRows(items, [], keyOf)).toBe(items);
    expect(ids(sortRows(items, [{ field: 'score', sort: null }], keyOf))).toEqual(ids(items));
    expect(
      ids(
        sortRows(
          items,
          [
            { field: 'score', sort: 'desc' },
            { field: 'name', sort: 'asc' },
          ],
          keyOf,
        ),
      ),
    ).toEqual(['d', 'a', 'c', 'b', 'e']);
  });
});

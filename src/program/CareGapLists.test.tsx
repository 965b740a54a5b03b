import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CareGap, ProgramPatient } from '../clinical/program';
import { CareGapLists, GAP_ROWS_SHOWN } from './CareGapLists';

const gap = (i: number): CareGap => ({
  kind: 'phq9-overdue',
  patientId: `p${i}`,
  reason: 'PHQ-9 due every 4 weeks',
  careManager: undefined,
  due: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
});

function lists(count: number) {
  const gaps = Array.from({ length: count }, (_, i) => gap(i));
  render(<CareGapLists gaps={gaps} measureGaps={[]} today="2026-12-01" patients={new Map<string, ProgramPatient>()} nameOf={() => ''} onOpenPatient={() => undefined} />);
  return within(screen.getByRole('table', { name: `PHQ-9 overdue (${count})` }));
}

describe('CareGapLists', () => {
  it('shows the first rows of a long list, and all of them on "Show all"; the caption counts them all', () => {
    const table = lists(GAP_ROWS_SHOWN + 12);
    // One header row and the rows shown.
    expect(table.getAllByRole('row')).toHaveLength(GAP_ROWS_SHOWN + 1);
    expect(table.getAllByRole('row')[1]!.textContent).toContain('p0');
    fireEvent.click(screen.getByRole('button', { name: `Show all ${GAP_ROWS_SHOWN + 12}: PHQ-9 overdue` }));
    expect(table.getAllByRole('row')).toHaveLength(GAP_ROWS_SHOWN + 13);
    expect(screen.queryByRole('button', { name: /^Show all .*PHQ-9 overdue/ })).toBeNull();
  });

  it('offers no "Show all" when every row is shown already', () => {
    const table = lists(3);
    expect(table.getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
  });
});

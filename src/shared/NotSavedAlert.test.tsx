import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failedRecords, NotSavedAlert } from './NotSavedAlert';

describe('NotSavedAlert', () => {
  it('names each record that was not saved with its reason, then what the user can do', () => {
    const failed = failedRecords([
      { label: 'enrollment record', saved: true },
      { label: 'care manager assignment', saved: false, reason: 'the EHR did not answer' },
      { label: 'review request flag', saved: false, reason: 'error 503' },
    ]);
    render(<NotSavedAlert failed={failed} next="Nothing else changed; copy the note text or try again." />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Not saved to the EHR: care manager assignment (the EHR did not answer); review request flag (error 503). Nothing else changed; copy the note text or try again.',
    );
  });

  it('says nothing when every record was saved, or before a save', () => {
    const { container } = render(<NotSavedAlert failed={failedRecords([{ label: 'enrollment record', saved: true }])} next="Try again." />);
    expect(container.textContent).toBe('');
    expect(failedRecords(undefined)).toEqual([]);
  });
});

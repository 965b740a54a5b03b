/**
 * A long history draws from its first page (newest first) with a visible "loading older
 * scores" note and adds the older pages once they are in; when a later page fails, what arrived stays
 * on screen with a note saying older records could not be read.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { observation, totalQuantity } from '../../clinical/testing/fhirBuilders';
import { FhirApi } from '../../fhir/fhirApi';
import { clinicDaysAgo, searchset, TEST_FHIR_BASE, testSession } from '../../fhir/testing/testSession';
import { PatientView } from '../PatientView';
import { emptyChartHandlers, renderWithChart } from './testing/renderWithChart';

vi.mock('../trajectory/TrajectoryChart', () => ({ default: () => <div data-testid="chart" /> }));

const server = setupServer(...emptyChartHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const phq9 = (i: number) => observation({ id: `o${i}`, code: '44261-6', effective: `${clinicDaysAgo(7 + i * 14)}T10:00:00-05:00`, value: totalQuantity(10 + (i % 5)) });

/** Two pages, newest first; the second waits for `release` (or fails). */
function servePages(second: 'slow' | 'fail') {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const sorts: (string | null)[] = [];
  server.use(
    http.get(`${TEST_FHIR_BASE}/Observation`, async ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.get('page') === '2') {
        await released;
        if (second === 'fail') return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }, { status: 503 });
        return HttpResponse.json(searchset([3, 4].map(phq9)));
      }
      sorts.push(url.searchParams.get('_sort'));
      return HttpResponse.json({ ...searchset([0, 1, 2].map(phq9)), link: [{ relation: 'next', url: `${TEST_FHIR_BASE}/Observation?page=2` }] });
    }),
  );
  return { release: () => release(), sorts };
}

const rows = () => within(screen.getByRole('table', { name: 'PHQ-9 scores' })).getAllByTestId('score-row').length;

describe('a long history, page by page', () => {
  it('draws the newest page first with a loading note, then adds the older page', async () => {
    const pages = servePages('slow');
    // The second page is held back by the test: a patient EHR (no timeout while it waits).
    renderWithChart(<PatientView />, { session: testSession({ api: new FhirApi({ serverUrl: TEST_FHIR_BASE, timeoutMs: 60_000, authorization: async () => 'Bearer test' }) }) });
    await waitFor(() => expect(rows()).toBe(3), { timeout: 4000 });
    expect(pages.sorts).toEqual(['-date']);
    expect(screen.getByText(/Loading older scores from the EHR/)).toBeTruthy();
    // The enrollment is not guessed from the first page: it is said to be loading.
    expect(screen.getByText(/Reading the enrollment/)).toBeTruthy();
    pages.release();
    await waitFor(() => expect(rows()).toBe(5), { timeout: 4000 });
    expect(screen.queryByText(/Loading older scores/)).toBeNull();
  });

  it('keeps the first page when a later one fails, and says older records could not be read', async () => {
    const pages = servePages('fail');
    renderWithChart(<PatientView />);
    await waitFor(() => expect(rows()).toBe(3), { timeout: 4000 });
    pages.release();
    await screen.findByText('Enrollment could not be read from the EHR.');
    expect(rows()).toBe(3);
    expect(screen.getByText(/Scores \(Observations\) could not be loaded/)).toBeTruthy();
  });
});

import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferredPart } from './deferredPart';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A loader that fails its first `failures` calls, as a chunk download that drops. */
function flakyLoader(failures: number) {
  let calls = 0;
  return vi.fn(() => {
    calls += 1;
    return calls <= failures ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve({ default: Greeting });
  });
}

function Screen({ Part }: { Part: ReturnType<typeof deferredPart<{ name: string }>>['Part'] }) {
  return (
    <main>
      <h1>Patient banner</h1>
      <Part name="Ana" />
    </main>
  );
}

// React reports each error a boundary catches on the console; the words on screen are what is tested.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('deferredPart', () => {
  it('while loading shows a labelled skeleton, or nothing when the caller passes fallback={null} (a dialog, the app bar)', () => {
    const pending = () => new Promise<{ default: typeof Greeting }>(() => undefined);
    const withSkeleton = render(<Screen Part={deferredPart('greeting', pending).Part} />);
    expect(withSkeleton.getByLabelText('Loading greeting').className).toContain('MuiSkeleton');
    withSkeleton.unmount();
    const quiet = deferredPart('greeting', pending);
    const { container } = render(<quiet.Part name="Ana" fallback={null} />);
    expect(container.innerHTML).toBe('');
  });

  it('a chunk that fails once says so in words, keeps the rest of the screen, and Try again brings the part', async () => {
    const part = deferredPart('greeting', flakyLoader(1));
    render(<Screen Part={part.Part} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The greeting could not be loaded. Check the connection, then try again.');
    expect(screen.getByRole('heading', { name: 'Patient banner' }).textContent).toBe('Patient banner');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByText('Hello Ana')).tagName).toBe('P');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a retry that fails while the server answers offers to reload the app (the browser holds the failed download)', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response('', { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    const part = deferredPart('greeting', flakyLoader(Infinity));
    render(<Screen Part={part.Part} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('button', { name: 'Reload the app' })).tagName).toBe('BUTTON');
    expect(screen.getByRole('alert').textContent).toContain('The greeting still could not be loaded. Reload the app: you stay signed in.');
    // The question asked of the server names the app's folder only, never a patient or the launch.
    expect(fetch).toHaveBeenCalledWith('.', { cache: 'no-store' });
  });

  it('a retry that fails while the server does not answer (or answers 5xx) says so and offers Try again, not a reload', async () => {
    const answers = [Promise.reject(new TypeError('Failed to fetch')), Promise.resolve(new Response('', { status: 502 }))];
    answers[0]?.catch(() => undefined);
    const fetch = vi.fn(() => answers.shift());
    vi.stubGlobal('fetch', fetch);
    const part = deferredPart('greeting', flakyLoader(Infinity));
    render(<Screen Part={part.Part} />);
    for (const asked of [1, 2]) {
      fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
      await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(asked));
      await act(() => Promise.resolve());
      expect(screen.getByRole('alert').textContent).toBe('The greeting still could not be loaded: the server does not answer. Try again once the connection is back.Try again');
    }
  });

  it('a part whose own chunk loads but whose inner chunk fails again after a retry offers the reload too', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('', { status: 200 }))),
    );
    function Broken(): never {
      throw new TypeError('Failed to fetch dynamically imported module');
    }
    const part = deferredPart<object>('Program tab', () => Promise.resolve({ default: Broken }));
    render(<part.Part />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('button', { name: 'Reload the app' })).tagName).toBe('BUTTON');
    expect(screen.getByRole('alert').textContent).toContain('The Program tab still could not be loaded.');
  });
});

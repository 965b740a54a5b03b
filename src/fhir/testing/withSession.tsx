/** Component tests: render under a SessionProvider holding a test session (see testSession). */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { SessionProvider } from '../../app/SessionContext';
import type { Session } from '../session';
import { testSession } from './testSession';

export function renderWithSession(ui: ReactElement, session: Session = testSession()) {
  return render(ui, { wrapper: ({ children }) => <SessionProvider session={session}>{children}</SessionProvider> });
}

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useEffect, useRef, useState } from 'react';
import type { TokenClock } from '../fhir/session';
import { expiryState, timeLeftText, type ExpiryState } from './sessionExpiry';

const TICK_MS = 5_000;

/**
 * Keeps the EHR session alive where the EHR allows (renewing the token ahead of its end, so an
 * idle screen still saves) and, where it does not, says plainly a few minutes ahead that the
 * session will end, then that it has. Unsaved text stays where it is: the drafts are the
 * forms' own, untouched by this notice.
 */
export function SessionExpiryNotice({ token }: { token: TokenClock }) {
  const [state, setState] = useState<ExpiryState>({ kind: 'fine' });
  // A refused renewal is not retried on every tick: from then on the token counts as final.
  const renewRefused = useRef(false);
  const renewing = useRef(false);

  useEffect(() => {
    let live = true;
    const check = (): void => {
      const next = expiryState(Date.now(), token.expiresAt(), token.canRefresh() && !renewRefused.current);
      if (next.kind === 'renew') {
        if (renewing.current) return;
        renewing.current = true;
        void token.renew().then((ok) => {
          renewing.current = false;
          if (!ok) renewRefused.current = true;
          if (live) check();
        });
        return;
      }
      setState(next);
    };
    check();
    const timer = setInterval(check, TICK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [token]);

  if (state.kind === 'ending') {
    return (
      <Alert severity="warning" role="alert" sx={{ borderRadius: 0 }}>
        <AlertTitle>Your EHR session ends {timeLeftText(state.msLeft)}</AlertTitle>
        The EHR does not let CoCM Registry renew it. Save what you are working on now; then open CoCM Registry again from the EHR to continue.
      </Alert>
    );
  }
  if (state.kind === 'ended') {
    return (
      <Alert severity="error" role="alert" sx={{ borderRadius: 0 }}>
        <AlertTitle>Your EHR session has ended</AlertTitle>
        Nothing more can be read or saved. Text you typed and did not save stays in this window: open CoCM Registry again from the EHR, then save it.
      </Alert>
    );
  }
  return null;
}

import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';

function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * Start / Stop of the running contact timer. The start instant is kept by the caller (in
 * sessionStorage), so the timer keeps counting across a reload; this only shows it.
 */
export function ContactTimer({ startedAt, onStart, onStop, now = Date.now }: { startedAt: number | undefined; onStart: () => void; onStop: () => void; now?: () => number }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (startedAt === undefined) return;
    const id = window.setInterval(() => tick((t) => t + 1), 1000);
    return () => window.clearInterval(id);
  }, [startedAt]);
  if (startedAt === undefined) {
    return (
      <Button variant="outlined" onClick={onStart}>
        Start timer
      </Button>
    );
  }
  return (
    <>
      <Typography component="span" role="timer" aria-label="Contact timer" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {clock(now() - startedAt)}
      </Typography>
      <Button variant="outlined" color="secondary" onClick={onStop}>
        Stop timer and log
      </Button>
    </>
  );
}

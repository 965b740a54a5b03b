/**
 * The running contact timer's clock with Pause / Resume: in the app bar on every screen, or
 * beside Log contact where the Contacts section runs without the app shell.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { clockText, elapsedMs } from '../model/timerState';
import { useContactTimer } from './ContactTimerContext';

export function TimerClock({ inAppBar = false }: { inAppBar?: boolean }) {
  const api = useContactTimer();
  const [, tick] = useState(0);
  const running = api?.timer !== undefined && api.timer.pausedAt === undefined;
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => tick((t) => t + 1), 1000);
    return () => window.clearInterval(id);
  }, [running]);
  if (!api?.timer) return null;
  const { timer } = api;
  const paused = timer.pausedAt !== undefined;
  // Away from the timed patient's chart, the app bar says whose contact is being timed.
  const whose = inAppBar && api.openPatientId !== timer.patientId ? (api.patientName ?? 'another patient') : undefined;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {whose ? `Contact with ${whose}:` : 'Contact timer:'}
      </Typography>
      <Typography component="span" role="timer" aria-label="Contact timer" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
        {clockText(elapsedMs(timer, api.now()))}
      </Typography>
      {paused ? (
        <Typography component="span" variant="body2">
          (paused)
        </Typography>
      ) : null}
      <Button
        size="small"
        variant={inAppBar ? 'outlined' : 'text'}
        color="inherit"
        onClick={paused ? api.resume : api.pause}
        aria-label={paused ? 'Resume contact timer' : 'Pause contact timer'}
      >
        {paused ? 'Resume' : 'Pause'}
      </Button>
    </Stack>
  );
}

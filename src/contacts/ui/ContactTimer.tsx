import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { timerRoundingRule } from '../../clinical/billing';
import type { ContactTimerApi } from '../timer/ContactTimerContext';
import { TimerClock } from '../timer/TimerClock';

/**
 * Start / Stop and log of the contact timer in the patient's Contacts section, with the
 * rounding rule in words. The clock itself (with Pause / Resume) is in the app bar; where the
 * section runs without the app shell, `showClock` puts it here.
 */
export function ContactTimer({
  api,
  patientId,
  patientName,
  onStop,
  showClock,
}: {
  api: ContactTimerApi;
  patientId: string;
  patientName: string | undefined;
  onStop: (elapsedMs: number) => void;
  showClock: boolean;
}) {
  const { timer } = api;
  const rule = (
    <Typography variant="caption" sx={{ maxWidth: 360 }}>
      {timerRoundingRule(api.rounding)}
    </Typography>
  );
  if (!timer) {
    return (
      <>
        <Button variant="outlined" onClick={() => api.start(patientId, patientName)}>
          Start timer
        </Button>
        {rule}
      </>
    );
  }
  if (timer.patientId !== patientId) {
    return <Typography variant="body2">The contact timer is running for {api.patientName ?? 'another patient'}; stop it from that patient&apos;s chart first.</Typography>;
  }
  return (
    <>
      {showClock ? <TimerClock /> : null}
      <Button
        variant="outlined"
        color="secondary"
        onClick={() => {
          const ms = api.stop();
          if (ms !== undefined) onStop(ms);
        }}
      >
        Stop timer and log
      </Button>
      {rule}
    </>
  );
}

/**
 * The legend under a trajectory chart, per instrument: point shapes, the item 9 colour (PHQ-9
 * only), and the reference lines with their values. The lines are named here rather than on
 * the chart, where a label would cover the points near it.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { InstrumentId } from '../../clinical';
import type { ReferenceLine } from './chartModel';
import { LINE_STYLE } from './lineStyles';

function LineSwatch({ id }: { id: ReferenceLine['id'] }) {
  const style = LINE_STYLE[id];
  return (
    <svg width="22" height="8" aria-hidden="true" style={{ marginRight: 4, verticalAlign: 'middle' }}>
      <line x1="0" y1="4" x2="22" y2="4" stroke={style.color} strokeWidth="2" strokeDasharray={style.dash.join(' ')} />
    </svg>
  );
}

export function ChartLegend({ instrument, lines, withMarkers }: { instrument: InstrumentId; lines: readonly ReferenceLine[]; withMarkers: boolean }) {
  return (
    <Box component="ul" aria-label="Chart legend" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', columnGap: 1.5, typography: 'caption' }}>
      <li>● complete · ■ sent by the patient from home · ▲ prorated (items missing) · ◆ preliminary</li>
      {instrument === 'phq9' ? (
        <li>
          <Typography component="span" variant="caption" sx={{ color: '#b71c1c', fontWeight: 700 }}>
            ●
          </Typography>{' '}
          item 9 above 0
        </li>
      ) : null}
      {lines.map((line) => (
        <li key={line.id}>
          <LineSwatch id={line.id} />
          {line.label}
        </li>
      ))}
      {withMarkers ? <li>vertical lines: medication changes (listed under Treatment)</li> : null}
    </Box>
  );
}

import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { type ClinicalSettings, getInstrument } from '../../clinical';
import type { InstrumentHistory } from '../../clinical/patientChart';
import { deferredPart } from '../../shared/deferredPart';
import { InstrumentSummary } from '../summary/InstrumentSummary';
import { ChartLegend } from './ChartLegend';
import { type ChartRange, chartPoints, type EventMarker, RANGE_LABELS, rangeStart, referenceLines, usefulRanges, visibleMarkers } from './chartModel';

/**
 * The chart's chunk, loaded once. Its download starts with the chart's reads (PatientView),
 * so it arrives while the scores are on their way instead of after them: that wait was one
 * more round trip before the chart (docs/performance.md). Once here it renders directly (no
 * Suspense round); if it cannot load, the summary beside it stays and the chart's place says so.
 */
const trajectoryChart = deferredPart('chart', () => import('./TrajectoryChart'));
export const preloadTrajectoryChart = trajectoryChart.preload;

/**
 * One instrument at a glance: the summary (latest with date and severity, direction since the
 * previous score, change, response, remission) above its trajectory chart. The table twin is
 * in the score history further down the page (ScoreHistory).
 */
export function InstrumentSection({
  history,
  now,
  enrolled,
  inTreatment = true,
  markers,
  settings,
  unknown,
}: {
  history: InstrumentHistory;
  now: Date;
  enrolled: boolean;
  /** In an open episode: a patient not improving is brought to the case review. */
  inTreatment?: boolean;
  markers?: readonly EventMarker[] | undefined;
  settings: ClinicalSettings;
  /** Why some score records could not be read (the summary says so). */
  unknown?: string | undefined;
}) {
  const def = getInstrument(history.instrument);
  const baseline = history.course.baseline?.total;
  const points = useMemo(() => chartPoints(history.administrations, baseline), [history.administrations, baseline]);
  const ranges = usefulRanges(points, now);
  const [chosenRange, setRange] = useState<ChartRange>('1y');
  const range = ranges.includes(chosenRange) ? chosenRange : 'all';
  const remissionBelow = history.instrument === 'phq9' || history.instrument === 'gad7' ? settings.remissionBelow[history.instrument] : 5;
  const lines = useMemo(() => referenceLines(history.instrument, baseline, remissionBelow), [history.instrument, baseline, remissionBelow]);
  const headingId = `heading-${history.instrument}`;
  const xMin = rangeStart(range, now);
  const shownMarkers = useMemo(() => visibleMarkers(markers ?? [], xMin, now.getTime()), [markers, xMin, now]);
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 1.5, minWidth: 0 }}>
      <Typography id={headingId} component="h2" variant="subtitle1" sx={{ fontWeight: 600, lineHeight: 1.3 }}>
        {def.name}{' '}
        <Typography component="span" variant="body2">
          ({def.title})
        </Typography>
      </Typography>
      {history.administrations.length === 0 ? (
        <Typography>{unknown ? `No ${def.name} could be read: ${unknown}` : `No ${def.name} on record.`}</Typography>
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(190px, 230px) minmax(0, 1fr)' }, gap: 1.5 }}>
          <div>
            <InstrumentSummary course={history.course} enrolled={enrolled} inTreatment={inTreatment} settings={settings} unknown={unknown} />
          </div>
          <div style={{ minWidth: 0 }}>
            {points.length > 0 ? (
              <>
                {ranges.length > 1 ? (
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={range}
                    onChange={(_e, value: ChartRange | null) => value && setRange(value)}
                    aria-label={`${def.name} chart range`}
                    sx={{ mb: 0.5, '& .MuiToggleButton-root': { py: 0.25 } }}
                  >
                    {ranges.map((r) => (
                      <ToggleButton key={r} value={r}>
                        {RANGE_LABELS[r]}
                      </ToggleButton>
                    ))}
                  </ToggleButtonGroup>
                ) : null}
                <trajectoryChart.Part
                  fallback={<Skeleton variant="rectangular" height={260} aria-label={`Loading the ${def.name} chart`} />}
                  instrument={history.instrument}
                  points={points}
                  lines={lines}
                  xMin={xMin}
                  xMax={now.getTime()}
                  markers={shownMarkers}
                />
                <ChartLegend instrument={history.instrument} lines={lines} withMarkers={shownMarkers.length > 0} />
              </>
            ) : (
              <Typography>No complete {def.name} score to chart yet; see the table.</Typography>
            )}
          </div>
        </Box>
      )}
    </Paper>
  );
}

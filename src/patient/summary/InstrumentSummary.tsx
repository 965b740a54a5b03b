import Typography from '@mui/material/Typography';
import { type ClinicalSettings, type CourseSummary, getInstrument } from '../../clinical';
import { summaryValues } from './summaryValues';

/** The treat-to-target summary: a region named "PHQ-9 summary" of labelled values. */
export function InstrumentSummary({ course, enrolled, settings }: { course: CourseSummary; enrolled: boolean; settings: ClinicalSettings }) {
  const name = getInstrument(course.instrument).name;
  const idBase = `summary-${course.instrument}`;
  return (
    <section role="region" aria-label={`${name} summary`}>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 4, margin: 0 }}>
        {summaryValues(course, enrolled, settings).map(({ label, value }) => {
          const id = `${idBase}-${label.replace(/\s+/g, '-').toLowerCase()}`;
          return (
            <div key={label} style={{ display: 'contents' }}>
              <dt id={id} style={{ fontWeight: 600 }}>
                {label}
              </dt>
              <dd aria-labelledby={id} style={{ margin: 0 }} data-testid={id}>
                {value}
              </dd>
            </div>
          );
        })}
      </dl>
      {course.notImproving ? (
        <Typography variant="body2" sx={{ mt: 1, color: '#8a4b00', fontWeight: 600 }}>
          Not improving after {course.weeksInTreatment} weeks: bring to the psychiatric case review.
        </Typography>
      ) : null}
      {course.notes.length ? (
        <Typography variant="caption" component="p" sx={{ mt: 1 }}>
          {course.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1)).join('. ')}.
        </Typography>
      ) : null}
    </section>
  );
}

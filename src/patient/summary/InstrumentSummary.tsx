import Typography from '@mui/material/Typography';
import { type ClinicalSettings, type CourseSummary, getInstrument } from '../../clinical';
import { summaryValues } from './summaryValues';

/** The treat-to-target summary: a region named "PHQ-9 summary" of labelled values. */
export function InstrumentSummary({
  course,
  enrolled,
  inTreatment = true,
  settings,
  unknown,
}: {
  course: CourseSummary;
  enrolled: boolean;
  /** In an open episode (not discharged or lapsed): only then is the patient brought to the case review. */
  inTreatment?: boolean;
  settings: ClinicalSettings;
  unknown?: string | undefined;
}) {
  const name = getInstrument(course.instrument).name;
  const idBase = `summary-${course.instrument}`;
  return (
    <section role="region" aria-label={`${name} summary`}>
      {unknown ? (
        <Typography variant="body2" sx={{ mb: 0.5, color: '#8a4b00', fontWeight: 600 }}>
          {unknown} These figures may be out of date.
        </Typography>
      ) : null}
      {/* Label above value, beside the chart: the overview must fit above the fold in the EHR frame. */}
      <dl style={{ margin: 0, fontSize: '0.875rem', lineHeight: 1.3 }}>
        {summaryValues(course, enrolled, settings).map(({ label, value, warn }) => {
          const id = `${idBase}-${label.replace(/\s+/g, '-').toLowerCase()}`;
          return (
            <div key={label} style={{ display: 'contents' }}>
              <dt id={id} style={{ fontWeight: 600, fontSize: '0.75rem', color: '#555', marginTop: 3 }}>
                {label}
              </dt>
              <dd aria-labelledby={id} style={{ margin: 0, ...(warn ? { color: '#b3261e', fontWeight: 600 } : {}) }} data-testid={id}>
                {value}
              </dd>
            </div>
          );
        })}
      </dl>
      {course.notImproving && inTreatment ? (
        <Typography variant="body2" sx={{ mt: 0.5, color: '#8a4b00', fontWeight: 600 }}>
          {/* Worded for any length of treatment: the fact is "no response yet", however long. */}
          Not improving: no response (at least {settings.responseDropPercent}% below baseline) in {course.weeksInTreatment} weeks of treatment. Bring to the psychiatric case
          review.
        </Typography>
      ) : null}
      {course.notes.length ? (
        <Typography variant="caption" component="p" sx={{ mt: 0.5 }}>
          {course.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1)).join('. ')}.
        </Typography>
      ) : null}
    </section>
  );
}

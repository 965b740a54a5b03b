import Typography from '@mui/material/Typography';
import { type MedicationEpisode, type MedicationOrder, type MedicationTimeline, RECOGNITION_WORDS } from '../../clinical';
import { Disclosure } from './Disclosure';
import { type TableRowData, TreatmentTable } from './TreatmentTable';

function day(point: { localDate: string | undefined; written: string } | undefined): string {
  return point ? (point.localDate ?? point.written) : '';
}

function stopWords(episode: MedicationEpisode, now: Date): string {
  if (episode.stopDateUnknown) return 'stopped (date not recorded)';
  if (!episode.end) return 'ongoing';
  return episode.end.instant > now.getTime() ? `ongoing (planned end ${day(episode.end)})` : day(episode.end);
}

function changes(episode: MedicationEpisode) {
  const steps = episode.steps.map((s) => `${s.dose?.label ?? 'dose not recorded'} from ${day(s.from)}`);
  return (
    <>
      {steps.join('; ')}
      {episode.problems.length || episode.drug.by !== 'rxnorm-ingredient' ? (
        <Typography component="span" variant="caption" sx={{ display: 'block' }}>
          {[`recognised by ${RECOGNITION_WORDS[episode.drug.by]}`, ...episode.problems].join('; ')}
        </Typography>
      ) : null}
    </>
  );
}

function doseNow(episode: MedicationEpisode, now: Date): string {
  const steps = episode.steps.filter((s) => s.from.instant <= now.getTime());
  const dose = (steps[steps.length - 1] ?? episode.steps[0])?.dose;
  return dose ? `${dose.label}${dose.source === 'text' ? ' (from the instructions)' : dose.source === 'product' ? ' (product strength)' : ''}` : 'not recorded';
}

function orderRows(orders: readonly MedicationOrder[]): TableRowData[] {
  return orders.map((o) => ({
    key: o.reference,
    cells: [o.name, o.dose?.label ?? o.instructions ?? 'not recorded', o.status, day(o.start) || 'not recorded', o.endUnknown ? 'date not recorded' : day(o.end)],
  }));
}

/** Psychotropic medications (drug, class, dose now, start, stop, dose steps); other medications one click away. */
export function MedicationsList({ timeline, now }: { timeline: MedicationTimeline; now: Date }) {
  const episodes = [...timeline.episodes].reverse();
  const rows: TableRowData[] = episodes.map((e) => ({
    key: e.id,
    testId: 'psychotropic-row',
    cells: [e.drug.name, e.drug.classLabel, e.end && e.end.instant <= now.getTime() ? `${doseNow(e, now)} (last)` : doseNow(e, now), day(e.start), stopWords(e, now), changes(e)],
  }));
  return (
    <section aria-labelledby="treatment-medications">
      <Typography id="treatment-medications" component="h3" variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>
        Psychotropic medications
      </Typography>
      {rows.length ? (
        <TreatmentTable caption="Psychotropic medications" columns={['Medication', 'Class', 'Dose', 'Started', 'Stopped', 'Dose steps']} rows={rows} />
      ) : (
        <Typography variant="body2">No psychotropic medication on record.</Typography>
      )}
      {timeline.undated.length ? (
        <TreatmentTable caption="Psychotropic orders without a start date" columns={['Medication', 'Dose', 'Status', 'Started', 'Stopped']} rows={orderRows(timeline.undated)} />
      ) : null}
      <Disclosure label="other medications" count={timeline.others.length}>
        <TreatmentTable caption="Other medications" columns={['Medication', 'Dose', 'Status', 'Started', 'Stopped']} rows={orderRows(timeline.others)} />
      </Disclosure>
    </section>
  );
}

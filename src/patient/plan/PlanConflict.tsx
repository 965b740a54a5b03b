/**
 * A revision that met a changed version (412), for both plan forms: both versions side by
 * side (yours, not saved; theirs, with who saved it and when), and "keep my version", after
 * which the next save is sent against their version (its ETag, its history) and says what
 * changed from it. What the user typed stays in the form throughout.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { StoredPlan } from '../../clinical/careplan';

export interface PlanConflict<T extends StoredPlan> {
  /** The version a save is sent against: theirs once the user kept their own, else the one read. */
  base: T | undefined;
  /** Their version while the conflict is open. */
  conflict: T | undefined;
  meet: (theirs: T | undefined) => void;
  keepMine: () => void;
  /** After a save: the chart's next read is the base again. */
  clear: () => void;
}

export function usePlanConflict<T extends StoredPlan>(stored: T | undefined): PlanConflict<T> {
  const [kept, setKept] = useState<T | undefined>();
  const [conflict, setConflict] = useState<T | undefined>();
  return {
    base: kept ?? stored,
    conflict,
    meet: setConflict,
    keepMine: () => {
      setKept(conflict);
      setConflict(undefined);
    },
    clear: () => {
      setKept(undefined);
      setConflict(undefined);
    },
  };
}

export interface PlanConflictViewProps {
  mine: readonly string[];
  theirs: StoredPlan;
  theirLines: readonly string[];
  onKeepMine: () => void;
  nameOf: (ref: string | undefined) => string;
}

export function PlanConflictView({ mine, theirs, theirLines, onKeepMine, nameOf }: PlanConflictViewProps) {
  const last = theirs.history[theirs.history.length - 1];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mt: 1 }}>
      <section aria-label="Your version">
        <Typography variant="subtitle2">Your version (not saved)</Typography>
        <Lines lines={mine} />
        <Button size="small" sx={{ mt: 1 }} onClick={onKeepMine}>
          Keep my version (save over theirs)
        </Button>
      </section>
      <section aria-label="The version saved meanwhile">
        <Typography variant="subtitle2">Saved meanwhile{last ? ` on ${last.date}${last.author ? ` by ${nameOf(last.author)}` : ''}` : ''}</Typography>
        <Lines lines={theirLines} />
      </section>
    </Box>
  );
}

export interface PlanSaveProblemProps<T extends StoredPlan> {
  /** What went wrong with the last save, in words; undefined when nothing did. */
  problem: string | undefined;
  /** Their version when the save met a changed one (412). */
  conflict: T | undefined;
  /** The form's lines as the user typed them. */
  mine: () => readonly string[];
  /** Their version's lines, laid out as the form's. */
  linesOf: (theirs: T) => readonly string[];
  onKeepMine: () => void;
  nameOf: (ref: string | undefined) => string;
}

/** Below either plan form: the save's problem (a warning when it met a changed version) and both versions. */
export function PlanSaveProblem<T extends StoredPlan>({ problem, conflict, mine, linesOf, onKeepMine, nameOf }: PlanSaveProblemProps<T>) {
  return (
    <>
      {problem ? (
        <Alert severity={conflict ? 'warning' : 'error'} sx={{ mt: 1 }}>
          {problem}
        </Alert>
      ) : null}
      {conflict ? <PlanConflictView mine={mine()} theirs={conflict} theirLines={linesOf(conflict)} onKeepMine={onKeepMine} nameOf={nameOf} /> : null}
    </>
  );
}

function Lines({ lines }: { lines: readonly string[] }) {
  return lines.map((l, i) => (
    <Typography key={`${i}:${l}`} variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
      {l}
    </Typography>
  ));
}

import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { OWNER_ROLE_LABEL, PART_KIND_LABEL, PART_STATUS_LABEL, type PlanRevision, type StoredTreatmentPlan, targetWords } from '../../clinical/careplan';

/** The app's treatment plan as saved: problems, goals with progress, parts with owners, history. */
export function TreatmentPlanView({ plan, nameOf }: { plan: StoredTreatmentPlan; nameOf: (ref: string | undefined) => string }) {
  const { content } = plan;
  return (
    <div data-testid="treatment-plan">
      <Typography variant="body2">
        <strong>Started {plan.start}.</strong> Addresses: {content.problems.length ? content.problems.map((p) => p.text).join('; ') : 'no problems named'}.
      </Typography>
      <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
        Treat-to-target goals
      </Typography>
      <ul aria-label="Treatment goals" style={{ margin: '2px 0', paddingLeft: 20 }}>
        {plan.targets.map((t) => (
          <li key={t.target.kind}>
            <Typography variant="body2" component="span">
              {targetWords(t.target)}: {t.words}{' '}
            </Typography>
            {t.met ? <Chip size="small" color="success" label="Met" /> : t.overdue ? <Chip size="small" color="error" label="Overdue" /> : null}
          </li>
        ))}
      </ul>
      {content.ownGoals.length ? (
        <>
          <Typography component="h3" variant="subtitle2">
            The patient&apos;s own goals
          </Typography>
          <ul aria-label="The patient's own goals" style={{ margin: '2px 0', paddingLeft: 20 }}>
            {content.ownGoals.map((g) => (
              <li key={g.key}>
                <Typography variant="body2">“{g.text}”</Typography>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {content.parts.length ? (
        <Table size="small" aria-label="Parts of the plan" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>Part</TableCell>
              <TableCell>What</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {content.parts.map((p) => (
              <TableRow key={p.key}>
                <TableCell>{PART_KIND_LABEL[p.kind]}</TableCell>
                <TableCell>
                  {p.description}
                  {p.recommendedBy ? (
                    <Typography variant="caption" component="div">
                      Recommended by {nameOf(p.recommendedBy)} (psychiatric case review)
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>{OWNER_ROLE_LABEL[p.owner]}</TableCell>
                <TableCell>{PART_STATUS_LABEL[p.status]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">The plan has no parts yet.</Typography>
      )}
      {plan.problems.length ? (
        <Typography variant="caption" component="p" sx={{ mt: 1 }}>
          Not all of the plan could be read: {plan.problems.join(' ')}
        </Typography>
      ) : null}
      <PlanHistory history={plan.history} nameOf={nameOf} />
    </div>
  );
}

export function PlanHistory({ history, nameOf }: { history: readonly PlanRevision[]; nameOf: (ref: string | undefined) => string }) {
  if (!history.length) return null;
  return (
    <>
      <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
        History
      </Typography>
      <ol aria-label="Plan history" style={{ margin: '2px 0', paddingLeft: 20 }}>
        {history.map((h, i) => (
          <li key={`${h.instant}-${i}`}>
            <Typography variant="body2">
              {h.date}: {h.text}
              {h.author ? `, by ${nameOf(h.author)}` : ''}
            </Typography>
          </li>
        ))}
      </ol>
    </>
  );
}

import Typography from '@mui/material/Typography';
import type { CarePlansResult, GoalSummary } from '../../clinical';

function GoalItem({ goal }: { goal: GoalSummary }) {
  const details = [goal.targets.join('; '), goal.achievement, goal.status !== 'active' ? goal.status : undefined].filter(Boolean).join(' · ');
  return (
    <li>
      {goal.text}
      {details ? ` (${details})` : ''}
    </li>
  );
}

/** Active care plans and goals from the EHR; nothing at all when there are none. */
export function CarePlansList({ carePlans, heading = 'Care plans and goals' }: { carePlans: CarePlansResult; heading?: string }) {
  if (!carePlans.plans.length && !carePlans.goals.length) return null;
  return (
    <section aria-labelledby="treatment-careplans">
      <Typography id="treatment-careplans" component="h3" variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>
        {heading}
      </Typography>
      {carePlans.plans.map((plan) => (
        <div key={plan.reference} data-testid="care-plan">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {plan.title}
            {plan.period ? ` · ${plan.period}` : ''}
          </Typography>
          {plan.description ? <Typography variant="body2">{plan.description}</Typography> : null}
          {plan.activities.length ? <Typography variant="body2">Activities: {plan.activities.join('; ')}</Typography> : null}
          {plan.goals.length ? (
            <ul aria-label={`Goals of ${plan.title}`} style={{ margin: '4px 0 8px', paddingLeft: 20 }}>
              {plan.goals.map((g) => (
                <GoalItem key={g.reference} goal={g} />
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      {carePlans.goals.length ? (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            Other active goals
          </Typography>
          <ul aria-label="Other active goals" style={{ margin: '4px 0', paddingLeft: 20 }}>
            {carePlans.goals.map((g) => (
              <GoalItem key={g.reference} goal={g} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

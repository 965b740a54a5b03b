import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { codesLabel, yearMonthLabel } from '../../clinical/billing';
import type { ContactLogModel } from '../../clinical/contacts';

function Value({ label, children }: { label: string; children: React.ReactNode }) {
  const id = `contact-summary-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Box>
      <Typography id={id} variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography aria-labelledby={id} component="div">
        {children}
      </Typography>
    </Box>
  );
}

/**
 * The contact log at a glance: last contact, contacts this month, next contact due (overdue
 * called out), and this month's CoCM minutes with the codes they reach.
 */
export function ContactSummary({ model }: { model: ContactLogModel }) {
  const { cadence, monthMinutes, monthCodes } = model;
  const last = cadence.lastContact;
  return (
    <Box role="region" aria-label="Contacts summary" sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, mb: 2 }}>
      <Value label="Last contact">{last ? `${last.localDate} (${last.minutes} min)` : 'None logged'}</Value>
      <Value label="Contacts this month">
        {cadence.contactsThisMonth}
        {cadence.attemptsThisMonth > 0 ? ` (+${cadence.attemptsThisMonth} not reached)` : ''}
      </Value>
      <Value label="Next contact due">
        {cadence.nextDue ?? (model.episode ? 'None due' : 'Not enrolled')}
        {cadence.overdue ? <Chip size="small" color="error" label={`Overdue ${cadence.daysOverdue} d`} sx={{ ml: 1 }} /> : null}
      </Value>
      <Value label={`CoCM minutes ${yearMonthLabel(model.month)}`}>
        {monthMinutes.minutes}
        {monthMinutes.separatelyBilledMinutes > 0 ? ` (${monthMinutes.separatelyBilledMinutes} separately billed, not counted)` : ''}
      </Value>
      <Value label="Codes this month">{monthCodes ? codesLabel(monthCodes.codes) || 'Below threshold' : 'No episode this month'}</Value>
      <Value label="Minutes to next code">{monthCodes?.minutesToNextCode !== undefined ? `${monthCodes.minutesToNextCode} (${monthCodes.nextCode})` : '-'}</Value>
    </Box>
  );
}

import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ActiveFlag } from '../../clinical/flags/activeFlags';

export function ActiveFlags({ flags }: { flags: readonly ActiveFlag[] }) {
  return (
    <section aria-labelledby="flags-heading" style={{ marginBottom: 16 }}>
      <Typography id="flags-heading" component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
        Active flags
      </Typography>
      {flags.length === 0 ? (
        <Typography variant="body2">No active flags.</Typography>
      ) : (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} component="ul" aria-label="Active flags" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {flags.map((flag) => (
            <li key={flag.reference}>
              <Chip color={flag.safety ? 'error' : 'default'} label={`${flag.text}${flag.since ? ` · since ${flag.since.slice(0, 10)}` : ''} (${flag.category})`} />
            </li>
          ))}
        </Stack>
      )}
    </section>
  );
}

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useSession } from '../app/SessionContext';
import { useRole } from '../app/role/RoleContext';
import { useScreeningOutlook } from '../screening';
import { screeningPanel } from '../screening/screeningPanelPart';

const HINT: Record<string, string | undefined> = {
  partial: 'This EHR accepts only part of a screening from apps; the screening says what before you start.',
  'note-only': 'This EHR does not accept screenings from apps; you will get the result as note text to paste into the chart.',
};

/** `Screen now`: always offered (the note text works on any EHR), with a word on what this EHR accepts. */
export function ScreenNow({ patientId, onSaved }: { patientId: string; onSaved: () => void }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  // The dialog closes by itself once everything is in the chart; this line says so.
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const { support } = useScreeningOutlook(session);
  const hint = HINT[support];
  // Roles that do not screen at the visit (consultant, program lead) do not see the button.
  const { may } = useRole();
  if (!may('screen')) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Button
        variant="contained"
        size="small"
        onClick={() => {
          setSavedAt(undefined);
          setOpen(true);
        }}
      >
        Screen now
      </Button>
      {hint ? <Typography variant="caption">{hint}</Typography> : null}
      <Typography variant="caption" role="status" data-testid="screening-saved">
        {savedAt ? `Screening saved to the chart at ${savedAt}.` : ''}
      </Typography>
      {open ? (
        <screeningPanel.Part
          fallback={null}
          patientId={patientId}
          onSaved={onSaved}
          onClose={(reason) => {
            setOpen(false);
            if (reason === 'saved') setSavedAt(new Date().toTimeString().slice(0, 5));
          }}
        />
      ) : null}
    </Stack>
  );
}

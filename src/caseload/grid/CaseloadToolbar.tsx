/**
 * Above the caseload grid: the saved views, how many patients are shown, and Export CSV.
 * Memoised with stable callbacks: a sort renders the grid alone, a filter this line's count.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { type CaseloadView, VIEW_LABEL, VIEWS } from './views';

export interface CaseloadToolbarProps {
  view: CaseloadView;
  onViewChange: (view: CaseloadView) => void;
  shown: number;
  total: number;
  onExport: () => void;
}

const BAR_SX = { alignItems: 'center', mb: 1, flexWrap: 'wrap' } as const;
const VIEW_BUTTON_SX = { textTransform: 'none', py: 0.25, color: 'text.primary' } as const;

/** The saved views: their own memo, so a changing count does not re-render four buttons. */
const ViewChoice = memo(function ViewChoice({ view, onViewChange }: Pick<CaseloadToolbarProps, 'view' | 'onViewChange'>) {
  return (
    <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: CaseloadView | null) => v && onViewChange(v)} aria-label="Columns to show">
      {VIEWS.map((v) => (
        <ToggleButton key={v} value={v} sx={VIEW_BUTTON_SX}>
          {VIEW_LABEL[v]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
});

const ExportButton = memo(function ExportButton({ onExport, disabled }: { onExport: () => void; disabled: boolean }) {
  return (
    <Button size="small" variant="outlined" onClick={onExport} disabled={disabled}>
      Export CSV
    </Button>
  );
});

export const CaseloadToolbar = memo(function CaseloadToolbar({ view, onViewChange, shown, total, onExport }: CaseloadToolbarProps) {
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={BAR_SX}>
      <ViewChoice view={view} onViewChange={onViewChange} />
      <Typography data-testid="caseload-count" role="status">
        {shown} of {total} {total === 1 ? 'patient' : 'patients'} shown
      </Typography>
      <ExportButton onExport={onExport} disabled={shown === 0} />
    </Stack>
  );
});

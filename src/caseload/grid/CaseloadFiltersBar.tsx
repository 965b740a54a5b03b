import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { CaseloadFilters, PhaseFilter } from './filterRows';

const PHASES: { value: PhaseFilter; label: string }[] = [
  { value: 'current', label: 'Current (not discharged)' },
  { value: 'referred', label: 'Referred' },
  { value: 'active', label: 'Active treatment' },
  { value: 'relapse-prevention', label: 'Relapse prevention' },
  { value: 'inactive', label: 'Inactive (no services 6 months)' },
  { value: 'discharged', label: 'Discharged' },
  { value: 'not-enrolled', label: 'Not enrolled' },
  { value: 'all', label: 'All' },
];

export interface FiltersBarProps {
  filters: CaseloadFilters;
  mine: boolean;
  canFilterMine: boolean;
  careManagers: readonly { reference: string; name: string }[];
  onChange: (filters: CaseloadFilters) => void;
}

/** Labelled controls for the caseload's filters (each a real form control). */
export function CaseloadFiltersBar({ filters, mine, canFilterMine, careManagers, onChange }: FiltersBarProps) {
  const set = (patch: Partial<CaseloadFilters>) => onChange({ ...filters, ...patch });
  const check = (key: 'flagged' | 'safety' | 'notImproving' | 'overdue' | 'contactOverdue', label: string) => (
    <FormControlLabel control={<Checkbox size="small" checked={filters[key]} onChange={(e) => set({ [key]: e.target.checked })} />} label={label} />
  );
  return (
    <Stack
      component="form"
      role="search"
      aria-label="Caseload filters"
      direction="row"
      spacing={1.5}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 1 }}
      onSubmit={(e) => e.preventDefault()}
    >
      <TextField size="small" label="Search by name or MRN" value={filters.search} onChange={(e) => set({ search: e.target.value })} sx={{ minWidth: 220 }} />
      {canFilterMine ? <FormControlLabel control={<Checkbox size="small" checked={mine} onChange={(e) => set({ mine: e.target.checked })} />} label="My patients" /> : null}
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="filter-care-manager">Care manager</InputLabel>
        <Select labelId="filter-care-manager" label="Care manager" value={filters.careManager} onChange={(e) => set({ careManager: e.target.value })}>
          <MenuItem value="">Anyone</MenuItem>
          {careManagers.map((c) => (
            <MenuItem key={c.reference} value={c.reference}>
              {c.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 190 }}>
        <InputLabel id="filter-phase">Phase</InputLabel>
        <Select labelId="filter-phase" label="Phase" value={filters.phase} onChange={(e) => set({ phase: e.target.value as PhaseFilter })}>
          {PHASES.map((p) => (
            <MenuItem key={p.value} value={p.value}>
              {p.label}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {check('flagged', 'Flagged for review')}
      {check('safety', 'Safety')}
      {check('notImproving', 'Not improving')}
      {check('overdue', 'Scale overdue')}
      {check('contactOverdue', 'Contact overdue')}
    </Stack>
  );
}

/**
 * Labelled controls for the caseload's filters (each a real form control). Each control is
 * memoised and reports only its own change (`onChange` takes a patch and is stable), so a
 * keystroke in the search field renders that field, not the selects and checkboxes beside it.
 */
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { memo } from 'react';
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

type Patch = (patch: Partial<CaseloadFilters>) => void;
type CheckKey = 'flagged' | 'safety' | 'notImproving' | 'overdue' | 'contactOverdue';

export interface FiltersBarProps {
  filters: CaseloadFilters;
  mine: boolean;
  canFilterMine: boolean;
  careManagers: readonly { reference: string; name: string }[];
  onChange: Patch;
}

const BAR_SX = { flexWrap: 'wrap', alignItems: 'center', mb: 1 } as const;
const SEARCH_SX = { minWidth: 220 } as const;
const CARE_MANAGER_SX = { minWidth: 170 } as const;
const PHASE_SX = { minWidth: 190 } as const;

const SearchField = memo(function SearchField({ value, onChange }: { value: string; onChange: Patch }) {
  return <TextField size="small" label="Search by name or MRN" value={value} onChange={(e) => onChange({ search: e.target.value })} sx={SEARCH_SX} />;
});

const FilterCheck = memo(function FilterCheck({ name, label, checked, onChange }: { name: CheckKey | 'mine'; label: string; checked: boolean; onChange: Patch }) {
  return <FormControlLabel control={<Checkbox size="small" checked={checked} onChange={(e) => onChange({ [name]: e.target.checked })} />} label={label} />;
});

const CareManagerSelect = memo(function CareManagerSelect({ value, careManagers, onChange }: { value: string; careManagers: FiltersBarProps['careManagers']; onChange: Patch }) {
  return (
    <FormControl size="small" sx={CARE_MANAGER_SX}>
      <InputLabel id="filter-care-manager">Care manager</InputLabel>
      <Select labelId="filter-care-manager" label="Care manager" value={value} onChange={(e) => onChange({ careManager: e.target.value })}>
        <MenuItem value="">Anyone</MenuItem>
        {careManagers.map((c) => (
          <MenuItem key={c.reference} value={c.reference}>
            {c.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
});

const PhaseSelect = memo(function PhaseSelect({ value, onChange }: { value: PhaseFilter; onChange: Patch }) {
  return (
    <FormControl size="small" sx={PHASE_SX}>
      <InputLabel id="filter-phase">Phase</InputLabel>
      <Select labelId="filter-phase" label="Phase" value={value} onChange={(e) => onChange({ phase: e.target.value as PhaseFilter })}>
        {PHASES.map((p) => (
          <MenuItem key={p.value} value={p.value}>
            {p.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
});

const CHECKS: readonly { key: CheckKey; label: string }[] = [
  { key: 'flagged', label: 'Flagged for review' },
  { key: 'safety', label: 'Safety' },
  { key: 'notImproving', label: 'Not improving' },
  { key: 'overdue', label: 'Scale overdue' },
  { key: 'contactOverdue', label: 'Contact overdue' },
];

export const CaseloadFiltersBar = memo(function CaseloadFiltersBar({ filters, mine, canFilterMine, careManagers, onChange }: FiltersBarProps) {
  return (
    <Stack component="form" role="search" aria-label="Caseload filters" direction="row" spacing={1.5} useFlexGap sx={BAR_SX} onSubmit={preventSubmit}>
      <SearchField value={filters.search} onChange={onChange} />
      {canFilterMine ? <FilterCheck name="mine" label="My patients" checked={mine} onChange={onChange} /> : null}
      <CareManagerSelect value={filters.careManager} careManagers={careManagers} onChange={onChange} />
      <PhaseSelect value={filters.phase} onChange={onChange} />
      {CHECKS.map((c) => (
        <FilterCheck key={c.key} name={c.key} label={c.label} checked={filters[c.key]} onChange={onChange} />
      ))}
    </Stack>
  );
});

function preventSubmit(e: React.FormEvent) {
  e.preventDefault();
}

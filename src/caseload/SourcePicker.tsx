/** Where the caseload's patients come from: the registry's records, or a patient list the EHR keeps. */
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import type { CaseloadSource } from './data/caseloadStore';
import { RETRY_LISTS, usePatientLists } from './data/usePatientLists';
import { ListsProblem } from './ListsProblem';

const REGISTRY = 'registry';

export function SourcePicker({ source, onChange }: { source: CaseloadSource; onChange: (source: CaseloadSource) => void }) {
  const { lists, problem, retry } = usePatientLists();
  const value = source.kind === 'registry' ? REGISTRY : source.reference;
  const known = value === REGISTRY || lists.some((l) => l.reference === value);
  return (
    <FormControl size="small" sx={{ minWidth: 260 }}>
      <InputLabel id="caseload-source">Patients from</InputLabel>
      <Select
        labelId="caseload-source"
        label="Patients from"
        value={value}
        onChange={(e) => (e.target.value === RETRY_LISTS ? retry() : onChange(e.target.value === REGISTRY ? { kind: 'registry' } : { kind: 'list', reference: e.target.value }))}
      >
        <MenuItem value={REGISTRY}>Everyone enrolled in collaborative care</MenuItem>
        {known ? null : <MenuItem value={value}>Patient list from the launch</MenuItem>}
        {lists.map((l) => (
          <MenuItem key={l.reference} value={l.reference}>
            {l.title}
            {l.size !== undefined ? ` (${l.size})` : ''}
          </MenuItem>
        ))}
        {problem ? <ListsProblem problem={problem} /> : null}
        {problem ? <MenuItem value={RETRY_LISTS}>Read the EHR&apos;s patient lists again</MenuItem> : null}
      </Select>
    </FormControl>
  );
}

/** Where the caseload's patients come from: the registry's records, or a patient list the EHR keeps. */
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { useEffect, useState } from 'react';
import { findPatientLists, type PatientListChoice } from '../fhir/reads/caseloadSources';
import { useSession } from '../app/SessionContext';
import type { CaseloadSource } from './data/caseloadStore';

const REGISTRY = 'registry';

export function SourcePicker({ source, onChange }: { source: CaseloadSource; onChange: (source: CaseloadSource) => void }) {
  const session = useSession();
  const [lists, setLists] = useState<PatientListChoice[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    findPatientLists(session.api, controller.signal).then(setLists, () => setLists([]));
    return () => controller.abort();
  }, [session]);
  const value = source.kind === 'registry' ? REGISTRY : source.reference;
  const known = value === REGISTRY || lists.some((l) => l.reference === value);
  return (
    <FormControl size="small" sx={{ minWidth: 260 }}>
      <InputLabel id="caseload-source">Patients from</InputLabel>
      <Select
        labelId="caseload-source"
        label="Patients from"
        value={value}
        onChange={(e) => onChange(e.target.value === REGISTRY ? { kind: 'registry' } : { kind: 'list', reference: e.target.value })}
      >
        <MenuItem value={REGISTRY}>Everyone enrolled in collaborative care</MenuItem>
        {known ? null : <MenuItem value={value}>Patient list from the launch</MenuItem>}
        {lists.map((l) => (
          <MenuItem key={l.reference} value={l.reference}>
            {l.title}
            {l.size !== undefined ? ` (${l.size})` : ''}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

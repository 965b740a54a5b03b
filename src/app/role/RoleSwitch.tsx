/** The user's role in the app bar: said when the EHR knows it, a choice when it does not. */
import Typography from '@mui/material/Typography';
import { ROLE_LABEL } from '../../clinical/roles/roles';
import { deferredPart } from '../../shared/deferredPart';
import { useRole } from './RoleContext';

/** The chooser (MUI's Select and its menu) is a chunk of its own: most EHRs say the role. */
export const roleChooser = deferredPart('role choice', () => import('./RoleChooser'));

export function RoleSwitch() {
  const { role, source } = useRole();
  if (source === 'loading') return null;
  if (source === 'ehr' && role) {
    return (
      <Typography component="span" variant="body2" data-testid="user-role">
        {ROLE_LABEL[role]}
      </Typography>
    );
  }
  return <roleChooser.Part fallback={null} />;
}

import type { Permission } from '@linli/common';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FORBIDDEN_PATH } from '../auth.paths.ts';
import { usePermissions } from '../hooks/use-auth.ts';

/** A layout route whose child routes need `permission`; without it the 403 page opens. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const { can } = usePermissions();
  const location = useLocation();
  if (!can(permission)) {
    return <Navigate to={FORBIDDEN_PATH} replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}

/**
 * The console's pages, in navigation order. To add a page: write one file in this folder that
 * exports a ConsolePage (see page.ts; useConsole() gives the API client and the selected IdP),
 * and add it to this list. Its route is #/<id>.
 */
import { assignmentsPage } from './AssignmentsPage';
import { clockPage } from './ClockPage';
import { directoryPage } from './DirectoryPage';
import { idpConfigurationPage } from './IdpConfigurationPage';
import { scenariosPage } from './ScenariosPage';
import type { ConsolePage } from './page';
import { policiesPage } from './PoliciesPage';
import { provisioningPage } from './ProvisioningPage';
import { scimResourcesPage } from './ScimResourcesPage';
import { sessionsPage } from './SessionsPage';
import { syncLogsPage } from './SyncLogsPage';

export const PAGES: readonly ConsolePage[] = [
  idpConfigurationPage,
  provisioningPage,
  directoryPage,
  assignmentsPage,
  scimResourcesPage,
  syncLogsPage,
  policiesPage,
  sessionsPage,
  clockPage,
  scenariosPage,
];

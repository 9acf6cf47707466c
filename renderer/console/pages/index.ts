/**
 * The console's pages, in navigation order. To add a page: write one file in this folder that
 * exports a ConsolePage (see page.ts; useConsole() gives the API client and the selected IdP),
 * and add it to this list. Its route is #/<id>.
 */
import { idpConfigurationPage } from './IdpConfigurationPage';
import type { ConsolePage } from './page';
import { trainerPage } from './TrainerPage';

export const PAGES: readonly ConsolePage[] = [idpConfigurationPage, trainerPage];

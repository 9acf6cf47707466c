import type { ComponentType } from 'react';

/** One page of the console: a hash route, a navigation label and heading, a component. */
export interface ConsolePage {
  /** Its hash route (#/<id>): lowercase words joined by hyphens. */
  id: string;
  /** The navigation label and the page's heading. */
  title: string;
  /** One line under the heading: where this is in a real admin portal, or what it is for. */
  description?: string;
  /** Rendered inside the console (useConsole() gives the API and the selected IdP). */
  Component: ComponentType;
}

/**
 * What every console page shares: the API client, the IdPs and the one selected (pages about
 * one IdP follow it), and the messages (`announce` for the status line, `run` for actions whose
 * errors belong in the alert). Pages reach it with useConsole().
 */
import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client';
import type { IdpView } from './api/views';

export interface ConsoleContextValue {
  api: ApiClient;
  idps: IdpView[];
  /** The IdP the IdP pages show; null while there is none. */
  idp: IdpView | null;
  selectIdp(id: string): void;
  /** Reads the IdPs again (after a change that shows in their list). */
  reloadIdps(): Promise<void>;
  /** Puts one IdP as the API returned it into the list. */
  replaceIdp(idp: IdpView): void;
  /** Says something in the polite status line. */
  announce(message: string): void;
  /**
   * Runs an action: its error's message goes to the alert (a 401 signs out), its success clears
   * the alert. Resolves to whether the action succeeded.
   */
  run(action: () => Promise<unknown>): Promise<boolean>;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole() outside the console');
  return value;
}

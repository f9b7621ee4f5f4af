import {createContext, useContext} from 'react';
import type {AppInfo} from '../../bridge';

export interface AppInfoContextValue {
  info: AppInfo;
  /** Asks the backend again (e.g. after the vault changed). */
  reload: () => Promise<void>;
}

export const AppInfoContext = createContext<AppInfoContextValue | null>(null);

/** The app info of an unlocked vault; only valid inside VaultGate. */
export function useAppInfo(): AppInfoContextValue {
  const v = useContext(AppInfoContext);
  if (!v) throw new Error('useAppInfo must be used inside VaultGate');
  return v;
}

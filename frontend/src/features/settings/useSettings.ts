import {createContext, useContext} from 'react';
import type {Settings} from '../../bridge';

export interface SettingsContextValue {
  settings: Settings;
  /** False until the backend answered (the defaults apply meanwhile). */
  loaded: boolean;
  /** Saves a change immediately; rejects with an AppError when saving failed (the old value stays). */
  update: (patch: Partial<Settings>) => Promise<void>;
}

export const DEFAULT_SETTINGS: Settings = {showDebug: false};

const fallback: SettingsContextValue = {
  settings: DEFAULT_SETTINGS,
  loaded: false,
  update: async () => {},
};

export const SettingsContext = createContext<SettingsContextValue>(fallback);

/** The user's preferences; outside a SettingsProvider, the defaults (debug off). */
export function useSettings(): SettingsContextValue {
  return useContext(SettingsContext);
}

/** Whether to show debug information (account URLs, raw ACME problems). */
export function useShowDebug(): boolean {
  return useContext(SettingsContext).settings.showDebug;
}

import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {getSettings, saveSettings, type Settings} from '../../bridge';
import {showError} from '../../components/notify';
import {DEFAULT_SETTINGS, SettingsContext, type SettingsContextValue} from './useSettings';

/** Loads the settings once and shares them; update() saves right away. */
export function SettingsProvider({children}: {children: ReactNode}) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const current = useRef(settings);
  current.current = settings;

  useEffect(() => {
    let live = true;
    getSettings()
      .then((s) => {
        if (!live) return;
        setSettings(s);
        setLoaded(true);
      })
      .catch((e) => {
        if (!live) return;
        setLoaded(true);
        showError(e);
      });
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback(async (patch: Partial<Settings>) => {
    const before = current.current;
    const next = {...before, ...patch};
    setSettings(next);
    try {
      await saveSettings(next);
    } catch (e) {
      setSettings(before);
      throw e;
    }
  }, []);

  const value = useMemo<SettingsContextValue>(() => ({settings, loaded, update}), [settings, loaded, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

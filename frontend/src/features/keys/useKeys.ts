import {useCallback, useEffect, useRef, useState} from 'react';
import {listKeys, toAppError, type AppError, type Key} from '../../bridge';

export interface KeysState {
  keys: Key[];
  loading: boolean;
  error: AppError | null;
  refresh: () => Promise<void>;
}

/** Loads the key list and reloads it on refresh(); the latest request wins. */
export function useKeys(): KeysState {
  const [keys, setKeys] = useState<Key[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const list = await listKeys();
      if (mine === seq.current) {
        setKeys(list);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(toAppError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return {keys, loading, error, refresh};
}

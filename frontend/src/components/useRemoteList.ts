import {useCallback, useEffect, useRef, useState} from 'react';
import {toAppError, type AppError} from '../bridge';

export interface RemoteList<T> {
  items: T[];
  loading: boolean;
  error: AppError | null;
  refresh: () => Promise<void>;
}

/** Loads a list from the backend and reloads it on refresh(); the latest request wins. */
export function useRemoteList<T>(load: () => Promise<T[]>): RemoteList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const list = await loadRef.current();
      if (mine === seq.current) {
        setItems(list);
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

  return {items, loading, error, refresh};
}

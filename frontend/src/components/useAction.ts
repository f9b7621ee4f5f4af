import {useCallback, useEffect, useRef, useState} from 'react';
import {toAppError, type AppError} from '../bridge';

/**
 * A user's action (save, scan, verify…): which step of a form is running, and
 * the error of the last run for an inline ErrorAlert. Every form used to write
 * the same busy/error/try/catch/finally by hand.
 */
export function useAction<Step extends string = 'run'>(options?: {
  /** Takes an error another way (e.g. an unknown outcome shown as the marked record); true when it did. */
  handle?: (e: AppError) => boolean | Promise<boolean>;
}) {
  const [running, setRunning] = useState<Step | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const handle = useRef(options?.handle);
  handle.current = options?.handle;
  // A form that closed while its call ran keeps no state.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Runs work as step; its result, or undefined when it failed (the error is then shown). */
  const run = useCallback(async <R>(work: () => Promise<R>, step = 'run' as Step): Promise<R | undefined> => {
    setRunning(step);
    setError(null);
    try {
      return await work();
    } catch (e) {
      const err = toAppError(e);
      if (!(await handle.current?.(err)) && mounted.current) setError(err);
      return undefined;
    } finally {
      if (mounted.current) setRunning(null);
    }
  }, []);

  return {run, running, busy: running !== null, error, setError};
}

import {toAppError} from './errors';

/** Awaits a binding and rethrows its failure as AppError. Internal to the bridge. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toAppError(e);
  }
}

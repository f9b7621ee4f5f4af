import {vi} from 'vitest';
import type * as Bridge from '../bridge';

/** What stays real in a mocked bridge: the error type and its decoder. */
const REAL = new Set<string>(['AppError', 'toAppError']);

/**
 * The bridge (every feature module, as bridge/index re-exports them) with
 * every call to the backend or the window replaced by vi.fn(); a function
 * added to a bridge module is mocked without touching this file.
 */
export function mockBridge(actual: typeof Bridge): typeof Bridge {
  return Object.fromEntries(
    Object.entries(actual).map(([name, value]) => [name, typeof value === 'function' && !REAL.has(name) ? vi.fn() : value]),
  ) as typeof Bridge;
}

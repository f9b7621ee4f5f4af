import {vi} from 'vitest';
import type * as Bridge from '../bridge';

/** The bridge with every backend call replaced by vi.fn(); AppError and toAppError stay real. */
export function mockBridge(actual: typeof Bridge): typeof Bridge {
  return {
    ...actual,
    info: vi.fn(),
    setUpPassphrase: vi.fn(),
    unlock: vi.fn(),
    retryKeychain: vi.fn(),
    keyAlgorithms: vi.fn(),
    listKeys: vi.fn(),
    getKey: vi.fn(),
    generateKey: vi.fn(),
    cancelKeyGeneration: vi.fn(),
    importKey: vi.fn(),
    updateKey: vi.fn(),
    deleteKey: vi.fn(),
    exportKey: vi.fn(),
  };
}

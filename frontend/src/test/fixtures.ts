import {AppError, type AlgorithmOption, type Algorithm, type Key, type KeyDetails} from '../bridge';

export const ALGORITHMS: AlgorithmOption[] = [
  {value: 'ec384', label: 'ECDSA P-384', recommended: true},
  {value: 'ec256', label: 'ECDSA P-256', recommended: false},
  {value: 'rsa2048', label: 'RSA 2048', recommended: false},
  {value: 'rsa3072', label: 'RSA 3072', recommended: false},
  {value: 'rsa4096', label: 'RSA 4096', recommended: false},
];

const ALGS: Algorithm[] = ['ec384', 'ec256', 'rsa2048', 'rsa3072', 'rsa4096'];

function fingerprint(i: number): string {
  const bytes: string[] = [];
  for (let b = 0; b < 32; b++) bytes.push(((i * 31 + b * 7) & 0xff).toString(16).padStart(2, '0'));
  return bytes.join(':');
}

export function makeKey(i: number, overrides: Partial<Key> = {}): Key {
  return {
    id: `key-${i}`,
    name: `Key ${i}`,
    description: '',
    algorithm: ALGS[i % ALGS.length],
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\nMHYw${i}\n-----END PUBLIC KEY-----\n`,
    fingerprintSha256: fingerprint(i),
    jwkThumbprint: `thumb-${i}`,
    source: 'generated',
    createdAt: '2025-03-04T10:00:00Z',
    updatedAt: '2025-03-04T10:00:00Z',
    allowExport: false,
    ...overrides,
  };
}

export function makeDetails(key: Key, overrides: Partial<KeyDetails> = {}): KeyDetails {
  return {...key, algorithmLabel: 'ECDSA P-384', usedBy: [], ...overrides};
}

export function appError(code: string, message: string, hint = '', detail = ''): AppError {
  return new AppError(code, message, hint, detail);
}

/** A promise the test settles by hand. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return {promise, resolve, reject};
}

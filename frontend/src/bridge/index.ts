// The typed bridge to the Go backend. This is the ONLY module that imports
// the generated Wails bindings; everything else calls the functions below.
// Every function awaits the binding and rethrows failures as AppError.
import * as App from '../../wailsjs/go/main/App';

// ---------------------------------------------------------------- errors

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'in_use'
  | 'unsupported'
  | 'wrong_passphrase'
  | 'passphrase_required'
  | 'forbidden'
  | 'vault_locked'
  | 'keychain_unavailable'
  | 'database_in_use'
  | 'cancelled'
  | 'internal'
  | (string & {});

/** An error as the backend describes it: what happened, what to do, and a technical detail. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly detail: string;

  constructor(code: ErrorCode, message: string, hint = '', detail = '') {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
    this.detail = detail;
  }
}

const UNEXPECTED = 'Something unexpected went wrong.';

function fromObject(value: unknown): AppError | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (typeof o.code !== 'string' || typeof o.message !== 'string') return null;
  return new AppError(
    o.code,
    o.message,
    typeof o.hint === 'string' ? o.hint : '',
    typeof o.detail === 'string' ? o.detail : '',
  );
}

function parseJSON(text: string): AppError | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    return fromObject(JSON.parse(text.slice(start, end + 1)));
  } catch {
    return null;
  }
}

/** Turns whatever a binding rejected with into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const direct = fromObject(e);
  if (direct && !(e instanceof Error)) return direct;
  let raw: string;
  if (typeof e === 'string') raw = e;
  else if (e instanceof Error) raw = e.message;
  else {
    try {
      raw = JSON.stringify(e) ?? String(e);
    } catch {
      raw = String(e);
    }
  }
  return parseJSON(raw) ?? new AppError('internal', UNEXPECTED, '', raw);
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toAppError(e);
  }
}

// ----------------------------------------------------------------- types

export type VaultState = 'new' | 'locked' | 'unlocked';
export type VaultProtection = 'keychain' | 'passphrase';

export interface VaultStatus {
  state: VaultState;
  protection?: VaultProtection;
  keychainProblem?: string;
  keychainDetail?: string;
}

export interface AppInfo {
  dataDir: string;
  vault: VaultStatus;
}

export type Algorithm = 'ec384' | 'ec256' | 'rsa2048' | 'rsa3072' | 'rsa4096';

export interface AlgorithmOption {
  value: Algorithm;
  label: string;
  recommended: boolean;
}

export type KeySource = 'generated' | 'imported';
export type ExportFormat = 'pem' | 'jwk';

export interface Key {
  id: string;
  name: string;
  description: string;
  algorithm: Algorithm;
  publicKeyPem: string;
  fingerprintSha256: string;
  jwkThumbprint: string;
  source: KeySource;
  importFormat?: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
  allowExport: boolean;
}

export interface KeyRef {
  kind: string;
  id: string;
  label: string;
}

export interface KeyDetails extends Key {
  algorithmLabel: string;
  usedBy: KeyRef[];
}

// ------------------------------------------------------------ converters

interface RawKey {
  id: string;
  name: string;
  description: string;
  algorithm: string;
  publicKeyPem: string;
  fingerprintSha256: string;
  jwkThumbprint: string;
  source: string;
  importFormat?: string;
  createdAt: unknown;
  updatedAt: unknown;
  allowExport: boolean;
}

function timeString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return v == null ? '' : String(v);
}

function toKey(k: RawKey): Key {
  return {
    id: k.id,
    name: k.name ?? '',
    description: k.description ?? '',
    algorithm: k.algorithm as Algorithm,
    publicKeyPem: k.publicKeyPem ?? '',
    fingerprintSha256: k.fingerprintSha256 ?? '',
    jwkThumbprint: k.jwkThumbprint ?? '',
    source: k.source as KeySource,
    importFormat: k.importFormat || undefined,
    createdAt: timeString(k.createdAt),
    updatedAt: timeString(k.updatedAt),
    allowExport: Boolean(k.allowExport),
  };
}

function toStatus(s: {state: string; protection?: string; keychainProblem?: string; keychainDetail?: string}): VaultStatus {
  return {
    state: s.state as VaultState,
    protection: (s.protection || undefined) as VaultProtection | undefined,
    keychainProblem: s.keychainProblem || undefined,
    keychainDetail: s.keychainDetail || undefined,
  };
}

// ------------------------------------------------------------ functions

export function info(): Promise<AppInfo> {
  return call(async () => {
    const i = await App.Info();
    return {dataDir: i.dataDir, vault: toStatus(i.vault ?? {state: 'new'})};
  });
}

export function setUpPassphrase(passphrase: string): Promise<void> {
  return call(async () => {
    await App.SetUpPassphrase(passphrase);
  });
}

export function unlock(passphrase: string): Promise<void> {
  return call(async () => {
    await App.Unlock(passphrase);
  });
}

export function retryKeychain(): Promise<VaultStatus> {
  return call(async () => toStatus(await App.RetryKeychain()));
}

export function keyAlgorithms(): Promise<AlgorithmOption[]> {
  return call(async () =>
    (await App.KeyAlgorithms()).map((o) => ({
      value: o.value as Algorithm,
      label: o.label,
      recommended: Boolean(o.recommended),
    })),
  );
}

export function listKeys(): Promise<Key[]> {
  return call(async () => ((await App.ListKeys()) ?? []).map(toKey));
}

export function getKey(id: string): Promise<KeyDetails> {
  return call(async () => {
    const d = await App.GetKey(id);
    return {
      ...toKey(d),
      algorithmLabel: d.algorithmLabel ?? '',
      usedBy: (d.usedBy ?? []).map((r) => ({kind: r.kind, id: r.id, label: r.label})),
    };
  });
}

export function generateKey(jobId: string, name: string, description: string, algorithm: Algorithm): Promise<Key> {
  return call(async () => toKey(await App.GenerateKey(jobId, name, description, algorithm)));
}

export function cancelKeyGeneration(jobId: string): Promise<void> {
  return call(async () => {
    await App.CancelKeyGeneration(jobId);
  });
}

export function importKey(name: string, description: string, content: string, passphrase: string): Promise<Key> {
  return call(async () => toKey(await App.ImportKey(name, description, content, passphrase)));
}

export function updateKey(id: string, name: string, description: string, allowExport: boolean): Promise<Key> {
  return call(async () => toKey(await App.UpdateKey(id, name, description, allowExport)));
}

export function deleteKey(id: string): Promise<void> {
  return call(async () => {
    await App.DeleteKey(id);
  });
}

/** Asks where to save (native dialog) and writes the private key; resolves to the path, or "" when the user cancelled. */
export function exportKey(id: string, format: ExportFormat): Promise<string> {
  return call(async () => (await App.ExportKey(id, format)) ?? '');
}

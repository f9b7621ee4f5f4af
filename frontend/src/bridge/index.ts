// The typed bridge to the Go backend. This is the ONLY module that imports
// the generated Wails bindings; everything else calls the functions below.
// Every function awaits the binding and rethrows failures as AppError.
import * as App from '../../wailsjs/go/main/App';
import {importers} from '../../wailsjs/go/models';
import {BrowserOpenURL, LogInfo} from '../../wailsjs/runtime/runtime';

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
  | 'data_damaged'
  | 'cancelled'
  | 'outcome_unknown'
  | 'starting'
  | 'internal'
  | 'acme_problem'
  | 'rate_limited'
  | 'eab_required'
  | 'ca_unreachable'
  | 'ca_timeout'
  | 'tls'
  | 'not_acme_directory'
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
  /** What can be done about keychainProblem. */
  keychainHint?: string;
  /** The keychain answers, but this data folder's vault key is not in it. */
  keyMissing?: boolean;
  /** The keychain answers but stays locked (its unlock prompt dismissed, or not shown). */
  keychainLocked?: boolean;
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

function toStatus(s: {
  state: string;
  protection?: string;
  keychainProblem?: string;
  keychainDetail?: string;
  keychainHint?: string;
  keyMissing?: boolean;
  keychainLocked?: boolean;
}): VaultStatus {
  return {
    state: s.state as VaultState,
    protection: (s.protection || undefined) as VaultProtection | undefined,
    keychainProblem: s.keychainProblem || undefined,
    keychainDetail: s.keychainDetail || undefined,
    keychainHint: s.keychainHint || undefined,
    keyMissing: Boolean(s.keyMissing),
    keychainLocked: Boolean(s.keychainLocked),
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

/** Stops a running job (key generation, refresh all); an unknown id does nothing. */
export function cancelJob(jobId: string): Promise<void> {
  return call(async () => {
    await App.CancelJob(jobId);
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

// ------------------------------------------------------------- settings

export interface Settings {
  showDebug: boolean;
}

export function getSettings(): Promise<Settings> {
  return call(async () => {
    const s = await App.GetSettings();
    return {showDebug: Boolean(s?.showDebug)};
  });
}

export function saveSettings(s: Settings): Promise<void> {
  return call(async () => {
    await App.SaveSettings({showDebug: s.showDebug});
  });
}

// ------------------------------------------------------------------ CAs

export type Environment = 'production' | 'staging';

export interface RootInfo {
  subject: string;
  fingerprintSha256: string;
  /** ISO 8601 */
  notAfter: string;
}

export interface CA {
  id: string;
  name: string;
  environment: Environment;
  /** Empty for catalogue entries with a urlTemplate (filled in per customer). */
  directoryUrl: string;
  urlTemplate?: string;
  templateParam?: string;
  eabRequired: boolean;
  eabHelp?: string;
  website?: string;
  builtIn: boolean;
  rootPem?: string;
  roots?: RootInfo[];
  basedOn?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Something that refers to a key or CA, e.g. an account. */
export interface Ref {
  kind: string;
  id: string;
  label: string;
  historic?: boolean;
}

export interface CADetails extends CA {
  usedBy: Ref[];
}

export interface CustomCAInput {
  name: string;
  directoryUrl: string;
  environment: Environment;
  rootPem: string;
}

export interface DirectoryMeta {
  termsOfService?: string;
  website?: string;
  caaIdentities?: string[];
  externalAccountRequired: boolean;
  /** Profile name -> description. */
  profiles?: Record<string, string>;
}

export interface Directory {
  caId: string;
  url: string;
  newNonce: string;
  newAccount: string;
  newOrder: string;
  newAuthz?: string;
  revokeCert?: string;
  keyChange?: string;
  renewalInfo?: string;
  meta: DirectoryMeta;
  keyChangeOffered: boolean;
  /** ISO 8601 */
  fetchedAt: string;
  cached: boolean;
}

interface RawCA {
  id: string;
  name: string;
  environment: string;
  directoryUrl: string;
  urlTemplate?: string;
  templateParam?: string;
  eabRequired: boolean;
  eabHelp?: string;
  website?: string;
  builtIn: boolean;
  rootPem?: string;
  roots?: {subject: string; fingerprintSha256: string; notAfter: unknown}[];
  basedOn?: string;
  createdAt?: unknown;
  updatedAt?: unknown;
}

function optTime(v: unknown): string | undefined {
  const t = timeString(v);
  return t && !t.startsWith('0001-01-01') ? t : undefined;
}

function toCA(c: RawCA): CA {
  return {
    id: c.id,
    name: c.name ?? '',
    environment: (c.environment === 'staging' ? 'staging' : 'production') as Environment,
    directoryUrl: c.directoryUrl ?? '',
    urlTemplate: c.urlTemplate || undefined,
    templateParam: c.templateParam || undefined,
    eabRequired: Boolean(c.eabRequired),
    eabHelp: c.eabHelp || undefined,
    website: c.website || undefined,
    builtIn: Boolean(c.builtIn),
    rootPem: c.rootPem || undefined,
    roots: c.roots?.length
      ? c.roots.map((r) => ({subject: r.subject ?? '', fingerprintSha256: r.fingerprintSha256 ?? '', notAfter: timeString(r.notAfter)}))
      : undefined,
    basedOn: c.basedOn || undefined,
    createdAt: optTime(c.createdAt),
    updatedAt: optTime(c.updatedAt),
  };
}

function toRef(r: Ref): Ref {
  return {kind: r.kind, id: r.id, label: r.label, historic: r.historic || undefined};
}

export function listCAs(): Promise<CA[]> {
  return call(async () => ((await App.ListCAs()) ?? []).map(toCA));
}

export function getCA(id: string): Promise<CADetails> {
  return call(async () => {
    const d = await App.GetCA(id);
    return {...toCA(d), usedBy: (d.usedBy ?? []).map(toRef)};
  });
}

export function addCustomCA(input: CustomCAInput): Promise<CA> {
  return call(async () => toCA(await App.AddCustomCA({...input})));
}

/** Makes a custom CA from a catalogue entry with a URL template (HARICA: value = alias or the whole URL). */
export function addTemplateCA(templateId: string, value: string): Promise<CA> {
  return call(async () => toCA(await App.AddTemplateCA(templateId, value)));
}

export function updateCustomCA(id: string, input: CustomCAInput): Promise<CA> {
  return call(async () => toCA(await App.UpdateCustomCA(id, {...input})));
}

export function deleteCustomCA(id: string): Promise<void> {
  return call(async () => {
    await App.DeleteCustomCA(id);
  });
}

/** Reads the CA's ACME directory; the backend caches it unless refresh. */
export function caDirectory(id: string, refresh: boolean): Promise<Directory> {
  return call(async () => {
    const d = await App.CADirectory(id, refresh);
    const m = d.meta ?? {externalAccountRequired: false};
    return {
      caId: d.caId,
      url: d.url ?? '',
      newNonce: d.newNonce ?? '',
      newAccount: d.newAccount ?? '',
      newOrder: d.newOrder ?? '',
      newAuthz: d.newAuthz || undefined,
      revokeCert: d.revokeCert || undefined,
      keyChange: d.keyChange || undefined,
      renewalInfo: d.renewalInfo || undefined,
      meta: {
        termsOfService: m.termsOfService || undefined,
        website: m.website || undefined,
        caaIdentities: m.caaIdentities?.length ? [...m.caaIdentities] : undefined,
        externalAccountRequired: Boolean(m.externalAccountRequired),
        profiles: m.profiles && Object.keys(m.profiles).length ? {...m.profiles} : undefined,
      },
      keyChangeOffered: Boolean(d.keyChangeOffered),
      fetchedAt: timeString(d.fetchedAt),
      cached: Boolean(d.cached),
    };
  });
}

// ------------------------------------------------------------- accounts

export type AccountStatus = 'unregistered' | 'valid' | 'deactivated' | 'revoked';

export interface RetiredKey {
  keyId: string;
  /** ISO 8601 */
  retiredAt: string;
}

export type AccountOp = 'register' | 'contact' | 'rollover' | 'deactivate';

/** A change sent to the CA whose answer is not stored yet: set after a lost answer, it means "outcome unknown". */
export interface PendingChange {
  op: AccountOp;
  /** ISO 8601 */
  startedAt: string;
  /** The key a rollover moves to, kept until the outcome is known. */
  newKeyId?: string;
}

export interface Account {
  id: string;
  name: string;
  description: string;
  caId: string;
  keyId: string;
  /** E-mail addresses, without "mailto:". */
  contacts: string[];
  status: AccountStatus;
  /** The account URL at the CA. */
  kid?: string;
  /** The stored EAB credential the account was (or will be) registered with. */
  eabCredentialId?: string;
  termsOfService?: string;
  retiredKeys?: RetiredKey[];
  pending?: PendingChange;
  createdAt: string;
  updatedAt: string;
  registeredAt?: string;
  checkedAt?: string;
}

export interface NewAccountInput {
  name: string;
  description: string;
  caId: string;
  /** "" generates a new ECDSA P-384 key. */
  keyId: string;
  contacts: string[];
  /** A stored EAB credential; "" = none (then eabKeyId/eabHmac, if given, become a stored credential). */
  eabCredentialId: string;
  eabKeyId: string;
  eabHmac: string;
}

export interface FindAccountInput {
  name: string;
  description: string;
  caId: string;
  keyId: string;
}

export interface RefreshResult {
  id: string;
  name: string;
  status: AccountStatus;
  /** Deactivated and revoked accounts are not asked any more. */
  skipped: boolean;
  error?: AppError;
}

interface RawAccount {
  id: string;
  name: string;
  description: string;
  caId: string;
  keyId: string;
  contacts: string[] | null;
  status: string;
  kid?: string;
  eabCredentialId?: string;
  termsOfService?: string;
  retiredKeys?: {keyId: string; retiredAt: unknown}[] | null;
  pending?: {op: string; startedAt: unknown; newKeyId?: string} | null;
  createdAt: unknown;
  updatedAt: unknown;
  registeredAt?: unknown;
  checkedAt?: unknown;
}

function toAccount(a: RawAccount): Account {
  return {
    id: a.id,
    name: a.name ?? '',
    description: a.description ?? '',
    caId: a.caId ?? '',
    keyId: a.keyId ?? '',
    contacts: a.contacts ?? [],
    status: (a.status || 'unregistered') as AccountStatus,
    kid: a.kid || undefined,
    eabCredentialId: a.eabCredentialId || undefined,
    termsOfService: a.termsOfService || undefined,
    retiredKeys: a.retiredKeys?.length
      ? a.retiredKeys.map((r) => ({keyId: r.keyId, retiredAt: timeString(r.retiredAt)}))
      : undefined,
    pending: a.pending
      ? {op: a.pending.op as AccountOp, startedAt: timeString(a.pending.startedAt), newKeyId: a.pending.newKeyId || undefined}
      : undefined,
    createdAt: timeString(a.createdAt),
    updatedAt: timeString(a.updatedAt),
    registeredAt: optTime(a.registeredAt),
    checkedAt: optTime(a.checkedAt),
  };
}

export function listAccounts(): Promise<Account[]> {
  return call(async () => ((await App.ListAccounts()) ?? []).map(toAccount));
}

export function getAccount(id: string): Promise<Account> {
  return call(async () => toAccount(await App.GetAccount(id)));
}

/** Stores a new, unregistered account. */
export function createAccount(input: NewAccountInput): Promise<Account> {
  return call(async () => toAccount(await App.CreateAccount({...input, contacts: [...input.contacts]})));
}

export function updateAccount(id: string, name: string, description: string): Promise<Account> {
  return call(async () => toAccount(await App.UpdateAccount(id, name, description)));
}

/** Forgets the account locally; nothing changes at the CA. */
export function deleteAccount(id: string): Promise<void> {
  return call(async () => {
    await App.DeleteAccount(id);
  });
}

export function registerAccount(id: string, agreeTerms: boolean): Promise<Account> {
  return call(async () => toAccount(await App.RegisterAccount(id, agreeTerms)));
}

export function refreshAccount(id: string): Promise<Account> {
  return call(async () => toAccount(await App.RefreshAccount(id)));
}

/** Refreshes every registered account; cancelJob(jobId) stops it. */
export function refreshAllAccounts(jobId: string): Promise<RefreshResult[]> {
  return call(async () =>
    ((await App.RefreshAllAccounts(jobId)) ?? []).map((r) => ({
      id: r.id,
      name: r.name ?? '',
      status: (r.status || 'unregistered') as AccountStatus,
      skipped: Boolean(r.skipped),
      error: r.error ? (fromObject(r.error) ?? undefined) : undefined,
    })),
  );
}

export function changeAccountContacts(id: string, contacts: string[]): Promise<Account> {
  return call(async () => toAccount(await App.ChangeAccountContacts(id, [...contacts])));
}

/** Moves the account to another key; "" generates a new ECDSA P-384 key. */
export function rolloverAccountKey(id: string, newKeyId: string): Promise<Account> {
  return call(async () => toAccount(await App.RolloverAccountKey(id, newKeyId)));
}

/** Deactivates the account at its CA for good; confirmName must repeat the account's name. */
export function deactivateAccount(id: string, confirmName: string): Promise<Account> {
  return call(async () => toAccount(await App.DeactivateAccount(id, confirmName)));
}

export function findAccountByKey(input: FindAccountInput): Promise<Account> {
  return call(async () => toAccount(await App.FindAccountByKey({...input})));
}

/** The CAA record value that restricts issuance to this account (RFC 8657). */
export function accountCAA(id: string): Promise<string> {
  return call(async () => (await App.AccountCAA(id))?.value ?? '');
}

/** Points the account at another stored EAB credential. */
export function repointAccountEAB(accountId: string, credentialId: string): Promise<void> {
  return call(async () => {
    await App.RepointAccountEAB(accountId, credentialId);
  });
}

// ---------------------------------------------------------- credentials

export type CredentialKindGroup = 'general' | 'acme' | 'dns';
export type CredentialFieldType = 'text' | 'date' | 'bool' | 'int';

export interface CredentialField {
  name: string;
  label: string;
  secret: boolean;
  optional: boolean;
  help?: string;
  type: CredentialFieldType;
  /** The field this one stands for (lego's alias variables). */
  aliasOf?: string;
  /** Folded under "Advanced" in forms (aliases, polling interval, TTL, timeouts…). */
  advanced?: boolean;
}

export interface CredentialKind {
  /** "password", "eab", "dns:cloudflare"… */
  id: string;
  group: CredentialKindGroup;
  label: string;
  help?: string;
  url?: string;
  fields: CredentialField[];
  /** Alternative sets of field names of which one complete set is needed. */
  anyOf?: string[][];
}

export interface Credential {
  id: string;
  name: string;
  description: string;
  kind: string;
  tags: string[];
  /** Non-secret values by field name. */
  fields: Record<string, string>;
  /** Names of the secret fields that have a value. */
  secretsSet: string[];
  createdAt: string;
  updatedAt: string;
  rotatedAt?: string;
  lastUsedAt?: string;
  /** Single-use EAB credentials: when an account used it up. */
  consumedAt?: string;
  /** How many records use it now (in lists; 0 elsewhere). */
  inUse: number;
}

export interface CredentialDetails extends Credential {
  kindLabel: string;
  usedBy: Ref[];
}

export interface CredentialFilter {
  kind: string;
  tag: string;
}

export interface NewCredentialInput {
  name: string;
  description: string;
  kind: string;
  tags: string[];
  /** Values by field name, secret ones included. */
  values: Record<string, string>;
}

export interface UpdateCredentialInput {
  name: string;
  description: string;
  tags: string[];
  /** Non-secret values by field name (all of them: those left out are cleared). */
  fields: Record<string, string>;
}

/** An EAB credential DigiCert lists for an ACME contract, matched to a stored one. */
export interface DigiCertEAB {
  credentialId: number;
  /** The last characters of the EAB key ID. */
  kidHint: string;
  status: 'active' | 'revoked' | (string & {});
  createdAt: string;
  storedId?: string;
  storedName?: string;
}

export interface RotationStep {
  name: string;
  description: string;
}

export interface RotationPlan {
  contractId: number;
  /** 0 when the old credential cannot be found at DigiCert. */
  oldDigicertCredentialId: number;
  accounts: Ref[];
  steps: RotationStep[];
}

interface RawCredential {
  id: string;
  name: string;
  description: string;
  kind: string;
  tags: string[] | null;
  fields: Record<string, string> | null;
  secretsSet: string[] | null;
  createdAt: unknown;
  updatedAt: unknown;
  rotatedAt?: unknown;
  lastUsedAt?: unknown;
  consumedAt?: unknown;
  inUse?: number;
}

function toCredential(c: RawCredential): Credential {
  return {
    id: c.id,
    name: c.name ?? '',
    description: c.description ?? '',
    kind: c.kind ?? '',
    tags: c.tags ? [...c.tags] : [],
    fields: c.fields ? {...c.fields} : {},
    secretsSet: c.secretsSet ? [...c.secretsSet] : [],
    createdAt: timeString(c.createdAt),
    updatedAt: timeString(c.updatedAt),
    rotatedAt: optTime(c.rotatedAt),
    lastUsedAt: optTime(c.lastUsedAt),
    consumedAt: optTime(c.consumedAt),
    inUse: c.inUse ?? 0,
  };
}

const FIELD_TYPES: CredentialFieldType[] = ['text', 'date', 'bool', 'int'];

export function credentialKinds(): Promise<CredentialKind[]> {
  return call(async () =>
    ((await App.CredentialKinds()) ?? []).map((k) => ({
      id: k.id,
      group: (k.group || 'general') as CredentialKindGroup,
      label: k.label ?? k.id,
      help: k.help || undefined,
      url: k.url || undefined,
      fields: (k.fields ?? []).map((f) => ({
        name: f.name,
        label: f.label || f.name,
        secret: Boolean(f.secret),
        optional: Boolean(f.optional),
        help: f.help || undefined,
        type: FIELD_TYPES.includes(f.type as CredentialFieldType) ? (f.type as CredentialFieldType) : 'text',
        aliasOf: f.aliasOf || undefined,
      })),
      anyOf: k.anyOf?.length ? k.anyOf.map((set) => [...set]) : undefined,
    })),
  );
}

export function listCredentials(filter: CredentialFilter = {kind: '', tag: ''}): Promise<Credential[]> {
  return call(async () => ((await App.ListCredentials({...filter})) ?? []).map(toCredential));
}

export function getCredential(id: string): Promise<CredentialDetails> {
  return call(async () => {
    const d = await App.GetCredential(id);
    return {...toCredential(d), kindLabel: d.kindLabel ?? '', usedBy: (d.usedBy ?? []).map(toRef)};
  });
}

export function createCredential(input: NewCredentialInput): Promise<Credential> {
  return call(async () =>
    toCredential(await App.CreateCredential({...input, tags: [...input.tags], values: {...input.values}})),
  );
}

/** Changes name, description, tags and non-secret values; secrets change with rotateCredential. */
export function updateCredential(id: string, input: UpdateCredentialInput): Promise<Credential> {
  return call(async () =>
    toCredential(await App.UpdateCredential(id, {...input, tags: [...input.tags], fields: {...input.fields}})),
  );
}

/** The value of one field, secret or not. Only call when someone asks to see or copy it. */
export function revealCredentialField(id: string, field: string): Promise<string> {
  return call(async () => (await App.RevealCredentialField(id, field)) ?? '');
}

/** Puts a secret field on the clipboard from Go (the value never reaches the page); cleared after 30 s or when the window closes. */
export function copyCredentialField(id: string, field: string): Promise<void> {
  return call(() => App.CopyCredentialField(id, field));
}

/** Replaces all secret values (those not given are dropped); non-secret values given are updated too. */
export function rotateCredential(id: string, values: Record<string, string>): Promise<Credential> {
  return call(async () => toCredential(await App.RotateCredential(id, {...values})));
}

/** Deletes a credential; refused with in_use while something uses it. */
export function deleteCredential(id: string): Promise<void> {
  return call(async () => {
    await App.DeleteCredential(id);
  });
}

/** Resolves when DNS validation could proceed with this credential. */
export function checkDNSCredential(id: string): Promise<void> {
  return call(async () => {
    await App.CheckDNSCredential(id);
  });
}

// ------------------------------------------------------ EAB at the CAs

export function digiCertListEAB(keyCredentialId: string): Promise<DigiCertEAB[]> {
  return call(async () =>
    ((await App.DigiCertListEAB(keyCredentialId)) ?? []).map((l) => ({
      credentialId: l.credentialId,
      kidHint: l.kidHint ?? '',
      status: l.status ?? '',
      createdAt: timeString(l.createdAt),
      storedId: l.storedId || undefined,
      storedName: l.storedName || undefined,
    })),
  );
}

/** Makes new EAB credentials at DigiCert and stores them; the HMAC key is never returned. */
export function digiCertRegenerateEAB(keyCredentialId: string, revokeExisting: boolean): Promise<Credential> {
  return call(async () => toCredential(await App.DigiCertRegenerateEAB(keyCredentialId, revokeExisting)));
}

export function digiCertRevokeEAB(keyCredentialId: string, digicertCredentialId: number): Promise<void> {
  return call(async () => {
    await App.DigiCertRevokeEAB(keyCredentialId, digicertCredentialId);
  });
}

export function digiCertRevokeAllEAB(keyCredentialId: string): Promise<void> {
  return call(async () => {
    await App.DigiCertRevokeAllEAB(keyCredentialId);
  });
}

export function digiCertPlanRotation(keyCredentialId: string, oldEabCredentialId: string): Promise<RotationPlan> {
  return call(async () => {
    const p = await App.DigiCertPlanRotation(keyCredentialId, oldEabCredentialId);
    return {
      contractId: p.contractId ?? 0,
      oldDigicertCredentialId: p.oldDigicertCredentialId ?? 0,
      accounts: (p.accounts ?? []).map(toRef),
      steps: (p.steps ?? []).map((s) => ({name: s.name ?? '', description: s.description ?? ''})),
    };
  });
}

/** Rotation step 1: new credentials at DigiCert, stored; the old ones stay active. */
export function digiCertRotateStep1Regenerate(keyCredentialId: string, oldEabCredentialId: string): Promise<Credential> {
  return call(async () => toCredential(await App.DigiCertRotateStep1Regenerate(keyCredentialId, oldEabCredentialId)));
}

/** Rotation step 2: every account using the old credential now uses the new one; resolves to those accounts. */
export function digiCertRotateStep2Repoint(oldEabCredentialId: string, newEabCredentialId: string): Promise<Ref[]> {
  return call(async () => ((await App.DigiCertRotateStep2Repoint(oldEabCredentialId, newEabCredentialId)) ?? []).map(toRef));
}

export function zeroSSLEABFromAccessKey(accessKeyCredentialId: string): Promise<Credential> {
  return call(async () => toCredential(await App.ZeroSSLEABFromAccessKey(accessKeyCredentialId)));
}

export function zeroSSLEABFromEmail(email: string): Promise<Credential> {
  return call(async () => toCredential(await App.ZeroSSLEABFromEmail(email)));
}

// ------------------------------------------------- import from other tools

/** The ACME clients whose account folders can be imported. */
export type ImportTool = 'lego' | 'certbot' | 'acme.sh' | (string & {});

/** An account found on disk by a scan; it holds no secret. */
export interface FoundAccount {
  /** Identifies the account within its scan; importAccounts takes it. */
  id: string;
  tool: ImportTool;
  /** The account's folder. */
  path: string;
  directoryUrl?: string;
  /** What the files say about the CA (a host, or host and path). */
  server: string;
  /** The CA in ACME Desk the account belongs to; absent when none (or several) match. */
  caId?: string;
  caName?: string;
  /** CA ids to choose from when the files name only a host several CAs share. */
  caCandidates?: string[];
  contacts: string[];
  /** The account URL. */
  kid: string;
  status?: string;
  /** ISO 8601 */
  registeredAt?: string;
  keyAlgorithm: string;
  keyLabel: string;
  keyFormat: string;
  fingerprintSha256: string;
  eabKeyId?: string;
  existingKeyId?: string;
  existingKeyName?: string;
  existingAccountId?: string;
  existingAccountName?: string;
  /** The id of an account earlier in the same scan with the same key. */
  duplicateOf?: string;
  /** Why the account cannot be imported as it is. */
  blocker?: string;
  notes?: string[];
}

/** A file or folder a scan could not read; the rest of the scan still counts. */
export interface ImportProblem {
  path: string;
  tool?: ImportTool;
  reason: string;
}

export interface ImportPreview {
  root: string;
  accounts: FoundAccount[];
  problems: ImportProblem[];
}

export interface ImportChoice {
  id: string;
  /** The CA chosen among caCandidates. */
  caId?: string;
  name?: string;
}

export type ImportAction = 'imported' | 'skipped' | 'failed';

export interface ImportOutcome {
  id: string;
  action: ImportAction;
  accountId?: string;
  accountName?: string;
  keyId?: string;
  keyReused?: boolean;
  credentialId?: string;
  reason?: string;
  error?: AppError;
}

export interface ImportResult {
  outcomes: ImportOutcome[];
  imported: number;
  skipped: number;
  failed: number;
}

export type Verdict = 'valid' | 'deactivated' | 'not_found' | 'other_url' | (string & {});

/** What the CA says about an account's key. */
export interface Verification {
  accountId: string;
  verdict: Verdict;
  /** The account URL the CA answered with. */
  kid?: string;
  message: string;
  /** ISO 8601 */
  checkedAt: string;
  /** The record as stored after the verdict, when the verdict changed it. */
  account?: Account;
}

function list<T>(v: T[] | null | undefined): T[] {
  return v ? [...v] : [];
}

function toFound(f: importers.Found): FoundAccount {
  return {
    id: f.id,
    tool: f.tool ?? '',
    path: f.path ?? '',
    directoryUrl: f.directoryUrl || undefined,
    server: f.server ?? '',
    caId: f.caId || undefined,
    caName: f.caName || undefined,
    caCandidates: f.caCandidates?.length ? [...f.caCandidates] : undefined,
    contacts: list(f.contacts),
    kid: f.kid ?? '',
    status: f.status || undefined,
    registeredAt: optTime(f.registeredAt),
    keyAlgorithm: f.keyAlgorithm ?? '',
    keyLabel: f.keyLabel ?? '',
    keyFormat: f.keyFormat ?? '',
    fingerprintSha256: f.fingerprintSha256 ?? '',
    eabKeyId: f.eabKeyId || undefined,
    existingKeyId: f.existingKeyId || undefined,
    existingKeyName: f.existingKeyName || undefined,
    existingAccountId: f.existingAccountId || undefined,
    existingAccountName: f.existingAccountName || undefined,
    duplicateOf: f.duplicateOf || undefined,
    blocker: f.blocker || undefined,
    notes: f.notes?.length ? [...f.notes] : undefined,
  };
}

/** Asks for a folder (native dialog); resolves to its path, or "" when the user cancelled. */
export function chooseFolder(title: string): Promise<string> {
  return call(async () => (await App.ChooseFolder(title)) ?? '');
}

/** Finds the accounts lego, certbot or acme.sh keep under path; nothing is stored. */
export function scanForAccounts(path: string): Promise<ImportPreview> {
  return call(async () => {
    const p = await App.ScanForAccounts(path);
    return {
      root: p?.root ?? path,
      accounts: list(p?.accounts).map(toFound),
      problems: list(p?.problems).map((x) => ({path: x.path ?? '', tool: x.tool || undefined, reason: x.reason ?? ''})),
    };
  });
}

/** Imports the chosen accounts of a preview; the backend reads the files again. */
export function importAccounts(preview: ImportPreview, choices: ImportChoice[]): Promise<ImportResult> {
  return call(async () => {
    const raw = importers.Preview.createFrom({
      root: preview.root,
      accounts: preview.accounts.map((a) => ({...a, contacts: [...a.contacts]})),
      problems: preview.problems.map((p) => ({...p})),
    });
    const r = await App.ImportAccounts(
      raw,
      choices.map((c) => importers.Choice.createFrom({...c})),
    );
    return {
      outcomes: list(r?.outcomes).map((o) => ({
        id: o.id,
        action: (o.action || 'failed') as ImportAction,
        accountId: o.accountId || undefined,
        accountName: o.accountName || undefined,
        keyId: o.keyId || undefined,
        keyReused: o.keyReused || undefined,
        credentialId: o.credentialId || undefined,
        reason: o.reason || undefined,
        error: o.error ? (fromObject(o.error) ?? undefined) : undefined,
      })),
      imported: r?.imported ?? 0,
      skipped: r?.skipped ?? 0,
      failed: r?.failed ?? 0,
    };
  });
}

/** Asks the account's CA whether it knows the account's key. */
export function verifyAccount(accountId: string): Promise<Verification> {
  return call(async () => {
    const v = await App.VerifyAccount(accountId);
    return {
      accountId: v.accountId || accountId,
      verdict: v.verdict ?? '',
      kid: v.kid || undefined,
      message: v.message ?? '',
      checkedAt: timeString(v.checkedAt),
    };
  });
}

// ------------------------------------------------------ backup and restore

export type RestoreMode = 'empty' | 'merge';

/** One record of a backup: its bucket ("keys", "accounts"…), id and, when known, name. */
export interface BackupItem {
  bucket: string;
  id: string;
  name?: string;
  /** Why a conflicting record is kept as it is. */
  reason?: string;
  /** The backup's version may replace the one here (the same record, changed since). */
  replaceable?: boolean;
}

export interface RestorePlan {
  add: BackupItem[];
  same: BackupItem[];
  /** Records whose backup version replaced (or replaces) the one here. */
  replace: BackupItem[];
  conflicts: BackupItem[];
}

type PlanLists = {add?: BackupItem[] | null; same?: BackupItem[] | null; replace?: BackupItem[] | null; conflicts?: BackupItem[] | null};

function toPlan(p: PlanLists | null): RestorePlan {
  const items = (l: BackupItem[] | null | undefined) =>
    list(l).map((i) => ({
      bucket: i.bucket ?? '',
      id: i.id ?? '',
      name: i.name || undefined,
      reason: i.reason || undefined,
      replaceable: i.replaceable || undefined,
    }));
  return {add: items(p?.add), same: items(p?.same), replace: items(p?.replace), conflicts: items(p?.conflicts)};
}

/** Asks where to save (native dialog) and writes an encrypted backup; resolves to the path, or "" when cancelled. */
export function backupToFile(passphrase: string): Promise<string> {
  return call(async () => (await App.BackupToFile(passphrase)) ?? '');
}

/** Asks for a backup file (native dialog); resolves to its path, or "" when cancelled. */
export function chooseBackupFile(): Promise<string> {
  return call(async () => (await App.ChooseBackupFile()) ?? '');
}

export interface Recovered {
  /** Where the old data folder was kept, renamed ("" when there was none). */
  setAside: string;
  plan: RestorePlan;
}

/**
 * The way out of a data folder that cannot be used (damaged, or its vault key lost): sets it aside and
 * restores the backup into a new one, whose vault key goes to the keychain, or is protected by
 * vaultPassphrase when one is given.
 */
export function restoreIntoNewFolder(path: string, backupPassphrase: string, vaultPassphrase: string): Promise<Recovered> {
  return call(async () => {
    const r = await App.RestoreIntoNewFolder(path, backupPassphrase, vaultPassphrase);
    return {setAside: r?.setAside ?? '', plan: toPlan(r?.plan ?? null)};
  });
}

/** Reads a backup and says what a merge would add, find identical, and keep as conflicts. */
export function planRestore(path: string, passphrase: string): Promise<RestorePlan> {
  return call(async () => toPlan(await App.PlanRestore(path, passphrase)));
}

/** Restores (or merges) the backup; with a merge, the conflicting records in replace (ids) take the backup's version. */
export function restoreBackup(path: string, passphrase: string, mode: RestoreMode, replace: string[] = []): Promise<RestorePlan> {
  return call(async () => toPlan(await App.RestoreBackup(path, passphrase, mode, replace)));
}

// --------------------------------------------------------------- system

/** Opens url in the system browser; the webview never navigates away. */
export function openExternal(url: string): void {
  BrowserOpenURL(url);
}

/** Where an account can be exported to. */
export type AccountExportFormat = 'lego' | 'certbot' | 'acmesh' | 'cert-manager';

/** What an account export wrote (no secret). */
export interface ExportResult {
  format: AccountExportFormat;
  dir: string;
  files: string[];
  hints: string[];
}

function toExportResult(r: {format?: string; dir?: string; files?: string[] | null; hints?: string[] | null}): ExportResult {
  return {format: (r.format ?? '') as AccountExportFormat, dir: r.dir ?? '', files: r.files ? [...r.files] : [], hints: r.hints ? [...r.hints] : []};
}

/** Asks for a folder, then exports the account there; null when the user cancelled. */
export function exportAccount(id: string, format: AccountExportFormat): Promise<ExportResult | null> {
  return call(async () => {
    const r = await App.ExportAccount(id, format);
    return r ? toExportResult(r) : null;
  });
}

// -------------------------------------------------------------- logging

/**
 * Writes one line to the app's log (the binary's stderr, at INFO). Only for
 * states and counts: never a name, a path, a value or anything from a key.
 */
export function logInfo(message: string): void {
  LogInfo(message);
}

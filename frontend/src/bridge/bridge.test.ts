import {beforeEach, describe, expect, it, vi} from 'vitest';

const bindings = vi.hoisted(() => ({
  ListKeys: vi.fn(),
  Unlock: vi.fn(),
  ExportKey: vi.fn(),
  RefreshAllAccounts: vi.fn(),
  CADirectory: vi.fn(),
  ListAccounts: vi.fn(),
  ListCredentials: vi.fn(),
  CredentialKinds: vi.fn(),
  DigiCertRevokeEAB: vi.fn(),
  ScanForAccounts: vi.fn(),
  ImportAccounts: vi.fn(),
  PlanRestore: vi.fn(),
}));
vi.mock('../../wailsjs/go/services/AccountsService', () => bindings);
vi.mock('../../wailsjs/go/services/BackupService', () => bindings);
vi.mock('../../wailsjs/go/services/CAsService', () => bindings);
vi.mock('../../wailsjs/go/services/CredentialsService', () => bindings);
vi.mock('../../wailsjs/go/services/EABService', () => bindings);
vi.mock('../../wailsjs/go/services/KeysService', () => bindings);
vi.mock('../../wailsjs/go/services/TransferService', () => bindings);
vi.mock('../../wailsjs/go/services/VaultService', () => bindings);
const runtime = vi.hoisted(() => ({BrowserOpenURL: vi.fn()}));
vi.mock('../../wailsjs/runtime/runtime', () => runtime);

import {
  AppError,
  caDirectory,
  credentialKinds,
  digiCertRevokeEAB,
  importAccounts,
  planRestore,
  scanForAccounts,
  exportKey,
  listCredentials,
  listAccounts,
  listKeys,
  openExternal,
  refreshAllAccounts,
  toAppError,
  unlock,
} from './index';

const json = '{"code":"wrong_passphrase","message":"Wrong passphrase.","hint":"Check caps lock.","detail":"aead: open failed"}';

describe('toAppError', () => {
  it('parses a JSON string', () => {
    const e = toAppError(json);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('wrong_passphrase');
    expect(e.message).toBe('Wrong passphrase.');
    expect(e.hint).toBe('Check caps lock.');
    expect(e.detail).toBe('aead: open failed');
  });

  it('parses an Error whose message is JSON', () => {
    const e = toAppError(new Error(json));
    expect(e.code).toBe('wrong_passphrase');
    expect(e.hint).toBe('Check caps lock.');
  });

  it('tolerates missing hint and detail', () => {
    const e = toAppError('{"code":"not_found","message":"No such key."}');
    expect(e.code).toBe('not_found');
    expect(e.hint).toBe('');
    expect(e.detail).toBe('');
  });

  it('falls back to internal with the raw text as detail', () => {
    const e = toAppError('runtime error: index out of range');
    expect(e.code).toBe('internal');
    expect(e.detail).toBe('runtime error: index out of range');
    expect(e.message).not.toContain('index out of range');
  });

  it('treats JSON without code/message as non-JSON', () => {
    const e = toAppError(new Error('{"foo":1}'));
    expect(e.code).toBe('internal');
    expect(e.detail).toBe('{"foo":1}');
  });

  it('returns AppErrors unchanged', () => {
    const orig = new AppError('conflict', 'Exists.');
    expect(toAppError(orig)).toBe(orig);
  });
});

describe('bridge functions', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('rethrow rejections as AppError', async () => {
    bindings.Unlock.mockRejectedValue(json);
    await expect(unlock('x')).rejects.toMatchObject({code: 'wrong_passphrase', message: 'Wrong passphrase.'});
  });

  it('convert keys and treat null lists as empty', async () => {
    bindings.ListKeys.mockResolvedValue(null);
    await expect(listKeys()).resolves.toEqual([]);
    bindings.ListKeys.mockResolvedValue([
      {id: 'k1', name: 'a', description: '', algorithm: 'ec384', publicKeyPem: 'P', fingerprintSha256: 'f', jwkThumbprint: 't', source: 'generated', createdAt: '2024-01-02T03:04:05Z', updatedAt: '2024-01-02T03:04:05Z', allowExport: false},
    ]);
    const [k] = await listKeys();
    expect(k.id).toBe('k1');
    expect(k.createdAt).toBe('2024-01-02T03:04:05Z');
  });

  it('pass the export format through', async () => {
    bindings.ExportKey.mockResolvedValue('/home/me/key.pem');
    await expect(exportKey('k1', 'pem')).resolves.toBe('/home/me/key.pem');
    expect(bindings.ExportKey).toHaveBeenCalledWith('k1', 'pem');
  });
});

describe('accounts, CAs and system', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('turn per-account refresh errors into AppErrors', async () => {
    bindings.RefreshAllAccounts.mockResolvedValue([
      {id: 'a1', name: 'One', status: 'valid'},
      {id: 'a2', name: 'Two', status: 'valid', error: {code: 'ca_timeout', message: 'Timed out.', hint: 'Try later.'}},
      {id: 'a3', name: 'Three', status: 'deactivated', skipped: true},
    ]);
    const [ok, failed, skipped] = await refreshAllAccounts('job-1');
    expect(bindings.RefreshAllAccounts).toHaveBeenCalledWith('job-1');
    expect(ok).toMatchObject({name: 'One', skipped: false});
    expect(skipped).toMatchObject({name: 'Three', skipped: true, status: 'deactivated'});
    expect(ok.error).toBeUndefined();
    expect(failed.error).toBeInstanceOf(AppError);
    expect(failed.error).toMatchObject({code: 'ca_timeout', message: 'Timed out.', hint: 'Try later.'});
  });

  it('normalise accounts and directories', async () => {
    bindings.ListAccounts.mockResolvedValue([
      {id: 'a', name: 'A', description: '', caId: 'le', keyId: 'k', contacts: null, status: 'valid', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', registeredAt: '0001-01-01T00:00:00Z'},
    ]);
    const [a] = await listAccounts();
    expect(a.contacts).toEqual([]);
    expect(a.registeredAt).toBeUndefined();

    bindings.CADirectory.mockResolvedValue({caId: 'le', url: 'u', newNonce: 'n', newAccount: 'a', newOrder: 'o', meta: {externalAccountRequired: false, profiles: {}}, keyChangeOffered: true, fetchedAt: '2024-01-01T00:00:00Z', cached: false});
    const d = await caDirectory('le', true);
    expect(bindings.CADirectory).toHaveBeenCalledWith('le', true);
    expect(d.meta.profiles).toBeUndefined();
    expect(d.keyChangeOffered).toBe(true);
  });

  it('open links with the Wails runtime', () => {
    openExternal('https://letsencrypt.org');
    expect(runtime.BrowserOpenURL).toHaveBeenCalledWith('https://letsencrypt.org');
  });
});

describe('credentials', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('normalise credentials: null lists empty, zero times absent', async () => {
    bindings.ListCredentials.mockResolvedValue([
      {id: 'c1', name: 'CF', description: '', kind: 'dns:cloudflare', tags: null, fields: null, secretsSet: null, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', rotatedAt: '0001-01-01T00:00:00Z'},
    ]);
    const [c] = await listCredentials({kind: 'dns:cloudflare', tag: ''});
    expect(bindings.ListCredentials).toHaveBeenCalledWith({kind: 'dns:cloudflare', tag: ''});
    expect(c).toMatchObject({tags: [], fields: {}, secretsSet: []});
    expect(c.rotatedAt).toBeUndefined();
  });

  it('default field types to text and drop empty anyOf', async () => {
    bindings.CredentialKinds.mockResolvedValue([
      {id: 'api_token', group: 'general', label: 'API token', fields: [{name: 'token', label: 'Token', secret: true, optional: false, type: ''}], anyOf: null},
    ]);
    const [k] = await credentialKinds();
    expect(k.fields[0].type).toBe('text');
    expect(k.anyOf).toBeUndefined();
  });

  it('pass DigiCert credential ids as numbers', async () => {
    bindings.DigiCertRevokeEAB.mockResolvedValue(undefined);
    await digiCertRevokeEAB('key-cred', 17);
    expect(bindings.DigiCertRevokeEAB).toHaveBeenCalledWith('key-cred', 17);
  });
});

describe('import and backup', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('normalise a scan, send the preview back and turn outcome errors into AppErrors', async () => {
    bindings.ScanForAccounts.mockResolvedValue({
      root: '/etc/letsencrypt',
      accounts: [{id: 'a', tool: 'certbot', path: '/p', server: 'h', contacts: null, kid: 'https://k', caId: '', caCandidates: [], registeredAt: '0001-01-01T00:00:00Z', keyAlgorithm: 'rsa2048', keyLabel: 'RSA 2048', keyFormat: 'jwk', fingerprintSha256: 'fp'}],
      problems: null,
    });
    const p = await scanForAccounts('/etc/letsencrypt');
    expect(p.problems).toEqual([]);
    expect(p.accounts[0].contacts).toEqual([]);
    expect(p.accounts[0].caId).toBeUndefined();
    expect(p.accounts[0].caCandidates).toBeUndefined();
    expect(p.accounts[0].registeredAt).toBeUndefined();

    bindings.ImportAccounts.mockResolvedValue({
      outcomes: [{id: 'a', action: 'failed', reason: 'x', error: {code: 'ca_unreachable', message: 'Could not reach the CA.'}}],
      imported: 0,
      skipped: 0,
      failed: 1,
    });
    const r = await importAccounts(p, [{id: 'a', caId: 'letsencrypt'}]);
    const [sent, choices] = bindings.ImportAccounts.mock.calls[0];
    expect(JSON.parse(JSON.stringify(sent))).toEqual({root: '/etc/letsencrypt', accounts: [expect.objectContaining({id: 'a', kid: 'https://k'})], problems: []});
    expect(JSON.parse(JSON.stringify(choices))).toEqual([{id: 'a', caId: 'letsencrypt'}]);
    expect(r.outcomes[0].error).toBeInstanceOf(AppError);
    expect(r.outcomes[0].error?.code).toBe('ca_unreachable');
  });

  it('treat null plan lists as empty', async () => {
    bindings.PlanRestore.mockResolvedValue({add: [{bucket: 'keys', id: 'k', name: ''}], same: null, replace: null, conflicts: null});
    expect(await planRestore('/b', 'pass')).toEqual({
      add: [{bucket: 'keys', id: 'k', name: undefined, reason: undefined, replaceable: undefined}],
      same: [],
      replace: [],
      conflicts: [],
    });
  });
});

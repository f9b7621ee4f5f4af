import {beforeEach, describe, expect, it, vi} from 'vitest';

// Each bridge module calls its own bound service; each is mocked on its own,
// so a function calling the wrong service fails here.
const keys = vi.hoisted(() => ({ListKeys: vi.fn(), ExportKey: vi.fn()}));
const vault = vi.hoisted(() => ({Unlock: vi.fn(), RestoreIntoNewFolder: vi.fn()}));
const cas = vi.hoisted(() => ({CADirectory: vi.fn()}));
const accounts = vi.hoisted(() => ({RefreshAllAccounts: vi.fn(), AccountCAA: vi.fn()}));
const credentials = vi.hoisted(() => ({CredentialKinds: vi.fn(), ListCredentials: vi.fn()}));
const eab = vi.hoisted(() => ({DigiCertRevokeEAB: vi.fn()}));
const transfer = vi.hoisted(() => ({ScanForAccounts: vi.fn(), ImportAccounts: vi.fn(), ExportAccount: vi.fn()}));
const backup = vi.hoisted(() => ({PlanRestore: vi.fn()}));
const jobs = vi.hoisted(() => ({CancelJob: vi.fn()}));
const runtime = vi.hoisted(() => ({BrowserOpenURL: vi.fn(), LogInfo: vi.fn()}));
vi.mock('../../wailsjs/go/services/KeysService', () => keys);
vi.mock('../../wailsjs/go/services/VaultService', () => vault);
vi.mock('../../wailsjs/go/services/CAsService', () => cas);
vi.mock('../../wailsjs/go/services/AccountsService', () => accounts);
vi.mock('../../wailsjs/go/services/CredentialsService', () => credentials);
vi.mock('../../wailsjs/go/services/EABService', () => eab);
vi.mock('../../wailsjs/go/services/TransferService', () => transfer);
vi.mock('../../wailsjs/go/services/BackupService', () => backup);
vi.mock('../../wailsjs/go/services/JobsService', () => jobs);
vi.mock('../../wailsjs/runtime/runtime', () => runtime);

import {
  AppError,
  accountCAA,
  caDirectory,
  cancelJob,
  credentialKinds,
  digiCertRevokeEAB,
  exportAccount,
  exportKey,
  importAccounts,
  listCredentials,
  listKeys,
  logInfo,
  openExternal,
  planRestore,
  refreshAllAccounts,
  restoreIntoNewFolder,
  scanForAccounts,
  unlock,
} from './index';

const json = '{"code":"wrong_passphrase","message":"Wrong passphrase.","hint":"Check caps lock."}';

beforeEach(() => {
  vi.clearAllMocks();
});

describe('keys and vault', () => {
  it('rethrow what Wails rejects with as AppError', async () => {
    vault.Unlock.mockRejectedValue(new Error(json));
    const e = await unlock('x').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({code: 'wrong_passphrase', message: 'Wrong passphrase.', hint: 'Check caps lock.'});
  });

  it('hand the generated keys through', async () => {
    const k = {id: 'k1', name: 'a', description: '', algorithm: 'ec384', publicKeyPem: 'P', fingerprintSha256: 'f', jwkThumbprint: 't', source: 'generated', createdAt: '2024-01-02T03:04:05Z', updatedAt: '2024-01-02T03:04:05Z', allowExport: false};
    keys.ListKeys.mockResolvedValue([k]);
    await expect(listKeys()).resolves.toEqual([k]);
  });

  it('pass the export format through', async () => {
    keys.ExportKey.mockResolvedValue('/home/me/key.pem');
    await expect(exportKey('k1', 'pem')).resolves.toBe('/home/me/key.pem');
    expect(keys.ExportKey).toHaveBeenCalledWith('k1', 'pem');
  });

  it('restore into a new folder with both passphrases', async () => {
    const plan = {add: [], same: [], replace: [], conflicts: []};
    vault.RestoreIntoNewFolder.mockResolvedValue({setAside: '/d.old', plan});
    await expect(restoreIntoNewFolder('/b', 'bp', 'vp')).resolves.toEqual({setAside: '/d.old', plan});
    expect(vault.RestoreIntoNewFolder).toHaveBeenCalledWith('/b', 'bp', 'vp');
  });

  it('cancel jobs by id', async () => {
    jobs.CancelJob.mockResolvedValue(undefined);
    await cancelJob('job-1');
    expect(jobs.CancelJob).toHaveBeenCalledWith('job-1');
  });
});

describe('accounts, CAs and system', () => {
  it('turn per-account refresh errors into AppErrors', async () => {
    accounts.RefreshAllAccounts.mockResolvedValue([
      {id: 'a1', name: 'One', status: 'valid'},
      {id: 'a2', name: 'Two', status: 'valid', error: {code: 'ca_timeout', message: 'Timed out.', hint: 'Try later.'}},
      {id: 'a3', name: 'Three', status: 'deactivated', skipped: true},
    ]);
    const [ok, failed, skipped] = await refreshAllAccounts('job-1');
    expect(accounts.RefreshAllAccounts).toHaveBeenCalledWith('job-1');
    expect(ok).toMatchObject({name: 'One', skipped: false});
    expect(skipped).toMatchObject({name: 'Three', skipped: true, status: 'deactivated'});
    expect(ok.error).toBeUndefined();
    expect(failed.error).toBeInstanceOf(AppError);
    expect(failed.error).toMatchObject({code: 'ca_timeout', message: 'Timed out.', hint: 'Try later.'});
  });

  it('answer the CAA record value', async () => {
    accounts.AccountCAA.mockResolvedValue({value: 'letsencrypt.org; accounturi=https://a'});
    await expect(accountCAA('a')).resolves.toBe('letsencrypt.org; accounturi=https://a');
  });

  it('read a directory, refreshing when asked', async () => {
    const d = {caId: 'le', url: 'u', newNonce: 'n', newAccount: 'a', newOrder: 'o', meta: {externalAccountRequired: false}, keyChangeOffered: true, fetchedAt: '2024-01-01T00:00:00Z', cached: false};
    cas.CADirectory.mockResolvedValue(d);
    await expect(caDirectory('le', true)).resolves.toEqual(d);
    expect(cas.CADirectory).toHaveBeenCalledWith('le', true);
  });

  it('open links and log with the Wails runtime', () => {
    openExternal('https://letsencrypt.org');
    expect(runtime.BrowserOpenURL).toHaveBeenCalledWith('https://letsencrypt.org');
    logInfo('ACME Desk ready');
    expect(runtime.LogInfo).toHaveBeenCalledWith('ACME Desk ready');
  });
});

describe('credentials', () => {
  it('list with the filter given, or none', async () => {
    credentials.ListCredentials.mockResolvedValue([]);
    await listCredentials({kind: 'dns:cloudflare', tag: ''});
    expect(credentials.ListCredentials).toHaveBeenLastCalledWith({kind: 'dns:cloudflare', tag: ''});
    await listCredentials();
    expect(credentials.ListCredentials).toHaveBeenLastCalledWith({kind: '', tag: ''});
  });

  it.each([
    ['', 'text'],
    ['date', 'date'],
    ['colour', 'text'],
  ])('give field type %j as %j', async (type, want) => {
    credentials.CredentialKinds.mockResolvedValue([
      {id: 'api_token', group: 'general', label: 'API token', fields: [{name: 'token', label: 'Token', secret: true, optional: false, type}]},
    ]);
    const [k] = await credentialKinds();
    expect(k.fields[0].type).toBe(want);
  });

  it('pass DigiCert credential ids as numbers', async () => {
    eab.DigiCertRevokeEAB.mockResolvedValue(undefined);
    await digiCertRevokeEAB('key-cred', 17);
    expect(eab.DigiCertRevokeEAB).toHaveBeenCalledWith('key-cred', 17);
  });
});

describe('import, export and backup', () => {
  it('send the preview back as scanned and turn outcome errors into AppErrors', async () => {
    const preview = {
      root: '/etc/letsencrypt',
      accounts: [{id: 'a', tool: 'certbot', path: '/p', server: 'h', contacts: [], kid: 'https://k', keyAlgorithm: 'rsa2048', keyLabel: 'RSA 2048', keyFormat: 'jwk', fingerprintSha256: 'fp'}],
      problems: [],
    };
    transfer.ScanForAccounts.mockResolvedValue(preview);
    const p = await scanForAccounts('/etc/letsencrypt');
    expect(p).toEqual(preview);

    transfer.ImportAccounts.mockResolvedValue({
      outcomes: [
        {id: 'a', action: 'failed', reason: 'x', error: {code: 'ca_unreachable', message: 'Could not reach the CA.'}},
        {id: 'b', action: 'imported', accountId: 'acct-1'},
      ],
      imported: 1,
      skipped: 0,
      failed: 1,
    });
    const r = await importAccounts(p, [{id: 'a', caId: 'letsencrypt'}]);
    expect(transfer.ImportAccounts).toHaveBeenCalledWith(preview, [{id: 'a', caId: 'letsencrypt'}]);
    expect(r.outcomes[0].error).toBeInstanceOf(AppError);
    expect(r.outcomes[0].error?.code).toBe('ca_unreachable');
    expect(r.outcomes[1]).toEqual({id: 'b', action: 'imported', accountId: 'acct-1', error: undefined});
    expect(r).toMatchObject({imported: 1, failed: 1});
  });

  it('answer null when the export folder dialog was cancelled', async () => {
    transfer.ExportAccount.mockResolvedValue(null);
    await expect(exportAccount('a', 'lego')).resolves.toBeNull();
    expect(transfer.ExportAccount).toHaveBeenCalledWith('a', 'lego');
  });

  it('plan a restore with the passphrase', async () => {
    const plan = {add: [{bucket: 'keys', id: 'k'}], same: [], replace: [], conflicts: []};
    backup.PlanRestore.mockResolvedValue(plan);
    await expect(planRestore('/b', 'pass')).resolves.toEqual(plan);
    expect(backup.PlanRestore).toHaveBeenCalledWith('/b', 'pass');
  });
});

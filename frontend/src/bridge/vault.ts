import * as VaultService from '../../wailsjs/go/services/VaultService';
import type {core, services, vault} from '../../wailsjs/go/models';
import type {RestorePlan} from './backup';
import {call} from './call';

export type VaultState = 'new' | 'locked' | 'unlocked';
export type VaultProtection = 'keychain' | 'passphrase';

/** The generated status, with state and protection narrowed: the vault gate switches on them. */
export type VaultStatus = Omit<vault.Status, 'state' | 'protection'> & {state: VaultState; protection?: VaultProtection};

export type AppInfo = Omit<services.AppInfo, 'vault'> & {vault: VaultStatus};

/** What a restore into a new folder did. plan is a Go pointer, so optional in the generated type; a restore that succeeded always has it. */
export type Recovered = Omit<core.Recovered, 'plan'> & {plan: RestorePlan};

export function info(): Promise<AppInfo> {
  return call(async () => (await VaultService.Info()) as AppInfo);
}

export function setUpPassphrase(passphrase: string): Promise<void> {
  return call(() => VaultService.SetUpPassphrase(passphrase));
}

export function unlock(passphrase: string): Promise<void> {
  return call(() => VaultService.Unlock(passphrase));
}

export function retryKeychain(): Promise<VaultStatus> {
  return call(async () => (await VaultService.RetryKeychain()) as VaultStatus);
}

/**
 * The way out of a data folder that cannot be used (damaged, or its vault key lost): sets it aside and
 * restores the backup into a new one, whose vault key goes to the keychain, or is protected by
 * vaultPassphrase when one is given.
 */
export function restoreIntoNewFolder(path: string, backupPassphrase: string, vaultPassphrase: string): Promise<Recovered> {
  return call(async () => (await VaultService.RestoreIntoNewFolder(path, backupPassphrase, vaultPassphrase)) as Recovered);
}

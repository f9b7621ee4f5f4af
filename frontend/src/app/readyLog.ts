// Once the window is usable (the vault gate has passed and the key list has
// loaded), it logs one line, e.g. "ACME Desk ready: vault unlocked, 3 keys".
// scripts/smoke.sh waits for that line in the built binary's output and
// compares it with what the CLI sees. The line is made only of a fixed vault
// state word and a count: no name, path, id or anything from a key can reach it.
import {useEffect} from 'react';
import {listKeys, logInfo, type VaultState} from '../bridge';
import {useAppInfo} from '../features/vault/AppInfoContext';

const STATES: readonly VaultState[] = ['new', 'locked', 'unlocked'];

/** The ready line; anything but a known vault state or a whole count is replaced, never passed through. */
export function readyLine(vault: VaultState, keyCount: number): string {
  const state = STATES.includes(vault) ? vault : 'unknown';
  const n = Number.isSafeInteger(keyCount) && keyCount >= 0 ? String(keyCount) : '?';
  return `ACME Desk ready: vault ${state}, ${n} ${keyCount === 1 ? 'key' : 'keys'}`;
}

/** One ready line per page load (StrictMode's second effect run does not log again). */
let logged = false;

/** Logs the ready line once, after the first key list has loaded; a failed load logs nothing. */
export function useReadyLog(): void {
  const {info} = useAppInfo();
  const vault = info.vault.state;
  useEffect(() => {
    if (logged) return;
    logged = true;
    Promise.resolve()
      .then(() => listKeys())
      .then((list) => logInfo(readyLine(vault, list.length)))
      .catch(() => {
        // No ready line: the smoke run then fails on its wait, which is the point.
        // (Outside Wails, e.g. in unit tests, there is no runtime logger either.)
      });
  }, [vault]);
}

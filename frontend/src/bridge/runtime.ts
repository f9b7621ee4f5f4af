import {BrowserOpenURL, LogInfo} from '../../wailsjs/runtime/runtime';

/** Opens url in the system browser; the webview never navigates away. */
export function openExternal(url: string): void {
  BrowserOpenURL(url);
}

/**
 * Writes one line to the app's log (the binary's stderr, at INFO). Only for
 * states and counts: never a name, a path, a value or anything from a key.
 */
export function logInfo(message: string): void {
  LogInfo(message);
}

import * as KeysService from '../../wailsjs/go/services/KeysService';
import type {keys, services} from '../../wailsjs/go/models';
import {call} from './call';
import type {Ref} from './refs';

/** The key types ACME Desk generates (generateKey takes one). */
export type Algorithm = 'ec384' | 'ec256' | 'rsa2048' | 'rsa3072' | 'rsa4096';
export type ExportFormat = 'pem' | 'jwk';

export type Key = keys.Key;
export type KeyDetails = keys.Details;
/** What uses a key. */
export type KeyRef = Ref;

/** The generated option, its value narrowed: the page hands it back to generateKey. */
export type AlgorithmOption = Omit<services.AlgorithmOption, 'value'> & {value: Algorithm};

export function keyAlgorithms(): Promise<AlgorithmOption[]> {
  return call(async () => (await KeysService.KeyAlgorithms()) as AlgorithmOption[]);
}

export function listKeys(): Promise<Key[]> {
  return call(() => KeysService.ListKeys());
}

export function getKey(id: string): Promise<KeyDetails> {
  return call(() => KeysService.GetKey(id));
}

/** Makes a key; cancelJob(jobId) stops it. */
export function generateKey(jobId: string, name: string, description: string, algorithm: Algorithm): Promise<Key> {
  return call(() => KeysService.GenerateKey(jobId, name, description, algorithm));
}

export function importKey(name: string, description: string, content: string, passphrase: string): Promise<Key> {
  return call(() => KeysService.ImportKey(name, description, content, passphrase));
}

export function updateKey(id: string, name: string, description: string, allowExport: boolean): Promise<Key> {
  return call(() => KeysService.UpdateKey(id, name, description, allowExport));
}

export function deleteKey(id: string): Promise<void> {
  return call(() => KeysService.DeleteKey(id));
}

/** Asks where to save (native dialog) and writes the private key; resolves to the path, or "" when the user cancelled. */
export function exportKey(id: string, format: ExportFormat): Promise<string> {
  return call(() => KeysService.ExportKey(id, format));
}

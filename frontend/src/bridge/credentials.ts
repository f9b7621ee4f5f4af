import * as CredentialsService from '../../wailsjs/go/services/CredentialsService';
import type {credentials} from '../../wailsjs/go/models';
import {call} from './call';

export type CredentialKindGroup = 'general' | 'acme' | 'dns';
export type CredentialFieldType = 'text' | 'date' | 'bool' | 'int' | 'ca';

/** The generated field, type narrowed and always set (Go omits it for text): the form picks an input by it. */
export type CredentialField = Omit<credentials.Field, 'type'> & {type: CredentialFieldType};

/** The generated kind, group narrowed: the page groups and labels by it. */
export type CredentialKind = Omit<credentials.Kind, 'group' | 'fields'> & {group: CredentialKindGroup; fields: CredentialField[]};

export type Credential = credentials.Credential;
/** A credential in a list: with how many records use it. */
export type ListedCredential = credentials.Listed;
export type CredentialDetails = credentials.Details;
export type CredentialFilter = credentials.Filter;
export type NewCredentialInput = credentials.Input;
export type UpdateCredentialInput = credentials.UpdateInput;

const FIELD_TYPES: readonly string[] = ['text', 'date', 'bool', 'int', 'ca'] satisfies CredentialFieldType[];

function fieldType(t: string | undefined): CredentialFieldType {
  return t && FIELD_TYPES.includes(t) ? (t as CredentialFieldType) : 'text';
}

export function credentialKinds(): Promise<CredentialKind[]> {
  return call(async () =>
    (await CredentialsService.CredentialKinds()).map((k) => ({
      ...k,
      group: k.group as CredentialKindGroup,
      fields: k.fields.map((f) => ({...f, type: fieldType(f.type)})),
    })),
  );
}

export function listCredentials(filter: CredentialFilter = {kind: '', tag: ''}): Promise<ListedCredential[]> {
  return call(() => CredentialsService.ListCredentials(filter));
}

export function getCredential(id: string): Promise<CredentialDetails> {
  return call(() => CredentialsService.GetCredential(id));
}

export function createCredential(input: NewCredentialInput): Promise<Credential> {
  return call(() => CredentialsService.CreateCredential(input));
}

/** Changes name, description, tags and non-secret values; secrets change with rotateCredential. */
export function updateCredential(id: string, input: UpdateCredentialInput): Promise<Credential> {
  return call(() => CredentialsService.UpdateCredential(id, input));
}

/** The value of one field, secret or not. Only call when someone asks to see or copy it. */
export function revealCredentialField(id: string, field: string): Promise<string> {
  return call(() => CredentialsService.RevealCredentialField(id, field));
}

/** Puts a secret field on the clipboard from Go (the value never reaches the page); cleared after 30 s or when the window closes. */
export function copyCredentialField(id: string, field: string): Promise<void> {
  return call(() => CredentialsService.CopyCredentialField(id, field));
}

/** Replaces all secret values (those not given are dropped); non-secret values given are updated too. */
export function rotateCredential(id: string, values: Record<string, string>): Promise<Credential> {
  return call(() => CredentialsService.RotateCredential(id, values));
}

/** Deletes a credential; refused with in_use while something uses it. */
export function deleteCredential(id: string): Promise<void> {
  return call(() => CredentialsService.DeleteCredential(id));
}

/** Resolves when DNS validation could proceed with this credential. */
export function checkDNSCredential(id: string): Promise<void> {
  return call(() => CredentialsService.CheckDNSCredential(id));
}

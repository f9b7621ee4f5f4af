import * as CAsService from '../../wailsjs/go/services/CAsService';
import type {cas} from '../../wailsjs/go/models';
import {call} from './call';

export type Environment = 'production' | 'staging';

/** The generated CA, environment narrowed: the page labels and filters by it. */
export type CA = Omit<cas.CA, 'environment'> & {environment: Environment};
export type CADetails = Omit<cas.Details, 'environment'> & {environment: Environment};
export type RootInfo = cas.RootInfo;
export type CustomCAInput = Omit<cas.CustomInput, 'environment'> & {environment: Environment};
export type Directory = cas.Directory;
export type DirectoryMeta = cas.Meta;

export function listCAs(): Promise<CA[]> {
  return call(async () => (await CAsService.ListCAs()) as CA[]);
}

export function getCA(id: string): Promise<CADetails> {
  return call(async () => (await CAsService.GetCA(id)) as CADetails);
}

export function addCustomCA(input: CustomCAInput): Promise<CA> {
  return call(async () => (await CAsService.AddCustomCA(input)) as CA);
}

/** Makes a custom CA from a catalogue entry with a URL template (HARICA: value = alias or the whole URL). */
export function addTemplateCA(templateId: string, value: string): Promise<CA> {
  return call(async () => (await CAsService.AddTemplateCA(templateId, value)) as CA);
}

export function updateCustomCA(id: string, input: CustomCAInput): Promise<CA> {
  return call(async () => (await CAsService.UpdateCustomCA(id, input)) as CA);
}

export function deleteCustomCA(id: string): Promise<void> {
  return call(() => CAsService.DeleteCustomCA(id));
}

/** Reads the CA's ACME directory; the backend caches it unless refresh. */
export function caDirectory(id: string, refresh: boolean): Promise<Directory> {
  return call(() => CAsService.CADirectory(id, refresh));
}

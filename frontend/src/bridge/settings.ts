import * as SettingsService from '../../wailsjs/go/services/SettingsService';
import type {settings} from '../../wailsjs/go/models';
import {call} from './call';

export type Settings = settings.Settings;

export function getSettings(): Promise<Settings> {
  return call(() => SettingsService.GetSettings());
}

export function saveSettings(s: Settings): Promise<void> {
  return call(() => SettingsService.SaveSettings(s));
}

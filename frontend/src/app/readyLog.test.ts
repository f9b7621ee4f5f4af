import {describe, expect, it} from 'vitest';
import {readyLine} from './readyLog';
import type {VaultState} from '../bridge';

describe('readyLine', () => {
  it('says the vault state and the key count, and nothing else can reach it', () => {
    expect(readyLine('unlocked', 7)).toBe('ACME Desk ready: vault unlocked, 7 keys');
    expect(readyLine('locked', 1)).toBe('ACME Desk ready: vault locked, 1 key');
    expect(readyLine('a name; -----BEGIN PRIVATE KEY-----' as VaultState, 2)).toBe('ACME Desk ready: vault unknown, 2 keys');
    expect(readyLine('unlocked', 1.5)).toBe('ACME Desk ready: vault unlocked, ? keys');
    expect(readyLine('unlocked', -1)).toBe('ACME Desk ready: vault unlocked, ? keys');
  });
});

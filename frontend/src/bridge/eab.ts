import * as EABService from '../../wailsjs/go/services/EABService';
import type {eab} from '../../wailsjs/go/models';
import {call} from './call';
import type {Credential} from './credentials';
import type {Ref} from './refs';

/** An EAB credential DigiCert lists for an ACME contract, matched to a stored one. */
export type DigiCertEAB = eab.ListedCredential;
export type RotationStep = eab.Step;
export type RotationPlan = eab.Plan;

export function digiCertListEAB(keyCredentialId: string): Promise<DigiCertEAB[]> {
  return call(() => EABService.DigiCertListEAB(keyCredentialId));
}

/** Makes new EAB credentials at DigiCert and stores them; the HMAC key is never returned. */
export function digiCertRegenerateEAB(keyCredentialId: string, revokeExisting: boolean): Promise<Credential> {
  return call(() => EABService.DigiCertRegenerateEAB(keyCredentialId, revokeExisting));
}

export function digiCertRevokeEAB(keyCredentialId: string, digicertCredentialId: number): Promise<void> {
  return call(() => EABService.DigiCertRevokeEAB(keyCredentialId, digicertCredentialId));
}

export function digiCertRevokeAllEAB(keyCredentialId: string): Promise<void> {
  return call(() => EABService.DigiCertRevokeAllEAB(keyCredentialId));
}

export function digiCertPlanRotation(keyCredentialId: string, oldEabCredentialId: string): Promise<RotationPlan> {
  return call(() => EABService.DigiCertPlanRotation(keyCredentialId, oldEabCredentialId));
}

/** Rotation step 1: new credentials at DigiCert, stored; the old ones stay active. */
export function digiCertRotateStep1Regenerate(keyCredentialId: string, oldEabCredentialId: string): Promise<Credential> {
  return call(() => EABService.DigiCertRotateStep1Regenerate(keyCredentialId, oldEabCredentialId));
}

/** Rotation step 2: every account using the old credential now uses the new one; resolves to those accounts. */
export function digiCertRotateStep2Repoint(oldEabCredentialId: string, newEabCredentialId: string): Promise<Ref[]> {
  return call(() => EABService.DigiCertRotateStep2Repoint(oldEabCredentialId, newEabCredentialId));
}

export function zeroSSLEABFromAccessKey(accessKeyCredentialId: string): Promise<Credential> {
  return call(() => EABService.ZeroSSLEABFromAccessKey(accessKeyCredentialId));
}

export function zeroSSLEABFromEmail(email: string): Promise<Credential> {
  return call(() => EABService.ZeroSSLEABFromEmail(email));
}

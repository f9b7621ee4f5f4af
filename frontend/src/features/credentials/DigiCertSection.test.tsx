import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor, within} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {KINDS, appError, makeCredential, makeCredentialDetails} from '../../test/fixtures';
import {CredentialDetails} from './CredentialDetails';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const getCredential = vi.mocked(bridge.getCredential);
const digiCertListEAB = vi.mocked(bridge.digiCertListEAB);
const digiCertRegenerateEAB = vi.mocked(bridge.digiCertRegenerateEAB);
const digiCertRevokeEAB = vi.mocked(bridge.digiCertRevokeEAB);
const digiCertRevokeAllEAB = vi.mocked(bridge.digiCertRevokeAllEAB);
const digiCertPlanRotation = vi.mocked(bridge.digiCertPlanRotation);
const step1 = vi.mocked(bridge.digiCertRotateStep1Regenerate);
const step2 = vi.mocked(bridge.digiCertRotateStep2Repoint);
const deleteCredential = vi.mocked(bridge.deleteCredential);

const KEY = makeCredential(1, {name: 'DigiCert API', kind: 'digicert_partner_key', fields: {acme_contract_id: '4242'}, secretsSet: ['api_key']});
const OLD = makeCredential(2, {name: 'DigiCert EAB 2024', kind: 'eab', fields: {key_id: 'kid-ab12'}, secretsSet: ['hmac_key']});
const OTHER = makeCredential(3, {name: 'Other EAB', kind: 'eab'});
const NEW = makeCredential(4, {name: 'DigiCert EAB 2025', kind: 'eab'});

const PLAN: bridge.RotationPlan = {
  contractId: 4242,
  oldDigicertCredentialId: 17,
  accounts: [{kind: 'account', id: 'a1', label: 'Web prod'}],
  steps: [
    {name: 'regenerate', description: 'Ask DigiCert for new EAB credentials for ACME contract 4242, keeping the current ones active.'},
    {name: 'repoint', description: 'Point the 1 account(s) that use "DigiCert EAB 2024" at the new credential: Web prod.'},
    {name: 'revoke', description: 'Revoke the old credential at DigiCert (credential 17).'},
    {name: 'delete', description: 'Delete the stored credential "DigiCert EAB 2024" once nothing uses it.'},
  ],
};

async function setup() {
  getCredential.mockResolvedValue(makeCredentialDetails(KEY));
  const props = {onClose: vi.fn(), onChanged: vi.fn(), onDeleted: vi.fn()};
  renderWithProviders(<CredentialDetails credentialId="cred-1" kinds={KINDS} credentials={[KEY, OLD, OTHER]} {...props} />);
  const drawer = await screen.findByRole('dialog', {name: 'DigiCert API'});
  await within(drawer).findByText('EAB credentials at DigiCert');
  return {...props, drawer, user: userEvent.setup()};
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('DigiCert EAB management', () => {
  it('lists the contract credentials with their matched stored names, and revokes one after confirmation', async () => {
    const {drawer, user} = await setup();
    digiCertListEAB.mockResolvedValue([
      {credentialId: 17, kidHint: 'ab12', status: 'active', createdAt: '2024-01-01T00:00:00Z', storedId: 'cred-2', storedName: 'DigiCert EAB 2024'},
      {credentialId: 9, kidHint: 'zz99', status: 'revoked', createdAt: '2023-01-01T00:00:00Z'},
    ]);
    await user.click(within(drawer).getByRole('button', {name: 'List credentials'}));
    expect(digiCertListEAB).toHaveBeenCalledWith('cred-1');
    const table = await within(drawer).findByRole('table', {name: 'EAB credentials at DigiCert'});
    const active = within(table).getByTestId('digicert-row-17');
    expect(within(active).getByText('…ab12')).toBeTruthy();
    expect(within(active).getByText('Active')).toBeTruthy();
    expect(within(active).getByText('DigiCert EAB 2024')).toBeTruthy();
    const revoked = within(table).getByTestId('digicert-row-9');
    expect(within(revoked).getByText('Revoked')).toBeTruthy();
    expect(within(revoked).getByText('Not stored')).toBeTruthy();
    expect(within(revoked).queryByRole('button', {name: 'Revoke'})).toBeNull();

    digiCertRevokeEAB.mockResolvedValue();
    await user.click(within(active).getByRole('button', {name: 'Revoke'}));
    const confirm = await screen.findByRole('dialog', {name: 'Revoke EAB credential?'});
    await user.click(within(confirm).getByRole('button', {name: 'Revoke'}));
    expect(digiCertRevokeEAB).toHaveBeenCalledWith('cred-1', 17);
    await waitFor(() => expect(digiCertListEAB).toHaveBeenCalledTimes(2));
  });

  it('regenerates without revoking the current credentials unless asked', async () => {
    const {drawer, user, onChanged} = await setup();
    digiCertRegenerateEAB.mockResolvedValue(NEW);
    await user.click(within(drawer).getByRole('button', {name: 'Regenerate'}));
    const dialog = await screen.findByRole('dialog', {name: 'Regenerate EAB credentials'});
    const box = within(dialog).getByRole('checkbox', {name: 'Also revoke the current credentials (revoke_existing)'}) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(within(dialog).getByText(/without downtime/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', {name: 'Regenerate'}));
    expect(digiCertRegenerateEAB).toHaveBeenCalledWith('cred-1', false);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());

    await user.click(within(drawer).getByRole('button', {name: 'Regenerate'}));
    const again = await screen.findByRole('dialog', {name: 'Regenerate EAB credentials'});
    const box2 = within(again).getByRole('checkbox', {name: 'Also revoke the current credentials (revoke_existing)'}) as HTMLInputElement;
    expect(box2.checked).toBe(false);
    await user.click(box2);
    await user.click(within(again).getByRole('button', {name: 'Regenerate'}));
    expect(digiCertRegenerateEAB).toHaveBeenLastCalledWith('cred-1', true);
  });

  it('revokes all after confirmation', async () => {
    const {drawer, user} = await setup();
    digiCertRevokeAllEAB.mockRejectedValueOnce(appError('forbidden', 'DigiCert refused the API key.'));
    await user.click(within(drawer).getByRole('button', {name: 'Revoke all'}));
    const confirm = await screen.findByRole('dialog', {name: 'Revoke all EAB credentials?'});
    await user.click(within(confirm).getByRole('button', {name: 'Revoke all'}));
    expect(digiCertRevokeAllEAB).toHaveBeenCalledWith('cred-1');
    expect(await within(confirm).findByText('DigiCert refused the API key.')).toBeTruthy();
  });

  it('runs the zero-downtime rotation one step at a time with the right ids, keeping failures in place', async () => {
    const {drawer, user, onChanged} = await setup();
    await user.click(within(drawer).getByRole('button', {name: 'Rotate an EAB credential without downtime'}));
    const wizard = await screen.findByRole('dialog', {name: 'Zero-downtime rotation'});
    const plan = within(wizard).getByRole('button', {name: 'Plan'}) as HTMLButtonElement;
    expect(plan.disabled).toBe(true);
    await user.click(within(wizard).getByRole('combobox', {name: 'EAB credential to replace'}));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['DigiCert EAB 2024', 'Other EAB']);
    await user.click(screen.getByRole('option', {name: 'DigiCert EAB 2024'}));
    digiCertPlanRotation.mockResolvedValue(PLAN);
    await user.click(plan);
    expect(digiCertPlanRotation).toHaveBeenCalledWith('cred-1', 'cred-2');
    expect(await within(wizard).findByText(/keeping the current ones active/)).toBeTruthy();
    expect(within(wizard).getByText(/at the new credential: Web prod/)).toBeTruthy();

    const btn = (name: string) => within(wizard).getByRole('button', {name}) as HTMLButtonElement;
    expect(btn('1. Regenerate (keep old active)').disabled).toBe(false);
    expect(btn('2. Re-point accounts').disabled).toBe(true);
    expect(btn('3. Revoke old at DigiCert').disabled).toBe(true);
    expect(btn('4. Delete old credential').disabled).toBe(true);

    // a failing step stays where it is and can be retried
    step1.mockRejectedValueOnce(appError('ca_unreachable', 'Could not reach DigiCert.'));
    await user.click(btn('1. Regenerate (keep old active)'));
    expect(await within(wizard).findByText('Could not reach DigiCert.')).toBeTruthy();
    expect(btn('2. Re-point accounts').disabled).toBe(true);

    step1.mockResolvedValueOnce(NEW);
    await user.click(btn('1. Regenerate (keep old active)'));
    expect(step1).toHaveBeenLastCalledWith('cred-1', 'cred-2');
    expect(await within(wizard).findByText('New credentials stored as “DigiCert EAB 2025”; the old ones stay active.')).toBeTruthy();
    expect(within(wizard).queryByText('Could not reach DigiCert.')).toBeNull();
    expect(within(within(wizard).getByTestId('rotation-step-1')).getByText('Done')).toBeTruthy();
    await waitFor(() => expect(btn('2. Re-point accounts').disabled).toBe(false));
    expect(btn('1. Regenerate (keep old active)').disabled).toBe(true);

    step2.mockResolvedValue([{kind: 'account', id: 'a1', label: 'Web prod'}]);
    await user.click(btn('2. Re-point accounts'));
    expect(step2).toHaveBeenCalledWith('cred-2', 'cred-4');
    expect(await within(wizard).findByText('account: Web prod')).toBeTruthy();
    await waitFor(() => expect(btn('3. Revoke old at DigiCert').disabled).toBe(false));
    expect(btn('4. Delete old credential').disabled).toBe(true);

    digiCertRevokeEAB.mockResolvedValue();
    await user.click(btn('3. Revoke old at DigiCert'));
    expect(digiCertRevokeEAB).toHaveBeenCalledWith('cred-1', 17);
    await waitFor(() => expect(btn('4. Delete old credential').disabled).toBe(false));

    deleteCredential.mockResolvedValue();
    await user.click(btn('4. Delete old credential'));
    expect(deleteCredential).toHaveBeenCalledWith('cred-2');
    expect(await within(wizard).findByText('Rotation finished')).toBeTruthy();
    expect(onChanged).toHaveBeenCalled();
  });

  it('disables the revoke step when DigiCert does not list the old credential', async () => {
    const {drawer, user} = await setup();
    await user.click(within(drawer).getByRole('button', {name: 'Rotate an EAB credential without downtime'}));
    const wizard = await screen.findByRole('dialog', {name: 'Zero-downtime rotation'});
    await user.click(within(wizard).getByRole('combobox', {name: 'EAB credential to replace'}));
    await user.click(await screen.findByRole('option', {name: 'Other EAB'}));
    digiCertPlanRotation.mockResolvedValue({...PLAN, oldDigicertCredentialId: 0});
    await user.click(within(wizard).getByRole('button', {name: 'Plan'}));
    const btn = async (name: string) => (await within(wizard).findByRole('button', {name})) as HTMLButtonElement;
    step1.mockResolvedValue(NEW);
    step2.mockResolvedValue([]);
    await user.click(await btn('1. Regenerate (keep old active)'));
    await waitFor(async () => expect((await btn('2. Re-point accounts')).disabled).toBe(false));
    await user.click(await btn('2. Re-point accounts'));
    expect(step2).toHaveBeenCalledWith('cred-3', 'cred-4');
    expect(await within(wizard).findByText('No account used the old credential.')).toBeTruthy();
    expect((await btn('3. Revoke old at DigiCert')).disabled).toBe(true);
    expect((await btn('4. Delete old credential')).disabled).toBe(false);
  });
});

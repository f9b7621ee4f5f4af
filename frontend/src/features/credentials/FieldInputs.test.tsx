import {beforeEach, describe, expect, it, vi} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as bridge from '../../bridge';
import type {CredentialField} from '../../bridge';
import {renderWithProviders} from '../../test/render';
import {CAS} from '../../test/fixtures';
import {FieldInputs} from './FieldInputs';

vi.mock('../../bridge', async (importOriginal) => {
  const {mockBridge} = await import('../../test/bridgeMock');
  return mockBridge(await importOriginal());
});

const field = (name: string, more: Partial<CredentialField> = {}): CredentialField => ({name, label: name, secret: false, optional: true, type: 'text', ...more});

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(bridge.listCAs).mockResolvedValue(CAS);
});

describe('FieldInputs', () => {
  it('offers the stored CAs by name for a CA field and sends the id', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<FieldInputs fields={[field('ca_id', {label: 'Certificate authority', type: 'ca'})]} values={{}} onChange={onChange} />);
    await user.click(screen.getByRole('combobox', {name: 'Certificate authority'}));
    await user.click(await screen.findByRole('option', {name: /ZeroSSL/}));
    expect(onChange).toHaveBeenCalledWith('ca_id', 'zerossl');
    // A URL template is not a CA an account can use: not offered.
    expect(screen.queryByRole('option', {name: /HARICA/})).toBeNull();
  });

  it('keeps a CA id no CA here has, shown as it is', async () => {
    renderWithProviders(<FieldInputs fields={[field('ca_id', {label: 'Certificate authority', type: 'ca'})]} values={{ca_id: 'gone-ca'}} onChange={vi.fn()} />);
    await waitFor(() => expect((screen.getByRole('combobox', {name: 'Certificate authority'}) as HTMLInputElement).value).toBe('gone-ca'));
  });

  it('folds the advanced fields away until asked, and opens them when one is set', async () => {
    const fields = [field('CF_DNS_API_TOKEN', {secret: true}), field('CLOUDFLARE_TTL', {advanced: true}), field('CLOUDFLARE_POLLING_INTERVAL', {advanced: true})];
    const user = userEvent.setup();
    const {rerender} = renderWithProviders(<FieldInputs fields={fields} values={{}} onChange={vi.fn()} />);
    expect(screen.getByLabelText('CF_DNS_API_TOKEN')).toBeTruthy();
    expect(screen.queryByLabelText('CLOUDFLARE_TTL')).toBeNull();
    await user.click(screen.getByRole('button', {name: 'Advanced (2)'}));
    expect(await screen.findByLabelText('CLOUDFLARE_TTL')).toBeTruthy();
    await user.click(screen.getByRole('button', {name: 'Advanced (2)'}));
    await waitFor(() => expect(screen.queryByLabelText('CLOUDFLARE_TTL')).toBeNull());
    rerender(<FieldInputs fields={fields} values={{CLOUDFLARE_TTL: '300'}} onChange={vi.fn()} />);
    expect(await screen.findByLabelText('CLOUDFLARE_TTL')).toBeTruthy();
  });
});

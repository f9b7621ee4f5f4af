import {describe, expect, it} from 'vitest';
import {screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {ReactNode} from 'react';
import {AppError} from '../bridge';
import {ErrorAlert} from './ErrorAlert';
import {renderWithProviders} from '../test/render';
import {SettingsContext} from '../features/settings/useSettings';

function WithDebug({on, children}: {on: boolean; children: ReactNode}) {
  return (
    <SettingsContext.Provider value={{settings: {showDebug: on}, loaded: true, update: async () => {}}}>
      {children}
    </SettingsContext.Provider>
  );
}

describe('ErrorAlert', () => {
  it('with debug on, shows message and hint, and the detail only after expanding Details', async () => {
    const err = new AppError('database_in_use', 'The data is in use.', 'Close the other window.', 'bbolt: timeout');
    renderWithProviders(
      <WithDebug on>
        <ErrorAlert error={err} />
      </WithDebug>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The data is in use.');
    expect(alert.textContent).toContain('Close the other window.');
    const toggle = screen.getByRole('button', {name: 'Details'});
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('bbolt: timeout')).toBeNull();
    await userEvent.click(toggle);
    expect(screen.getByRole('button', {name: 'Hide details'}).getAttribute('aria-expanded')).toBe('true');
    expect(await screen.findByText('bbolt: timeout')).toBeTruthy();
  });

  it('hides Details when debug information is off', () => {
    const err = new AppError('acme_problem', 'The CA refused.', 'Try later.', 'urn:ietf:params:acme:error:malformed');
    renderWithProviders(
      <WithDebug on={false}>
        <ErrorAlert error={err} />
      </WithDebug>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Try later.');
    expect(screen.queryByRole('button', {name: 'Details'})).toBeNull();
    expect(screen.queryByText(/malformed/)).toBeNull();
  });

  it('hides Details without a settings provider (debug defaults to off)', () => {
    renderWithProviders(<ErrorAlert error={new AppError('internal', 'Oops.', '', 'stack')} />);
    expect(screen.getByRole('alert').textContent).toContain('Oops.');
    expect(screen.queryByRole('button', {name: 'Details'})).toBeNull();
  });

  it('has no Details toggle when there is no detail', () => {
    renderWithProviders(
      <WithDebug on>
        <ErrorAlert error={new AppError('not_found', 'Key not found.')} />
      </WithDebug>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Key not found.');
    expect(screen.queryByRole('button', {name: 'Details'})).toBeNull();
  });
});

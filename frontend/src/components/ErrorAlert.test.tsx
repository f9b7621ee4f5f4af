import {describe, expect, it} from 'vitest';
import {screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {AppError} from '../bridge';
import {ErrorAlert} from './ErrorAlert';
import {renderWithProviders} from '../test/render';

describe('ErrorAlert', () => {
  it('shows message and hint, and the detail only after expanding Details', async () => {
    const err = new AppError('database_in_use', 'The data is in use.', 'Close the other window.', 'bbolt: timeout');
    renderWithProviders(<ErrorAlert error={err} />);
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

  it('has no Details toggle when there is no detail', () => {
    renderWithProviders(<ErrorAlert error={new AppError('not_found', 'Key not found.')} />);
    expect(screen.getByRole('alert').textContent).toContain('Key not found.');
    expect(screen.queryByRole('button', {name: 'Details'})).toBeNull();
  });
});

import {describe, expect, it, vi} from 'vitest';
import {fireEvent, screen} from '@testing-library/react';
import {renderWithProviders} from '../test/render';
import {appError} from '../test/fixtures';
import {listStatus} from './ListStatus';

const base = {error: null, loading: false, count: 0, onRetry: () => {}, loadingLabel: 'Loading things'};

describe('listStatus', () => {
  it('shows the load error with a retry while nothing is listed', () => {
    const onRetry = vi.fn();
    renderWithProviders(<>{listStatus({...base, error: appError('internal', 'Cannot read things.'), onRetry})}</>);
    expect(screen.getByText('Cannot read things.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', {name: 'Try again'}));
    expect(onRetry).toHaveBeenCalled();
  });

  it('shows the loader, then the empty state, then nothing once there are records', () => {
    const {rerender} = renderWithProviders(<>{listStatus({...base, loading: true, empty: <p>None yet</p>})}</>);
    expect(screen.getByLabelText('Loading things')).toBeTruthy();
    rerender(<>{listStatus({...base, empty: <p>None yet</p>})}</>);
    expect(screen.getByText('None yet')).toBeTruthy();
    expect(listStatus({...base, count: 3, loading: true, error: appError('internal', 'x'), empty: <p>None yet</p>})).toBeNull();
    expect(listStatus({...base})).toBeNull(); // an empty list with no message of its own
  });
});

import {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {screen, waitFor} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {Button} from '@mantine/core';
import {renderWithProviders} from '../test/render';
import {Drawer, Modal} from './dialogs';

function DrawerWithConfirmation() {
  const [drawer, setDrawer] = useState(true);
  const [confirm, setConfirm] = useState(false);
  return (
    <Drawer opened={drawer} onClose={() => setDrawer(false)} title="Account">
      <Button onClick={() => setConfirm(true)}>Remove</Button>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title="Remove the account?">
        <Button>Remove for good</Button>
      </Modal>
    </Drawer>
  );
}

describe('dialogs', () => {
  it('closes only the top dialog on Escape: the confirmation, then the drawer under it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DrawerWithConfirmation />);
    await user.click(await screen.findByRole('button', {name: 'Remove'}));
    await screen.findByRole('dialog', {name: 'Remove the account?'});

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Remove the account?'})).toBeNull());
    expect(screen.getByRole('dialog', {name: 'Account'})).toBeTruthy();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', {name: 'Account'})).toBeNull());
  });

  it('is the only place that renders Mantine modals and drawers', () => {
    const sources = import.meta.glob(['../**/*.tsx', '!../**/*.test.tsx', '!./dialogs.tsx'], {query: '?raw', import: 'default', eager: true});
    const direct = Object.entries(sources)
      .filter(([, text]) => /import\s*\{[^}]*\b(Modal|Drawer)\b[^}]*\}\s*from\s*'@mantine\/core'/.test(text as string))
      .map(([path]) => path);
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    expect(direct).toEqual([]);
  });
});

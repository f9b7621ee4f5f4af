import {useState} from 'react';
import {Anchor, Code, Collapse, Text} from '@mantine/core';
import type {VaultStatus} from '../../bridge';

/** The keychain problem in plain words, with the raw detail collapsed. */
export function KeychainProblem({vault}: {vault: VaultStatus}) {
  const [open, setOpen] = useState(false);
  if (!vault.keychainProblem) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {vault.keychainProblem}
      </Text>
      {vault.keychainDetail && (
        <>
          <Anchor component="button" type="button" size="xs" c="dimmed" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
            {open ? 'Hide details' : 'Details'}
          </Anchor>
          <Collapse expanded={open} keepMounted={false}>
            <Code block mt={4} style={{whiteSpace: 'pre-wrap', wordBreak: 'break-word'}}>
              {vault.keychainDetail}
            </Code>
          </Collapse>
        </>
      )}
    </div>
  );
}

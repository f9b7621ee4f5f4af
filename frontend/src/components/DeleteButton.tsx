import type {ReactNode} from 'react';
import {Button, Stack, Text, Tooltip} from '@mantine/core';
import {IconTrash} from '@tabler/icons-react';

export interface DeleteButtonProps {
  children: ReactNode;
  onClick: () => void;
  /** Why the backend would refuse the delete now (e.g. something uses the record): the button is then disabled and this said beside it. */
  blockedBy?: string | null;
  /** The longer story on hover, e.g. what uses it. */
  details?: string;
  variant?: 'filled' | 'light';
}

/** A delete that would be refused is disabled up front, with the reason, instead of asking and refusing afterwards. */
export function DeleteButton({children, onClick, blockedBy, details, variant = 'filled'}: DeleteButtonProps) {
  const button = (
    <Button color="red" variant={variant} leftSection={<IconTrash size={16} />} disabled={Boolean(blockedBy)} onClick={onClick}>
      {children}
    </Button>
  );
  return (
    <Stack gap={4} align="flex-start">
      {blockedBy && details ? (
        <Tooltip label={details} multiline maw={320} withArrow>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {blockedBy && (
        <Text size="xs" c="dimmed">
          {blockedBy}
        </Text>
      )}
    </Stack>
  );
}

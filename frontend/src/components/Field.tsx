import type {ReactNode} from 'react';
import {Box, Group, Text} from '@mantine/core';

/** A labelled value in a details drawer. */
export function Field({label, children, action}: {label: string; children: ReactNode; action?: ReactNode}) {
  return (
    <Box>
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={2}>
        <Text size="sm" fw={600} c="dimmed">
          {label}
        </Text>
        {action}
      </Group>
      {children}
    </Box>
  );
}

/** Styles for long monospace values (URLs, fingerprints) that must wrap anywhere. */
export const monoWrap = {wordBreak: 'break-all' as const, whiteSpace: 'pre-wrap' as const};

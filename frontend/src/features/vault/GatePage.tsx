import type {ReactNode} from 'react';
import {Center, Paper, Stack, Text, Title} from '@mantine/core';
import {IconShieldLock} from '@tabler/icons-react';

/** A centred full-page card used by every vault screen. */
export function GatePage({title, children}: {title: string; children: ReactNode}) {
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={520}>
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" c="dimmed" fw={600}>
              <IconShieldLock size={16} style={{verticalAlign: 'text-bottom'}} /> ACME Desk
            </Text>
            <Title order={2}>{title}</Title>
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

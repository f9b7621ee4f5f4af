import {useMemo, useState} from 'react';
import {
  Badge,
  Button,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {IconPlus} from '@tabler/icons-react';
import type {CA} from '../../bridge';
import {activateOnEnterOrSpace, listStatus} from '../../components/ListStatus';
import {AddCustomCAModal} from './AddCustomCAModal';
import {AddTemplateCAModal} from './AddTemplateCAModal';
import {CADetails} from './CADetails';
import {EnvironmentBadge} from './EnvironmentBadge';
import {ENVIRONMENT_FILTERS, useCAs, type EnvironmentFilter} from './useCAs';

export function CAsPage() {
  const {cas, loading, error, refresh} = useCAs();
  const [env, setEnv] = useState<EnvironmentFilter>('all');
  const [addOpen, setAddOpen] = useState(false);
  const [template, setTemplate] = useState<CA | null>(null);
  const [selected, setSelected] = useState<CA | null>(null);

  const filtered = useMemo(() => (env === 'all' ? cas : cas.filter((c) => c.environment === env)), [cas, env]);

  const onAdded = () => {
    setAddOpen(false);
    setTemplate(null);
    void refresh();
  };

  const status = listStatus({error, loading, count: cas.length, onRetry: () => void refresh(), loadingLabel: 'Loading certificate authorities'});
  let body;
  if (status) {
    body = status;
  } else if (filtered.length === 0) {
    body = (
      <Text c="dimmed" mt="md">
        No certificate authorities in this environment.
      </Text>
    );
  } else {
    body = (
      <ScrollArea flex={1} mih={0}>
        <Table highlightOnHover verticalSpacing="xs" aria-label="Certificate authorities" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Environment</Table.Th>
              <Table.Th>Directory URL</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {filtered.map((ca) => (
              <Table.Tr
                key={ca.id}
                tabIndex={0}
                style={{cursor: 'pointer'}}
                aria-selected={selected?.id === ca.id}
                data-testid={`ca-row-${ca.id}`}
                onClick={() => setSelected(ca)}
                onKeyDown={activateOnEnterOrSpace(() => setSelected(ca))}
              >
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={500}>
                      {ca.name}
                    </Text>
                    {!ca.builtIn && (
                      <Badge size="sm" variant="light" color="indigo" tt="none">
                        Custom
                      </Badge>
                    )}
                    {ca.eabRequired && (
                      <Badge size="sm" variant="light" color="grape" tt="none">
                        EAB required
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <EnvironmentBadge environment={ca.environment} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" c={ca.directoryUrl ? undefined : 'dimmed'} style={{wordBreak: 'break-all'}}>
                    {ca.directoryUrl || ca.urlTemplate}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {ca.urlTemplate && !ca.directoryUrl && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={(e) => {
                        e.stopPropagation();
                        setTemplate(ca);
                      }}
                    >
                      Add with your alias
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    );
  }

  return (
    <Stack gap="md" flex={1} mih={0}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>Certificate authorities</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAddOpen(true)}>
          Add custom CA
        </Button>
      </Group>
      <Group justify="space-between" align="center">
        <SegmentedControl
          aria-label="Environment"
          data={ENVIRONMENT_FILTERS}
          value={env}
          onChange={(v) => setEnv(v as EnvironmentFilter)}
        />
        {cas.length > 0 && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {filtered.length === cas.length ? `${cas.length} CAs` : `${filtered.length} of ${cas.length} CAs`}
          </Text>
        )}
      </Group>
      {body}
      <AddCustomCAModal opened={addOpen} onClose={() => setAddOpen(false)} onAdded={onAdded} />
      <AddTemplateCAModal template={template} onClose={() => setTemplate(null)} onAdded={onAdded} />
      <CADetails
        ca={selected}
        onClose={() => setSelected(null)}
        onDeleted={() => {
          setSelected(null);
          void refresh();
        }}
        onChanged={() => void refresh()}
      />
    </Stack>
  );
}

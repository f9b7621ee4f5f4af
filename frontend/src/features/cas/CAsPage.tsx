import {useCallback, useEffect, useMemo, useState} from 'react';
import type {PageProps} from '../../app/PageProps';
import {Badge, Button, SegmentedControl} from '@mantine/core';
import {IconPlus} from '@tabler/icons-react';
import type {CA} from '../../bridge';
import {TextWithBadges, type Column} from '../../components/DataTable';
import {ListPage} from '../../components/ListPage';
import {byText} from '../../components/useTableRows';
import {AddCustomCAModal} from './AddCustomCAModal';
import {AddTemplateCAModal} from './AddTemplateCAModal';
import {CADetails} from './CADetails';
import {ENVIRONMENT_LABEL, EnvironmentBadge} from './EnvironmentBadge';
import {ENVIRONMENT_FILTERS, useCAs, type EnvironmentFilter} from './useCAs';

const caName = (ca: CA) => ca.name;
const caURL = (ca: CA) => ca.directoryUrl || ca.urlTemplate || '';
const caSearchText = (ca: CA) => `${ca.name}\n${caURL(ca)}`;
const caId = (ca: CA) => ca.id;
const caTestId = (ca: CA) => `ca-row-${ca.id}`;

export function CAsPage({openId}: PageProps = {}) {
  const {cas, loading, error, refresh} = useCAs();
  const [env, setEnv] = useState<EnvironmentFilter>('all');
  const [addOpen, setAddOpen] = useState(false);
  const [template, setTemplate] = useState<CA | null>(null);
  const [selected, setSelected] = useState<CA | null>(null);
  // The drawer shows a CA from the list: the one the search found opens once the list has it.
  const [toOpen, setToOpen] = useState(openId);

  const columns = useMemo<Column<CA>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        fill: 2,
        minWidth: 'min-content',
        cell: (ca) => (
          <TextWithBadges text={ca.name} title={ca.name}>
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
          </TextWithBadges>
        ),
        compare: byText(caName),
      },
      {
        id: 'environment',
        header: 'Environment',
        widest: <EnvironmentBadge environment="production" />,
        cell: (ca) => <EnvironmentBadge environment={ca.environment} />,
        compare: byText((ca) => ENVIRONMENT_LABEL[ca.environment]),
      },
      {id: 'url', header: 'Directory URL', fill: 2, mono: true, cell: caURL, title: caURL, compare: byText(caURL)},
      {
        id: 'actions',
        header: 'Actions',
        hideHeader: true,
        cell: (ca) =>
          ca.urlTemplate &&
          !ca.directoryUrl && (
            <Button size="xs" variant="light" onClick={() => setTemplate(ca)}>
              Add with your alias
            </Button>
          ),
      },
    ],
    [],
  );

  const keep = useMemo(() => (env === 'all' ? undefined : (ca: CA) => ca.environment === env), [env]);

  const onAdded = () => {
    setAddOpen(false);
    setTemplate(null);
    void refresh();
  };
  useEffect(() => {
    const ca = toOpen && cas.find((c) => c.id === toOpen);
    if (!ca) return;
    setSelected(ca);
    setToOpen(undefined);
  }, [toOpen, cas]);
  const onOpen = useCallback((ca: CA) => setSelected(ca), []);

  return (
    <ListPage
      title="Certificate authorities"
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAddOpen(true)}>
          Add custom CA
        </Button>
      }
      filter={{label: 'Filter CAs', placeholder: 'Filter by name or directory URL'}}
      filters={
        <SegmentedControl
          aria-label="Environment"
          data={ENVIRONMENT_FILTERS}
          value={env}
          onChange={(v) => setEnv(v as EnvironmentFilter)}
        />
      }
      status={{error, loading, count: cas.length, onRetry: () => void refresh(), loadingLabel: 'Loading certificate authorities'}}
      rows={cas}
      search={{columns, searchText: caSearchText, keep}}
      table={{label: 'Certificate authorities', rowKey: caId, rowTestId: caTestId, onOpen, selectedKey: selected?.id}}
      noun={['CA', 'CAs']}
      noMatch={() => 'No certificate authorities match the filter.'}
    >
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
    </ListPage>
  );
}

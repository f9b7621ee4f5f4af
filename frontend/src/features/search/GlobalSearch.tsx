import {useMemo, useState} from 'react';
import {Button, Kbd, Text} from '@mantine/core';
import {createSpotlight, Spotlight, type SpotlightActionGroupData} from '@mantine/spotlight';
import {IconSearch} from '@tabler/icons-react';
import {listAccounts, listCAs, listCredentials, listKeys} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {useOnTop} from '../../components/dialogs';
import {useAction} from '../../components/useAction';
import {buildIndex, search, type SearchEntry, type SearchSection} from './searchIndex';

const GROUPS: {section: SearchSection; label: string}[] = [
  {section: 'keys', label: 'Keys'},
  {section: 'accounts', label: 'Accounts'},
  {section: 'cas', label: 'Certificate Authorities'},
  {section: 'credentials', label: 'Credentials'},
];

/** At most this many matches are listed: the rest are found by typing more. */
const LIMIT = 50;

export interface GlobalSearchProps {
  onOpen: (section: SearchSection, id: string) => void;
}

/** One box that finds any key, account (by name, contact or URL), CA or credential, and opens it. Ctrl+K opens it too. */
export function GlobalSearch({onOpen}: GlobalSearchProps) {
  // Its own store, not Mantine's global one: each search (and each test) starts closed.
  const [[store, spotlight]] = useState(createSpotlight);
  const [index, setIndex] = useState<SearchEntry[]>([]);
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState(false);
  const onTop = useOnTop(opened);
  const {run, error} = useAction();

  // Read afresh each time the search opens, so it finds what was just added.
  const load = () =>
    run(async () => {
      const [keys, accounts, cas, credentials] = await Promise.all([listKeys(), listAccounts(), listCAs(), listCredentials()]);
      setIndex(buildIndex({keys, accounts, cas, credentials}));
    });

  const actions = useMemo<SpotlightActionGroupData[]>(() => {
    const found = search(index, query, LIMIT);
    return GROUPS.map((g) => ({
      group: g.label,
      actions: found
        .filter((e) => e.section === g.section)
        .map((e) => ({id: `${e.section}/${e.id}`, label: e.label, description: e.description, onClick: () => onOpen(e.section, e.id)})),
    })).filter((g) => g.actions.length > 0);
  }, [index, query, onOpen]);

  return (
    <>
      <Button
        variant="default"
        justify="space-between"
        fullWidth
        leftSection={<IconSearch size={16} />}
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        onClick={() => spotlight.open()}
        aria-label="Search everything"
      >
        <Text size="sm" c="dimmed">
          Search…
        </Text>
      </Button>
      <Spotlight
        store={store}
        actions={actions}
        filter={(_, a) => a}
        query={query}
        onQueryChange={setQuery}
        onSpotlightOpen={() => {
          setOpened(true);
          void load();
        }}
        onSpotlightClose={() => setOpened(false)}
        closeOnEscape={onTop}
        shortcut="mod + K"
        nothingFound={error ? <ErrorAlert error={error} /> : query.trim() ? 'Nothing matches.' : 'Type a name, an e-mail address, a URL or a tag.'}
        highlightQuery
        scrollable
        maxHeight={420}
        searchProps={{leftSection: <IconSearch size={18} />, placeholder: 'Keys, accounts, CAs, credentials…', 'aria-label': 'Search everything'}}
      />
    </>
  );
}

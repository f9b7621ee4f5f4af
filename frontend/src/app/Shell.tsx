import {useCallback, useState, type ComponentType} from 'react';
import {AppShell, NavLink, Stack, Title} from '@mantine/core';
import {IconBuildingBank, IconKey, IconLock, IconSettings, IconUserCircle} from '@tabler/icons-react';
import {AccountsPage} from '../features/accounts/AccountsPage';
import {CAsPage} from '../features/cas/CAsPage';
import {CredentialsPage} from '../features/credentials/CredentialsPage';
import {KeysPage} from '../features/keys/KeysPage';
import {GlobalSearch} from '../features/search/GlobalSearch';
import type {SearchSection} from '../features/search/searchIndex';
import {SettingsPage} from '../features/settings/SettingsPage';
import type {PageProps} from './PageProps';
import {useReadyLog} from './readyLog';

export type Section = 'keys' | 'accounts' | 'cas' | 'credentials' | 'settings';

const SECTIONS: {id: Section; label: string; icon: typeof IconKey}[] = [
  {id: 'keys', label: 'Keys', icon: IconKey},
  {id: 'accounts', label: 'Accounts', icon: IconUserCircle},
  {id: 'cas', label: 'Certificate Authorities', icon: IconBuildingBank},
  {id: 'credentials', label: 'Credentials', icon: IconLock},
  {id: 'settings', label: 'Settings', icon: IconSettings},
];

const PAGES: Record<Section, ComponentType<PageProps>> = {
  keys: KeysPage,
  accounts: AccountsPage,
  cas: CAsPage,
  credentials: CredentialsPage,
  settings: SettingsPage,
};

/** The main window: navbar on the left, the current section on the right. */
export function Shell() {
  const [section, setSection] = useState<Section>('keys');
  // The record the search opened; seq makes the page start afresh on it, even on the page already shown.
  const [found, setFound] = useState<{id: string; seq: number} | null>(null);
  useReadyLog();
  const Page = PAGES[section];
  const open = useCallback((s: SearchSection, id: string) => {
    setSection(s);
    setFound((f) => ({id, seq: (f?.seq ?? 0) + 1}));
  }, []);
  return (
    <AppShell navbar={{width: 220, breakpoint: 0}} padding="md">
      <AppShell.Navbar p="sm" component="nav" aria-label="Sections">
        <Stack gap={4}>
          <Title order={3} size="h4" px="sm" py="xs">
            ACME Desk
          </Title>
          <GlobalSearch onOpen={open} />
          {SECTIONS.map(({id, label, icon: Icon}) => (
            <NavLink
              key={id}
              component="button"
              type="button"
              label={label}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={section === id}
              aria-current={section === id ? 'page' : undefined}
              onClick={() => {
                setSection(id);
                setFound(null);
              }}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{display: 'flex', flexDirection: 'column'}}>
        <Page key={found ? `${section}/${found.seq}` : section} openId={found?.id} />
      </AppShell.Main>
    </AppShell>
  );
}

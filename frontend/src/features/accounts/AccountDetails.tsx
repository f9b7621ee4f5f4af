import {useEffect, useState} from 'react';
import {Alert, Button, Center, Code, Divider, Group, List, Loader, Paper, Stack, Text, Title} from '@mantine/core';
import {Drawer} from '../../components/dialogs';
import {IconAlertTriangle, IconBan, IconKey, IconMail, IconRefresh, IconShieldCheck, IconShieldLock, IconTrash} from '@tabler/icons-react';
import {
  accountCAA,
  deleteAccount,
  getAccount,
  refreshAccount,
  toAppError,
  updateAccount,
  verifyAccount,
  type Account,
  type AccountOp,
  type AppError,
  type CA,
  type Key,
  type Verification,
} from '../../bridge';
import {ConfirmModal} from '../../components/ConfirmModal';
import {CopyValue} from '../../components/CopyValue';
import {ErrorAlert} from '../../components/ErrorAlert';
import {Field, monoWrap} from '../../components/Field';
import {NameDescriptionForm} from '../../components/NameDescriptionForm';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';
import {EnvironmentBadge} from '../cas/EnvironmentBadge';
import {algorithmLabel, formatDateTime} from '../keys/format';
import {useShowDebug} from '../settings/useSettings';
import {ChangeEmailModal, DeactivateModal, RolloverKeyModal} from './AccountModals';
import {EabCredentialField} from './EabCredentialField';
import {RegisterSection} from './RegisterSection';
import {STATUS_COLOR, pendingLabel, statusLabel} from './format';
import {VerificationResult} from './VerificationResult';
import {ExportAccountSection} from './ExportAccountSection';

export interface AccountDetailsProps {
  /** The account to show; null closes the drawer. */
  accountId: string | null;
  cas: CA[];
  keys: Key[];
  accounts: Account[];
  onClose: () => void;
  /** The account changed (locally or at the CA). */
  onChanged: (a: Account) => void;
  /** The account was removed from ACME Desk. */
  onDeleted: (id: string) => void;
}

/** The details drawer for one ACME account, with everything one can do with it. */
export function AccountDetails({accountId, cas, keys, accounts, onClose, onChanged, onDeleted}: AccountDetailsProps) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!accountId) return;
    let live = true;
    setAccount(null);
    setLoadError(null);
    getAccount(accountId)
      .then((a) => live && setAccount(a))
      .catch((e) => live && setLoadError(toAppError(e)));
    return () => {
      live = false;
    };
  }, [accountId]);

  const applyUpdate = (a: Account) => {
    setAccount((cur) => (cur && cur.id === a.id ? a : cur));
    onChanged(a);
  };

  return (
    <Drawer
      opened={accountId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      closeButtonProps={{'aria-label': 'Close'}}
      title={account?.name ?? 'Account'}
    >
      {loadError ? (
        <ErrorAlert error={loadError} />
      ) : !account ? (
        <Center h={200}>
          <Loader aria-label="Loading account" />
        </Center>
      ) : (
        <DetailsBody
          key={account.id}
          account={account}
          ca={cas.find((c) => c.id === account.caId)}
          keys={keys}
          accounts={accounts}
          onUpdated={applyUpdate}
          onDeleted={onDeleted}
        />
      )}
    </Drawer>
  );
}

interface BodyProps {
  account: Account;
  ca: CA | undefined;
  keys: Key[];
  accounts: Account[];
  onUpdated: (a: Account) => void;
  onDeleted: (id: string) => void;
}

type Busy = 'refresh' | 'caa' | null;
type OpenModal = 'email' | 'rollover' | 'deactivate' | 'remove' | null;

function DetailsBody({account, ca, keys, accounts, onUpdated, onDeleted}: BodyProps) {
  const showDebug = useShowDebug();
  const [busy, setBusy] = useState<Busy>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [modal, setModal] = useState<OpenModal>(null);
  const [caa, setCaa] = useState<string | null>(null);

  const key = keys.find((k) => k.id === account.keyId);
  const keyLabel = (id: string) => {
    const k = keys.find((x) => x.id === id);
    return k ? `${k.name} (${algorithmLabel(k.algorithm)})` : id;
  };
  const ended = account.status === 'deactivated' || account.status === 'revoked';
  const pending = account.pending !== undefined;

  const act = async (which: Exclude<Busy, null>, fn: () => Promise<void>) => {
    setBusy(which);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(toAppError(e));
    } finally {
      setBusy(null);
    }
  };

  const doRefresh = () =>
    act('refresh', async () => {
      const a = await refreshAccount(account.id);
      showSuccess(`Account Status: ${statusLabel(a.status)}`, account.pending ? `“${a.name}” settled` : `“${a.name}” refreshed`);
      onUpdated(a);
    });

  const doCAA = () =>
    act('caa', async () => {
      setCaa(await accountCAA(account.id));
    });

  const modalDone = (a: Account) => {
    setModal(null);
    onUpdated(a);
  };

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Text fw={700} size="lg" c={STATUS_COLOR[account.status]} data-testid="account-status">
          {`Account Status: ${statusLabel(account.status)}`}
        </Text>
        <Field label="Certificate authority">
          <Group gap={8}>
            <Text size="sm">{ca?.name ?? account.caId}</Text>
            {ca && <EnvironmentBadge environment={ca.environment} />}
          </Group>
        </Field>
        <Field label="Contact">
          <Text size="sm">{account.contacts.length ? account.contacts.join(', ') : 'None'}</Text>
        </Field>
        <Field label="Key">
          <Text size="sm">{key ? `${key.name} (${algorithmLabel(key.algorithm)})` : account.keyId}</Text>
        </Field>
        {account.eabCredentialId && <EabCredentialField account={account} onUpdated={onUpdated} />}
        <Group grow align="flex-start">
          <Field label="Registered">
            <Text size="sm">{registeredLabel(account)}</Text>
          </Field>
          <Field label="Last checked">
            <Text size="sm">{account.checkedAt ? formatDateTime(account.checkedAt) : 'Never'}</Text>
          </Field>
        </Group>
        {account.retiredKeys && account.retiredKeys.length > 0 && (
          <Field label="Retired keys">
            <List size="sm" spacing={2}>
              {account.retiredKeys.map((r) => (
                <List.Item key={r.keyId}>{`${keyLabel(r.keyId)}, retired ${formatDateTime(r.retiredAt)}`}</List.Item>
              ))}
            </List>
          </Field>
        )}
        {showDebug && account.kid && (
          <Field label="KID" action={<CopyValue value={account.kid} label="account URL" />}>
            <Code block style={monoWrap} data-testid="account-kid">
              {account.kid}
            </Code>
          </Field>
        )}
      </Stack>

      {account.kid && <VerifySection account={account} onUpdated={onUpdated} />}
      {account.kid && <ExportAccountSection account={account} />}

      <Divider />

      {account.pending && (
        <PendingAlert account={account} keyLabel={keyLabel} checking={busy === 'refresh'} onCheck={() => void doRefresh()} />
      )}

      {account.status === 'unregistered' && !account.pending && (
        <RegisterSection account={account} ca={ca} onRegistered={onUpdated} />
      )}

      {ended && (
        <Alert color="gray" variant="light" icon={<IconBan size={18} />} title={`This account is ${statusLabel(account.status).toLowerCase()}`}>
          {account.status === 'revoked'
            ? 'The CA has revoked this account. It cannot be used again; create a new account to get certificates.'
            : 'This account is deactivated at the CA and cannot be used again. Create a new account to get certificates.'}
        </Alert>
      )}

      {account.status === 'valid' && (
        <Stack gap="sm" component="section" aria-labelledby="account-actions">
          <Title order={3} size="h5" id="account-actions">
            At the CA
          </Title>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={busy === 'refresh'}
              onClick={() => void doRefresh()}
            >
              Refresh status
            </Button>
            <Button
              variant="default"
              leftSection={<IconMail size={16} />}
              disabled={pending}
              onClick={() => setModal('email')}
            >
              Change email
            </Button>
            <Button
              variant="default"
              leftSection={<IconKey size={16} />}
              disabled={pending}
              onClick={() => setModal('rollover')}
            >
              Rollover key
            </Button>
            <Button
              variant="default"
              leftSection={<IconShieldLock size={16} />}
              loading={busy === 'caa'}
              onClick={() => void doCAA()}
            >
              CAA record
            </Button>
            <Button color="red" leftSection={<IconBan size={16} />} disabled={pending} onClick={() => setModal('deactivate')}>
              Deactivate
            </Button>
          </Group>
          {actionError && <ErrorAlert error={actionError} />}
          {caa !== null && (
            <Paper withBorder p="sm" radius="md">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    CAA record
                  </Text>
                  <CopyValue value={caa} label="CAA record" />
                </Group>
                <Code block style={monoWrap} data-testid="account-caa">
                  {caa}
                </Code>
                <Text size="sm">
                  {`Published as a CAA “issue” record on a domain, this value restricts issuance for the domain to this account at ${ca?.name ?? 'this CA'} (RFC 8657): other accounts, even at the same CA, can no longer get certificates for it.`}
                </Text>
              </Stack>
            </Paper>
          )}
        </Stack>
      )}

      {account.status !== 'valid' && actionError && <ErrorAlert error={actionError} />}

      <Divider />

      <NameDescriptionForm
        aria-label="Edit account"
        name={account.name}
        description={account.description}
        nameRequired="Enter a name for the account."
        onSave={async (name, description) => {
          onUpdated(await updateAccount(account.id, name, description));
          showSuccess('Account saved');
        }}
      />

      <Divider />

      <Stack gap={4} align="flex-start">
        <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setModal('remove')}>
          Remove from ACME Desk
        </Button>
        <Text size="xs" c="dimmed">
          The account at the CA is not changed.
        </Text>
      </Stack>

      <ChangeEmailModal opened={modal === 'email'} account={account} onClose={() => setModal(null)} onDone={modalDone} />
      <RolloverKeyModal
        opened={modal === 'rollover'}
        account={account}
        keys={keys}
        accounts={accounts}
        onClose={() => setModal(null)}
        onDone={modalDone}
      />
      <DeactivateModal opened={modal === 'deactivate'} account={account} onClose={() => setModal(null)} onDone={modalDone} />
      <ConfirmModal
        opened={modal === 'remove'}
        onClose={() => setModal(null)}
        title="Remove from ACME Desk?"
        confirmLabel="Remove"
        onConfirm={async () => {
          await deleteAccount(account.id);
          showSuccess(`“${account.name}” was removed from ACME Desk.`, 'Account removed');
          setModal(null);
          onDeleted(account.id);
        }}
      >
        {`“${account.name}” will be removed from ACME Desk. The account at the CA is not changed.`}
        {account.status === 'valid' && ' As long as you keep its key, you can add it again with “Find account by key”.'}
      </ConfirmModal>
    </Stack>
  );
}

/** Asks the CA whether it knows the account's key, and shows what it said. */
function VerifySection({account, onUpdated}: {account: Account; onUpdated: (a: Account) => void}) {
  const [verification, setVerification] = useState<Verification | null>(null);
  const {run, busy, error} = useAction();

  const verify = () =>
    run(async () => {
      setVerification(null);
      const v = await verifyAccount(account.id);
      setVerification(v);
      if (v.account) onUpdated(v.account);
    });

  return (
    <Stack gap="xs" align="flex-start">
      <Button variant="default" leftSection={<IconShieldCheck size={16} />} loading={busy} onClick={() => void verify()}>
        Verify at CA
      </Button>
      <Text size="xs" c="dimmed">
        Asks the CA whether it knows this account's key, without changing anything.
      </Text>
      {verification && (
        <div style={{alignSelf: 'stretch'}}>
          <VerificationResult verification={verification} />
        </div>
      )}
      {error && (
        <div style={{alignSelf: 'stretch'}}>
          <ErrorAlert error={error} />
        </div>
      )}
    </Stack>
  );
}

/** When the account was registered; one found by its key or imported was registered elsewhere, at a time not known. */
function registeredLabel(a: Account): string {
  if (a.registeredAt) return formatDateTime(a.registeredAt);
  return a.status === 'unregistered' ? 'Not yet' : 'Elsewhere, before it was added here';
}

const PENDING_TEXT: Record<AccountOp, string> = {
  register: 'ACME Desk sent the registration, but the CA’s answer never arrived: the account may or may not exist at the CA.',
  contact: 'ACME Desk sent the new email addresses, but the CA’s answer never arrived: the CA may still have the old ones.',
  rollover: 'ACME Desk sent the key change, but the CA’s answer never arrived: the CA may now accept only the new key.',
  deactivate: 'ACME Desk sent the deactivation, but the CA’s answer never arrived: the account may already be deactivated.',
};

function PendingAlert({
  account,
  keyLabel,
  checking,
  onCheck,
}: {
  account: Account;
  keyLabel: (id: string) => string;
  checking: boolean;
  onCheck: () => void;
}) {
  const p = account.pending!;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={pendingLabel(p.op)} data-testid="account-pending">
      <Stack gap="xs">
        <Text size="sm">{PENDING_TEXT[p.op]}</Text>
        {p.op === 'rollover' && p.newKeyId && (
          <Text size="sm">{`Both keys are kept until the CA says which one it has: ${keyLabel(account.keyId)} and ${keyLabel(p.newKeyId)}.`}</Text>
        )}
        <Text size="sm">{`Sent ${formatDateTime(p.startedAt)}. Other changes to this account wait until this is settled.`}</Text>
        <Group>
          <Button leftSection={<IconRefresh size={16} />} loading={checking} onClick={onCheck}>
            Check at CA
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

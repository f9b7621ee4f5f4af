import {useCallback, useEffect, useMemo, useState, type FormEvent} from 'react';
import {Alert, Badge, Button, Checkbox, Group, List, Select, Stack, Table, Text, TextInput, Title} from '@mantine/core';
import {DataTable, type Column} from '../../components/DataTable';
import {Modal} from '../../components/dialogs';
import {IconAlertTriangle, IconFolderOpen} from '@tabler/icons-react';
import {
  chooseFolder,
  importAccounts,
  scanForAccounts,
  verifyAccount,
  type CA,
  type FoundAccount,
  type ImportAction,
  type ImportChoice,
  type ImportOutcome,
  type ImportPreview,
  type ImportResult,
  type Verification,
} from '../../bridge';
import {useAction} from '../../components/useAction';
import {ErrorAlert} from '../../components/ErrorAlert';
import classes from './ImportAccountsModal.module.css';
import {VerificationResult} from './VerificationResult';

export const IMPORT_INTRO =
  'Choose a lego (.lego), certbot (/etc/letsencrypt) or acme.sh (~/.acme.sh) folder, or a folder holding several.';

export interface ImportAccountsModalProps {
  opened: boolean;
  cas: CA[];
  onClose: () => void;
  /** Called on Done (or when the modal is closed after an import): reload the lists. */
  onDone: () => void;
}

/** The CA must be chosen among candidates when the files name only a host several CAs share. */
const ambiguous = (f: FoundAccount) => !f.caId && (f.caCandidates?.length ?? 0) > 0;

/** Whether the account can be selected at all. */
export const importable = (f: FoundAccount) => !f.blocker || ambiguous(f);

/** Selected by default: importable and not already stored (or merged into another found account). */
const preselected = (f: FoundAccount) => importable(f) && !f.existingAccountId && !f.duplicateOf;

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** A short, human name for a found account. */
function foundLabel(f: FoundAccount): string {
  return f.contacts[0] ?? `${f.tool} ${lastSegment(f.path)}`;
}

/** What the preview says about a found account besides its blocker: what is stored already, duplicates, EAB. */
function foundNotes(f: FoundAccount, byId: Map<string, FoundAccount>): string[] {
  const notes: string[] = [];
  const dup = f.duplicateOf ? byId.get(f.duplicateOf) : undefined;
  if (f.existingAccountName) notes.push(`Same account as “${f.existingAccountName}”, already stored.`);
  else if (f.existingKeyName) notes.push(`Key already stored as “${f.existingKeyName}”.`);
  if (dup) notes.push(`Same account as ${foundLabel(dup)} (${dup.tool}, ${dup.path}).`);
  if (f.eabKeyId) notes.push(`EAB key ID ${f.eabKeyId}; it is stored as a credential.`);
  for (const n of f.notes ?? []) notes.push(n);
  return notes;
}

const foundId = (f: FoundAccount) => f.id;
const foundTestId = (f: FoundAccount) => `found-${f.id}`;

const TOOL_COLOR: Record<string, string> = {lego: 'blue', certbot: 'grape', 'acme.sh': 'teal'};

function ToolBadge({tool}: {tool: string}) {
  return (
    <Badge variant="light" color={TOOL_COLOR[tool] ?? 'gray'} tt="none">
      {tool}
    </Badge>
  );
}

const ACTION_COLOR: Record<ImportAction, string> = {imported: 'green', skipped: 'gray', failed: 'red'};
const ACTION_LABEL: Record<ImportAction, string> = {imported: 'Imported', skipped: 'Skipped', failed: 'Failed'};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Step = 'choose' | 'preview' | 'result';

export function ImportAccountsModal({opened, cas, onClose, onDone}: ImportAccountsModalProps) {
  const [step, setStep] = useState<Step>('choose');
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [caChoice, setCaChoice] = useState<Record<string, string>>({});
  const [caErrors, setCaErrors] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<ImportResult | null>(null);
  const {run, running: busy, error, setError} = useAction<'choose' | 'scan' | 'import'>();

  useEffect(() => {
    if (!opened) return;
    setStep('choose');
    setFolder('');
    setFolderError(null);
    setPreview(null);
    setSelected(new Set());
    setCaChoice({});
    setCaErrors(new Set());
    setResult(null);
    setError(null);
  }, [opened]);

  const caName = useMemo(() => new Map(cas.map((c) => [c.id, c.name])), [cas]);

  const scan = async (path: string) => {
    if (!path.trim()) {
      setFolderError('Enter or choose a folder.');
      return;
    }
    setFolderError(null);
    await run(async () => {
      const p = await scanForAccounts(path.trim());
      setPreview(p);
      setSelected(new Set(p.accounts.filter(preselected).map((f) => f.id)));
      setCaChoice({});
      setCaErrors(new Set());
      setStep('preview');
    }, 'scan');
  };

  const choose = async () => {
    const path = await run(() => chooseFolder('Choose a folder with ACME accounts'), 'choose');
    if (path) {
      setFolder(path);
      await scan(path);
    }
  };

  const onScan = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    void scan(folder);
  };

  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelected((cur) => {
        const next = new Set(cur);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );

  const chooseCA = useCallback((id: string, ca: string) => {
    setCaChoice((cur) => ({...cur, [id]: ca}));
    setCaErrors((cur) => {
      const next = new Set(cur);
      next.delete(id);
      return next;
    });
  }, []);

  const chosen = preview ? preview.accounts.filter((f) => selected.has(f.id) && importable(f)) : [];

  const doImport = async () => {
    if (!preview || chosen.length === 0 || busy) return;
    const missing = new Set(chosen.filter((f) => ambiguous(f) && !caChoice[f.id]).map((f) => f.id));
    setCaErrors(missing);
    if (missing.size > 0) return;
    const choices: ImportChoice[] = chosen.map((f) => (ambiguous(f) ? {id: f.id, caId: caChoice[f.id]} : {id: f.id}));
    await run(async () => {
      setResult(await importAccounts(preview, choices));
      setStep('result');
    }, 'import');
  };

  const close = () => {
    if (busy === 'import') return;
    if (result) onDone();
    else onClose();
  };

  const byId = useMemo(() => new Map((preview?.accounts ?? []).map((f) => [f.id, f])), [preview]);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import accounts"
      size={1100}
      closeButtonProps={{'aria-label': 'Close'}}
    >
      <Stack>
        {step !== 'result' && (
          <form onSubmit={onScan} noValidate>
            <Stack gap="sm">
              <Text size="sm">{IMPORT_INTRO}</Text>
              <Group align="flex-end" gap="sm" wrap="nowrap">
                <Button
                  variant="default"
                  leftSection={<IconFolderOpen size={16} />}
                  onClick={() => void choose()}
                  loading={busy === 'choose'}
                  disabled={busy !== null && busy !== 'choose'}
                >
                  Choose folder
                </Button>
                <TextInput
                  flex={1}
                  label="Folder"
                  placeholder="/etc/letsencrypt"
                  value={folder}
                  onChange={(e) => {
                    setFolder(e.currentTarget.value);
                    if (folderError) setFolderError(null);
                  }}
                  error={folderError}
                  disabled={busy === 'import'}
                  styles={{input: {fontFamily: 'var(--mantine-font-family-monospace)'}}}
                />
                <Button type="submit" loading={busy === 'scan'} disabled={busy !== null && busy !== 'scan'}>
                  Scan
                </Button>
              </Group>
            </Stack>
          </form>
        )}

        {error && <ErrorAlert error={error} />}

        {step === 'preview' && preview && (
          <PreviewStep
            preview={preview}
            selected={selected}
            caChoice={caChoice}
            caErrors={caErrors}
            caName={caName}
            disabled={busy === 'import'}
            onToggle={toggle}
            onChooseCA={chooseCA}
          />
        )}

        {step === 'preview' && preview && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={busy === 'import'}>
              Cancel
            </Button>
            <Button onClick={() => void doImport()} loading={busy === 'import'} disabled={chosen.length === 0}>
              {`Import ${plural(chosen.length, 'account', 'accounts')}`}
            </Button>
          </Group>
        )}

        {step === 'result' && result && (
          <ResultStep result={result} byId={byId} onDone={onDone} />
        )}
      </Stack>
    </Modal>
  );
}

interface PreviewProps {
  preview: ImportPreview;
  selected: Set<string>;
  caChoice: Record<string, string>;
  caErrors: Set<string>;
  caName: Map<string, string>;
  disabled: boolean;
  onToggle: (id: string, on: boolean) => void;
  onChooseCA: (id: string, caId: string) => void;
}

function PreviewStep({preview, selected, caChoice, caErrors, caName, disabled, onToggle, onChooseCA}: PreviewProps) {
  const {accounts, problems} = preview;

  const columns = useMemo<Column<FoundAccount>[]>(() => {
    const byId = new Map(accounts.map((f) => [f.id, f]));
    return [
      {
        id: 'import',
        header: 'Import',
        hideHeader: true,
        cell: (f) => (
          <Checkbox
            aria-label={`Import ${foundLabel(f)}`}
            checked={importable(f) && selected.has(f.id)}
            disabled={!importable(f) || disabled}
            onChange={(e) => onToggle(f.id, e.currentTarget.checked)}
          />
        ),
      },
      {id: 'tool', header: 'Tool', widest: <ToolBadge tool="acme.sh" />, cell: (f) => <ToolBadge tool={f.tool} />},
      {
        id: 'ca',
        header: 'CA',
        fill: 1,
        minWidth: '10rem',
        cell: (f) =>
          ambiguous(f) ? (
            <Select
              size="xs"
              aria-label={`Certificate authority for ${foundLabel(f)}`}
              placeholder="Choose the CA"
              data={(f.caCandidates ?? []).map((id) => ({value: id, label: caName.get(id) ?? id}))}
              value={caChoice[f.id] ?? null}
              onChange={(v) => v && onChooseCA(f.id, v)}
              allowDeselect={false}
              disabled={disabled || !selected.has(f.id)}
              error={caErrors.has(f.id) ? 'Choose the CA.' : undefined}
              comboboxProps={{zIndex: 500}}
            />
          ) : (
            <Stack gap={0}>
              <Text size="sm" truncate="end" title={f.caName}>
                {f.caName ?? 'Unknown CA'}
              </Text>
              {!f.caName && (
                <Text size="xs" c="dimmed" truncate="end" title={f.directoryUrl ?? f.server}>
                  {f.directoryUrl ?? f.server}
                </Text>
              )}
            </Stack>
          ),
      },
      {
        id: 'account',
        header: 'Account',
        fill: 1.4,
        cell: (f) => {
          const contacts = f.contacts.length ? f.contacts.join(', ') : 'None';
          return (
            <Stack gap={0}>
              <Text size="sm" truncate="end" title={contacts}>
                {contacts}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={f.kid}>
                {f.kid || '—'}
              </Text>
            </Stack>
          );
        },
      },
      {id: 'key', header: 'Key', widest: 'ECDSA P-384', cell: (f) => f.keyLabel || f.keyAlgorithm},
      {
        id: 'notes',
        header: 'Notes',
        fill: 2.2,
        wrap: true,
        cell: (f) => (
          <Stack gap={2}>
            {!importable(f) && f.blocker && (
              <Text size="xs" c="red" data-testid="blocker">
                {f.blocker}
              </Text>
            )}
            {foundNotes(f, byId).map((n) => (
              <Text key={n} size="xs" c="dimmed">
                {n}
              </Text>
            ))}
            <Text size="xs" c="dimmed" className={classes.path}>
              {f.path}
            </Text>
          </Stack>
        ),
      },
    ];
  }, [accounts, selected, caChoice, caErrors, caName, disabled, onToggle, onChooseCA]);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {accounts.length === 0
          ? `No accounts found in ${preview.root}.`
          : `Found ${plural(accounts.length, 'account', 'accounts')} in ${preview.root}. Nothing is stored until you import.`}
      </Text>

      {accounts.length > 0 && (
        <DataTable
          label="Accounts found"
          rows={accounts}
          columns={columns}
          rowKey={foundId}
          rowTestId={foundTestId}
          rowHeight="auto"
          maxHeight="55vh"
        />
      )}

      {problems.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Problems"
          data-testid="import-problems"
        >
          <Stack gap={6}>
            <Text size="sm">These files or folders could not be read; the rest still imports.</Text>
            <List size="sm" spacing={2}>
              {problems.map((p, i) => (
                <List.Item key={`${p.path}-${i}`} style={{wordBreak: 'break-all'}}>
                  {`${p.path}: ${p.reason}`}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function ResultStep({
  result,
  byId,
  onDone,
}: {
  result: ImportResult;
  byId: Map<string, FoundAccount>;
  onDone: () => void;
}) {
  return (
    <Stack gap="md">
      <Title order={3} size="h5" data-testid="import-summary">
        {`${result.imported} imported, ${result.skipped} skipped, ${result.failed} failed`}
      </Title>
      {result.outcomes.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" aria-label="Import results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Account</Table.Th>
                <Table.Th>Result</Table.Th>
                <Table.Th>Details</Table.Th>
                <Table.Th>At the CA</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.outcomes.map((o) => (
                <OutcomeRow key={o.id} outcome={o} found={byId.get(o.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

function OutcomeRow({outcome: o, found}: {outcome: ImportOutcome; found: FoundAccount | undefined}) {
  const [verification, setVerification] = useState<Verification | null>(null);
  const {run, busy: verifying, error} = useAction();

  const verify = () => {
    const id = o.accountId;
    if (id) run(async () => setVerification(await verifyAccount(id)));
  };

  const details: string[] = [];
  if (o.reason) details.push(o.reason);
  if (o.error && o.error.message !== o.reason) details.push(o.error.message);
  if (o.error?.hint) details.push(o.error.hint);
  if (o.action === 'imported' && o.keyReused) details.push('The key was already stored and is reused.');
  if (o.action === 'imported' && o.credentialId) details.push('The EAB credential was stored too.');

  return (
    <Table.Tr data-testid={`outcome-${o.id}`}>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {o.accountName ?? (found ? foundLabel(found) : o.id)}
          </Text>
          {found && (
            <Group gap={4}>
              <ToolBadge tool={found.tool} />
            </Group>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Badge color={ACTION_COLOR[o.action] ?? 'gray'} variant="light" tt="none">
          {ACTION_LABEL[o.action] ?? o.action}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {details.map((d) => (
            <Text key={d} size="xs">
              {d}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        {o.action === 'imported' && o.accountId && (
          <Stack gap={4} align="flex-start">
            <Button size="xs" variant="default" loading={verifying} onClick={() => void verify()}>
              Verify at CA
            </Button>
            {verification && <VerificationResult verification={verification} compact />}
            {error && <ErrorAlert error={error} />}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

import {useMemo, useState, type ReactNode} from 'react';
import {Alert, Button, Group, List, Select, Stack, Text, ThemeIcon, Timeline} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {IconCheck} from '@tabler/icons-react';
import {
  deleteCredential,
  digiCertPlanRotation,
  digiCertRevokeEAB,
  digiCertRotateStep1Regenerate,
  digiCertRotateStep2Repoint,
  toAppError,
  type AppError,
  type Credential,
  type Ref,
  type RotationPlan,
} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {refText} from './format';

export interface RotationWizardProps {
  opened: boolean;
  keyCredentialId: string;
  credentials: Credential[];
  onClose: () => void;
  /** A step stored, changed or deleted a credential. */
  onChanged: () => void;
}

type StepIndex = 0 | 1 | 2 | 3;

const STEP_BUTTONS = [
  '1. Regenerate (keep old active)',
  '2. Re-point accounts',
  '3. Revoke old at DigiCert',
  '4. Delete old credential',
] as const;

/**
 * Replaces a DigiCert EAB credential without downtime, one step at a time. Its state
 * survives closing the modal (while the drawer is open), so a failed step can be
 * retried or the rotation finished later.
 */
export function RotationWizard({opened, keyCredentialId, credentials, onClose, onChanged}: RotationWizardProps) {
  const [oldId, setOldId] = useState<string | null>(null);
  const [plan, setPlan] = useState<RotationPlan | null>(null);
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<AppError | null>(null);
  const [done, setDone] = useState<boolean[]>([false, false, false, false]);
  const [running, setRunning] = useState<StepIndex | null>(null);
  const [errors, setErrors] = useState<(AppError | null)[]>([null, null, null, null]);
  const [results, setResults] = useState<ReactNode[]>([null, null, null, null]);
  const [newCred, setNewCred] = useState<Credential | null>(null);

  const eabOptions = useMemo(
    () => credentials.filter((c) => c.kind === 'eab').map((c) => ({value: c.id, label: c.name})),
    [credentials],
  );
  const oldName = credentials.find((c) => c.id === oldId)?.name ?? '';
  const started = done.some(Boolean);

  const reset = () => {
    setPlan(null);
    setPlanError(null);
    setDone([false, false, false, false]);
    setErrors([null, null, null, null]);
    setResults([null, null, null, null]);
    setNewCred(null);
  };

  const makePlan = async () => {
    if (!oldId) return;
    setPlanning(true);
    setPlanError(null);
    try {
      const p = await digiCertPlanRotation(keyCredentialId, oldId);
      reset();
      setPlan(p);
    } catch (e) {
      setPlanError(toAppError(e));
    } finally {
      setPlanning(false);
    }
  };

  const setAt = <T,>(list: T[], i: number, v: T) => list.map((x, j) => (j === i ? v : x));

  const run = async (i: StepIndex, fn: () => Promise<ReactNode>) => {
    setRunning(i);
    setErrors((e) => setAt(e, i, null));
    try {
      const result = await fn();
      setResults((r) => setAt(r, i, result));
      setDone((d) => setAt(d, i, true));
    } catch (e) {
      setErrors((list) => setAt(list, i, toAppError(e)));
    } finally {
      setRunning(null);
    }
  };

  const revokeAvailable = Boolean(plan && plan.oldDigicertCredentialId !== 0);

  const step1 = () =>
    run(0, async () => {
      const c = await digiCertRotateStep1Regenerate(keyCredentialId, oldId!);
      setNewCred(c);
      onChanged();
      return `New credentials stored as “${c.name}”; the old ones stay active.`;
    });

  const step2 = () =>
    run(1, async () => {
      const refs: Ref[] = await digiCertRotateStep2Repoint(oldId!, newCred!.id);
      onChanged();
      return refs.length === 0 ? (
        'No account used the old credential.'
      ) : (
        <>
          {`${refs.length === 1 ? 'This account now uses' : 'These accounts now use'} “${newCred!.name}”:`}
          <List size="sm">
            {refs.map((r) => (
              <List.Item key={`${r.kind}/${r.id}`}>{refText(r)}</List.Item>
            ))}
          </List>
        </>
      );
    });

  const step3 = () =>
    run(2, async () => {
      await digiCertRevokeEAB(keyCredentialId, plan!.oldDigicertCredentialId);
      onChanged();
      return `Credential ${plan!.oldDigicertCredentialId} is revoked at DigiCert.`;
    });

  const step4 = () =>
    run(3, async () => {
      await deleteCredential(oldId!);
      onChanged();
      showSuccess(`“${oldName}” was replaced by “${newCred?.name ?? 'the new credential'}”.`, 'Rotation finished');
      return `“${oldName}” was deleted.`;
    });

  const canRun: boolean[] = [
    !done[0],
    done[0] && !done[1] && newCred !== null,
    done[1] && !done[2] && revokeAvailable,
    done[1] && (done[2] || !revokeAvailable) && !done[3],
  ];
  const actions = [step1, step2, step3, step4];
  const active = done.lastIndexOf(true) + 1;

  return (
    <Modal opened={opened} onClose={onClose} title="Zero-downtime rotation" size="xl" zIndex={400} closeButtonProps={{'aria-label': 'Close'}}>
      <Stack>
        <Text size="sm">
          New EAB credentials are made while the old ones stay active; the accounts move to the new ones, and only then
          are the old ones revoked and deleted. Run the steps one at a time; you can close this window and finish later.
        </Text>
        <Group align="flex-end" gap="sm">
          <Select
            label="EAB credential to replace"
            placeholder={eabOptions.length ? 'Choose a stored EAB credential' : 'No stored EAB credentials'}
            data={eabOptions}
            value={oldId}
            onChange={(v) => {
              setOldId(v);
              reset();
            }}
            searchable
            disabled={started && !done[3]}
            flex={1}
          />
          <Button onClick={() => void makePlan()} loading={planning} disabled={!oldId || (started && !done[3])}>
            Plan
          </Button>
        </Group>
        {planError && <ErrorAlert error={planError} />}
        {plan && (
          <>
            <Text size="sm" c="dimmed">{`ACME contract ${plan.contractId}`}</Text>
            <Timeline active={active - 1} bulletSize={24} lineWidth={2}>
              {plan.steps.map((s, idx) => {
                const i = idx as StepIndex;
                const hasAction = i < actions.length;
                return (
                  <Timeline.Item
                    key={`${s.name}-${idx}`}
                    bullet={
                      done[i] ? (
                        <ThemeIcon size={24} radius="xl" color="green">
                          <IconCheck size={14} aria-label="Completed" />
                        </ThemeIcon>
                      ) : (
                        <Text size="xs" fw={700}>
                          {idx + 1}
                        </Text>
                      )
                    }
                    title={hasAction ? STEP_BUTTONS[i].replace(/^\d\. /, '') : s.name}
                  >
                      <Stack gap={6} mt={4} data-testid={`rotation-step-${idx + 1}`}>
                        <Text size="sm">{s.description}</Text>
                        {hasAction && (
                          <Group gap="sm">
                            <Button
                              size="xs"
                              variant={done[i] ? 'light' : 'filled'}
                              color={i >= 2 ? 'red' : undefined}
                              leftSection={done[i] ? <IconCheck size={14} /> : undefined}
                              loading={running === i}
                              disabled={!canRun[i] || (running !== null && running !== i)}
                              onClick={() => void actions[i]()}
                            >
                              {STEP_BUTTONS[i]}
                            </Button>
                            {done[i] && (
                              <Text size="xs" c="green" fw={600}>
                                Done
                              </Text>
                            )}
                          </Group>
                        )}
                        {results[i] && <div style={{fontSize: 'var(--mantine-font-size-sm)'}}>{results[i]}</div>}
                        {errors[i] && <ErrorAlert error={errors[i]!} />}
                      </Stack>
                  </Timeline.Item>
                );
              })}
            </Timeline>
            {done[3] && (
              <Alert color="green" variant="light" icon={<IconCheck size={18} />} title="Rotation finished">
                {`Every account that used “${oldName}” now uses “${newCred?.name ?? ''}”.`}
              </Alert>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

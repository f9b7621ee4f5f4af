import type {ReactNode} from 'react';
import {Button, Group, Stack, Text} from '@mantine/core';
import {ErrorAlert} from './ErrorAlert';
import {Modal} from './dialogs';
import {useAction} from './useAction';

export interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  /** danger (red, the default): cannot be undone; caution (orange): a risk, such as a key leaving; normal: the theme's colour. */
  tone?: 'danger' | 'caution' | 'normal';
  /** Runs on confirmation; when it fails, its error shows here and the modal stays open. */
  onConfirm: () => Promise<void>;
  /** Whether Confirm (not Cancel) takes the focus: only for what can be undone. */
  focusConfirm?: boolean;
}

/** The one confirmation dialog over a drawer: what will happen, Cancel, and the action with its error inline. */
const TONE_COLOR = {danger: 'red', caution: 'orange', normal: undefined} as const;

export function ConfirmModal({opened, onClose, title, children, confirmLabel, tone = 'danger', onConfirm, focusConfirm = false}: ConfirmModalProps) {
  const {run, busy, error, setError} = useAction();
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} zIndex={400} closeButtonProps={{'aria-label': 'Close'}} centered>
      <Stack>
        <Text size="sm" component="div">
          {children}
        </Text>
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy} data-autofocus={!focusConfirm || undefined}>
            Cancel
          </Button>
          <Button color={TONE_COLOR[tone]} onClick={() => void run(onConfirm)} loading={busy} data-autofocus={focusConfirm || undefined}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

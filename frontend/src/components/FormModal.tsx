import type {FormEvent, ReactNode} from 'react';
import {Button, Group, Stack, type ModalProps} from '@mantine/core';
import type {AppError} from '../bridge';
import {ErrorAlert} from './ErrorAlert';
import {Modal} from './dialogs';

export interface FormModalProps extends Omit<ModalProps, 'onSubmit' | 'children'> {
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  /** A call is running: the form cannot be closed or sent again. */
  busy: boolean;
  /** The last call's error, shown above the buttons. */
  error?: AppError | null;
  submitLabel: string;
  submitColor?: string;
  submitDisabled?: boolean;
  /** What Cancel does (closing, by default); cancelWhileBusy keeps it enabled during a call (to stop a job). */
  onCancel?: () => void;
  cancelWhileBusy?: boolean;
  children: ReactNode;
}

/** A dialog with a form: its fields, the error of the last try, Cancel and the action. */
export function FormModal({onSubmit, busy, error, submitLabel, submitColor, submitDisabled, onCancel, cancelWhileBusy, children, onClose, ...modal}: FormModalProps) {
  return (
    <Modal closeButtonProps={{'aria-label': 'Close'}} closeOnEscape={!busy} closeOnClickOutside={!busy} {...modal} onClose={() => !busy && onClose()}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {children}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel ?? onClose} disabled={busy && !cancelWhileBusy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} color={submitColor} disabled={submitDisabled}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import {notifications} from '@mantine/notifications';
import {IconAlertTriangle, IconCheck, IconX} from '@tabler/icons-react';
import {toAppError} from '../bridge';

/** The one way to report a failed action: a red notification, title = message, body = hint. */
export function showError(err: unknown) {
  const e = toAppError(err);
  notifications.show({
    color: 'red',
    icon: <IconX size={18} />,
    title: e.hint ? e.message : undefined,
    message: e.hint || e.message,
    autoClose: 8000,
  });
}

/** A green notification for an action that worked. */
export function showSuccess(message: string, title?: string) {
  notifications.show({
    color: 'green',
    icon: <IconCheck size={18} />,
    title,
    message,
  });
}

/** An orange notification for an action that partly worked. */
export function showWarning(message: string, title?: string) {
  notifications.show({
    color: 'orange',
    icon: <IconAlertTriangle size={18} />,
    title,
    message,
    autoClose: 8000,
  });
}

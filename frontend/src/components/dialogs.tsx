import {useEffect, useId, useSyncExternalStore} from 'react';
import {Drawer as MantineDrawer, Modal as MantineModal, type DrawerProps, type ModalProps} from '@mantine/core';

// Every open Mantine modal and drawer closes on the same Escape (each listens on
// the window), so a confirmation over a drawer took the drawer with it. The
// open dialogs are kept here in the order they opened; only the last one
// listens to Escape.
let open: string[] = [];
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setOpen(next: string[]) {
  open = next;
  listeners.forEach((l) => l());
}

function topmost() {
  return open[open.length - 1];
}

/** Whether the dialog is the last one opened, the one an Escape is for (exported for dialogs that are not these, such as the search). */
export function useOnTop(opened: boolean): boolean {
  const id = useId();
  useEffect(() => {
    if (!opened) return;
    setOpen([...open, id]);
    return () => setOpen(open.filter((o) => o !== id));
  }, [opened, id]);
  return useSyncExternalStore(subscribe, topmost) === id;
}

/** Mantine's Modal, closed by Escape only when no dialog opened after it is open. */
export function Modal({closeOnEscape = true, ...props}: ModalProps) {
  const onTop = useOnTop(props.opened);
  return <MantineModal {...props} closeOnEscape={closeOnEscape && onTop} />;
}

/** Mantine's Drawer, closed by Escape only when no dialog opened after it is open. */
export function Drawer({closeOnEscape = true, ...props}: DrawerProps) {
  const onTop = useOnTop(props.opened);
  return <MantineDrawer {...props} closeOnEscape={closeOnEscape && onTop} />;
}

import {Button, Group, PasswordInput, TextInput} from '@mantine/core';
import type {GetInputPropsReturnType} from '@mantine/form';
import {IconFileSearch} from '@tabler/icons-react';
import {chooseBackupFile} from '../../bridge';

/** What every restore asks for first: the backup file and its passphrase. */
export interface BackupFileValues {
  path: string;
  passphrase: string;
}

export const backupFileRules = {
  path: (v: string) => (v.trim() ? null : 'Choose the backup file.'),
  passphrase: (v: string) => (v ? null : 'Enter the passphrase of the backup.'),
};

export interface BackupFileFieldsProps {
  /** The form's getInputProps. */
  inputProps: (field: keyof BackupFileValues) => GetInputPropsReturnType;
  onChosen: (path: string) => void;
  /** Runs the native file dialog as the form's "choose" step (its error shows with the form's). */
  run: (work: () => Promise<void>, step: 'choose') => unknown;
  choosing: boolean;
  disabled: boolean;
}

/** The backup file (typed, or chosen in a native dialog) and its passphrase. */
export function BackupFileFields({inputProps, onChosen, run, choosing, disabled}: BackupFileFieldsProps) {
  const choose = () =>
    run(async () => {
      const path = await chooseBackupFile();
      if (path) onChosen(path);
    }, 'choose');
  return (
    <>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Button variant="default" leftSection={<IconFileSearch size={16} />} onClick={() => void choose()} loading={choosing} disabled={disabled}>
          Choose backup file
        </Button>
        <TextInput flex={1} label="Backup file" {...inputProps('path')} disabled={disabled} />
      </Group>
      <PasswordInput label="Backup passphrase" {...inputProps('passphrase')} disabled={disabled} autoComplete="off" />
    </>
  );
}

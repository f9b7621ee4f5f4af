import {useMemo} from 'react';
import {Select, TextInput} from '@mantine/core';
import type {GetInputPropsReturnType} from '@mantine/form';
import type {CA} from '../../bridge';
import {caOptionLabel, usableCAs} from './format';

/** What every new account needs first: its name here and the CA it is at. */
export const nameAndCARules = {
  name: (v: string) => (v.trim() ? null : 'Enter a name for the account.'),
  caId: (v: string | null) => (v ? null : 'Choose a certificate authority.'),
};

export function NameAndCAFields({
  inputProps,
  cas,
  disabled,
  namePlaceholder,
}: {
  /** The form's getInputProps. */
  inputProps: (field: 'name' | 'caId') => GetInputPropsReturnType;
  cas: CA[];
  disabled: boolean;
  namePlaceholder?: string;
}) {
  const caOptions = useMemo(() => usableCAs(cas).map((c) => ({value: c.id, label: caOptionLabel(c)})), [cas]);
  return (
    <>
      <TextInput label="Name" withAsterisk data-autofocus placeholder={namePlaceholder} {...inputProps('name')} disabled={disabled} />
      <Select
        label="Certificate authority"
        withAsterisk
        placeholder="Choose a CA"
        searchable
        data={caOptions}
        {...inputProps('caId')}
        disabled={disabled}
      />
    </>
  );
}

import {CloseButton, TextInput, type TextInputProps} from '@mantine/core';
import {IconSearch} from '@tabler/icons-react';

export interface FilterInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** The accessible name; the clear button is named after it ("Clear filter by tag"). */
  'aria-label': string;
}

/** A filter box: typing filters, the × button or Escape clears it. */
export function FilterInput({value, onChange, leftSection, ...rest}: FilterInputProps) {
  const label = rest['aria-label'];
  return (
    <TextInput
      leftSection={leftSection ?? <IconSearch size={16} />}
      rightSection={
        value ? <CloseButton size="sm" aria-label={`Clear ${label.charAt(0).toLowerCase()}${label.slice(1)}`} onClick={() => onChange('')} /> : null
      }
      rightSectionPointerEvents="all"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && value) {
          // Escape in the box clears it; it must not also close a dialog around it.
          e.stopPropagation();
          onChange('');
        }
      }}
      {...rest}
    />
  );
}

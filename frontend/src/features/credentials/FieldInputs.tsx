import {Anchor, Checkbox, Collapse, PasswordInput, Select, Stack, Text, TextInput} from '@mantine/core';
import {useState, type ReactNode} from 'react';
import type {CredentialField} from '../../bridge';
import {useCAs} from '../cas/useCAs';
import {caOptionLabel, usableCAs} from '../accounts/format';

export interface FieldInputsProps {
  fields: CredentialField[];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  disabled?: boolean;
  /** Per-field error messages. */
  errors?: Record<string, string>;
}

function description(field: CredentialField): ReactNode {
  if (!field.optional) return field.help;
  return (
    <>
      <Text span size="xs" fw={600}>
        (optional)
      </Text>
      {field.help ? ` ${field.help}` : ''}
    </>
  );
}

/**
 * One input per credential field: the label is the field's label exactly (for DNS
 * providers lego's environment variable), "(optional)" and the help go below it.
 * The fields a user must fill come first; advanced ones (aliases, polling
 * interval, TTL…) are folded under "Advanced", opened by itself when one of
 * them is set or has an error.
 */
export function FieldInputs({fields, values, onChange, disabled, errors}: FieldInputsProps) {
  const main = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const needed = advanced.some((f) => values[f.name] || errors?.[f.name]);
  const [open, setOpen] = useState(false);
  const shown = open || needed;
  const inputs = {values, onChange, disabled, errors};
  return (
    <Stack gap="sm">
      <Inputs fields={main} {...inputs} />
      {advanced.length > 0 && (
        <>
          <Anchor
            component="button"
            type="button"
            size="sm"
            aria-expanded={shown}
            onClick={() => setOpen((v) => !v)}
            disabled={needed}
            style={{alignSelf: 'flex-start'}}
          >
            {`Advanced (${advanced.length})`}
          </Anchor>
          <Collapse expanded={shown} keepMounted={false}>
            <Inputs fields={advanced} {...inputs} />
          </Collapse>
        </>
      )}
    </Stack>
  );
}

function Inputs({fields, values, onChange, disabled, errors}: FieldInputsProps) {
  return (
    <Stack gap="sm">
      {fields.map((f) => {
        const value = values[f.name] ?? '';
        const common = {
          label: f.label,
          description: description(f),
          withAsterisk: !f.optional,
          disabled,
          error: errors?.[f.name],
          autoComplete: 'off',
          'data-field': f.name,
        };
        if (f.type === 'bool') {
          return (
            <Checkbox
              key={f.name}
              label={f.label}
              description={description(f)}
              checked={value === 'true'}
              disabled={disabled}
              onChange={(e) => onChange(f.name, e.currentTarget.checked ? 'true' : '')}
            />
          );
        }
        if (f.type === 'ca') {
          return <CAPicker key={f.name} {...common} value={value} onChange={(v) => onChange(f.name, v)} />;
        }
        if (f.secret) {
          return (
            <PasswordInput
              key={f.name}
              {...common}
              value={value}
              onChange={(e) => onChange(f.name, e.currentTarget.value)}
            />
          );
        }
        return (
          <TextInput
            key={f.name}
            {...common}
            type={f.type === 'date' ? 'date' : 'text'}
            inputMode={f.type === 'int' ? 'numeric' : undefined}
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(f.name, e.currentTarget.value)}
          />
        );
      })}
    </Stack>
  );
}

/** A field that names a CA: the stored CAs to choose from, by name (the value is the CA's id). */
function CAPicker({value, onChange, ...props}: {value: string; onChange: (id: string) => void} & Record<string, unknown>) {
  const {cas} = useCAs();
  const data = usableCAs(cas).map((c) => ({value: c.id, label: caOptionLabel(c)}));
  // A value no CA here has (e.g. a CA deleted since) stays shown as it is, not silently dropped.
  if (value && !data.some((d) => d.value === value)) data.push({value, label: value});
  return <Select {...props} data={data} value={value || null} onChange={(v) => onChange(v ?? '')} searchable clearable placeholder="Choose a CA" />;
}

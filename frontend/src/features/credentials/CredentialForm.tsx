import {TagsInput, TextInput, Textarea} from '@mantine/core';
import type {FormErrors, GetInputPropsReturnType} from '@mantine/form';
import type {CredentialField} from '../../bridge';

/** A credential's own values in a form: name, description, tags, and its fields' values by field name. */
export interface CredentialValues {
  name: string;
  description: string;
  tags: string[];
  fields: Record<string, string>;
}

export const nameRule = (v: string) => (v.trim() ? null : 'Enter a name for the credential.');

/** The errors of required fields left empty, at the form paths of their values. */
export function requiredFieldErrors(fields: CredentialField[], values: Record<string, string>): FormErrors {
  const errs: FormErrors = {};
  for (const f of fields) {
    if (!f.optional && f.type !== 'bool' && !(values[f.name] ?? '').trim()) errs[`fields.${f.name}`] = `Fill in ${f.label}.`;
  }
  return errs;
}

/** The form's errors of field values, by field name (what FieldInputs shows). */
export function fieldErrors(errors: FormErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, e] of Object.entries(errors)) {
    if (path.startsWith('fields.') && e) out[path.slice('fields.'.length)] = String(e);
  }
  return out;
}

/** Name, description and tags: the part of a credential that is ACME Desk's, not the kind's. */
export function CredentialBasicsFields({
  inputProps,
  disabled,
  autofocus = false,
}: {
  inputProps: (field: 'name' | 'description' | 'tags') => GetInputPropsReturnType;
  disabled: boolean;
  autofocus?: boolean;
}) {
  return (
    <>
      <TextInput label="Name" withAsterisk data-autofocus={autofocus || undefined} {...inputProps('name')} disabled={disabled} />
      <Textarea label="Description" autosize minRows={2} maxRows={6} {...inputProps('description')} disabled={disabled} />
      <TagsInput label="Tags" description="Press Enter after each tag." clearable {...inputProps('tags')} disabled={disabled} />
    </>
  );
}

import {useEffect, useState, type FormEvent} from 'react';
import {Button, Group, Stack, Text, TextInput} from '@mantine/core';
import {Modal} from '../../components/dialogs';
import {addTemplateCA, toAppError, type AppError, type CA} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';

export interface AddTemplateCAModalProps {
  /** The catalogue entry with a URL template; null closes the modal. */
  template: CA | null;
  onClose: () => void;
  onAdded: (ca: CA) => void;
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Fills in the per-customer part of a catalogue CA's directory URL (HARICA: the alias). */
export function AddTemplateCAModal({template, onClose, onAdded}: AddTemplateCAModalProps) {
  const [value, setValue] = useState('');
  const [valueError, setValueError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const label = capitalise(template?.templateParam ?? '') || 'Alias';

  useEffect(() => {
    if (!template) return;
    setValue('');
    setValueError(null);
    setError(null);
  }, [template]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!template || saving) return;
    if (!value.trim()) {
      setValueError(`Enter your ${label.toLowerCase()}.`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const ca = await addTemplateCA(template.id, value.trim());
      showSuccess(`“${ca.name}” was added.`, 'CA added');
      onAdded(ca);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened={template !== null}
      onClose={() => !saving && onClose()}
      title={template ? `Add ${template.name}` : ''}
      closeButtonProps={{'aria-label': 'Close'}}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {template?.urlTemplate && (
            <Text size="sm">
              {`${template.name} gives every customer their own directory URL: `}
              <Text span ff="monospace" size="sm" style={{wordBreak: 'break-all'}}>
                {template.urlTemplate}
              </Text>
              {`. Enter your ${label.toLowerCase()} or paste the whole URL.`}
            </Text>
          )}
          <TextInput
            label={label}
            withAsterisk
            data-autofocus
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              if (valueError) setValueError(null);
            }}
            error={valueError}
            disabled={saving}
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Add CA
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

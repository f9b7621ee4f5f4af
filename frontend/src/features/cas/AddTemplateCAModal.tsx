import {useEffect} from 'react';
import {Button, Group, Stack, Text, TextInput} from '@mantine/core';
import {useForm} from '@mantine/form';
import {Modal} from '../../components/dialogs';
import {addTemplateCA, type CA} from '../../bridge';
import {ErrorAlert} from '../../components/ErrorAlert';
import {showSuccess} from '../../components/notify';
import {useAction} from '../../components/useAction';

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
  const label = capitalise(template?.templateParam ?? '') || 'Alias';
  const form = useForm({
    initialValues: {value: ''},
    validate: {value: (v) => (v.trim() ? null : `Enter your ${label.toLowerCase()}.`)},
  });
  const {run, busy: saving, error, setError} = useAction();

  useEffect(() => {
    if (!template) return;
    form.reset();
    setError(null);
  }, [template]);

  const submit = form.onSubmit(({value}) => {
    if (!template || saving) return;
    run(async () => {
      const ca = await addTemplateCA(template.id, value.trim());
      showSuccess(`“${ca.name}” was added.`, 'CA added');
      onAdded(ca);
    });
  });

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
            {...form.getInputProps('value')}
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

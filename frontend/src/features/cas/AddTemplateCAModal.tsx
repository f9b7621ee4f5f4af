import {useEffect} from 'react';
import {Text, TextInput} from '@mantine/core';
import {useForm} from '@mantine/form';
import {addTemplateCA, type CA} from '../../bridge';
import {FormModal} from '../../components/FormModal';
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
    <FormModal opened={template !== null} onClose={onClose} title={template ? `Add ${template.name}` : ''} onSubmit={submit} submitLabel="Add CA" busy={saving} error={error}>
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
    </FormModal>
  );
}

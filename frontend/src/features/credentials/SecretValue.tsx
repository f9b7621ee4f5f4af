import {useEffect, useRef, useState} from 'react';
import {ActionIcon, Button, Code, Group, Text, Tooltip} from '@mantine/core';
import {IconCheck, IconCopy, IconEye, IconEyeOff} from '@tabler/icons-react';
import {copyCredentialField, revealCredentialField, type CredentialField} from '../../bridge';
import {Field, monoWrap} from '../../components/Field';
import {showError} from '../../components/notify';
import {SECRET_TTL_MS} from './clipboard';

export interface SecretValueProps {
  credentialId: string;
  field: CredentialField;
  /** Whether the field has a value. */
  set: boolean;
}

/**
 * A secret field: "••••••••" until someone asks to reveal it; the revealed value
 * lives only in this component and hides itself after 30 seconds.
 */
export function SecretValue({credentialId, field, set}: SecretValueProps) {
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const copiedTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const hide = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setValue(null);
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (copiedTimer.current) clearTimeout(copiedTimer.current);
    },
    [],
  );

  const reveal = async () => {
    setBusy(true);
    try {
      const v = await revealCredentialField(credentialId, field.name);
      if (timer.current) clearTimeout(timer.current);
      setValue(v);
      timer.current = setTimeout(() => {
        timer.current = null;
        setValue(null);
      }, SECRET_TTL_MS);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    try {
      await copyCredentialField(credentialId, field.name);
      setCopied(true);
      if (copiedTimer.current) clearTimeout(copiedTimer.current);
      copiedTimer.current = setTimeout(() => setCopied(false), 1500);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Field
      label={field.label}
      action={
        set && (
          <Group gap={4} wrap="nowrap">
            {value === null ? (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconEye size={14} />}
                loading={busy}
                onClick={() => void reveal()}
              >
                {`Reveal ${field.label}`}
              </Button>
            ) : (
              <Button size="compact-xs" variant="subtle" leftSection={<IconEyeOff size={14} />} onClick={hide}>
                Hide
              </Button>
            )}
            <Tooltip label={copied ? 'Copied; cleared from the clipboard in 30 seconds' : `Copy ${field.label}`} withArrow position="left">
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={() => void copy()}
                aria-label={`Copy ${field.label}`}
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        )
      }
    >
      {!set ? (
        <Text size="sm" c="dimmed">
          Not set
        </Text>
      ) : value === null ? (
        <Text size="sm" ff="monospace">
          ••••••••
        </Text>
      ) : (
        <Code block style={monoWrap} data-testid={`secret-${field.name}`}>
          {value}
        </Code>
      )}
    </Field>
  );
}

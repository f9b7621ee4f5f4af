import {useState} from 'react';
import {Alert, Anchor, Code, Collapse, Stack, Text} from '@mantine/core';
import {IconAlertTriangle} from '@tabler/icons-react';
import type {AppError} from '../bridge';
import {useShowDebug} from '../features/settings/useSettings';

export interface ErrorAlertProps {
  error: AppError;
  /** Overrides the alert's title (the error message is then shown in the body). */
  title?: string;
}

/**
 * The one inline way to show an error: message in bold, hint below, and, when
 * "Show debug information" is on, the technical detail collapsed under "Details".
 */
export function ErrorAlert({error, title}: ErrorAlertProps) {
  const [showDetail, setShowDetail] = useState(false);
  const showDebug = useShowDebug();
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? error.message}
    >
      <Stack gap={6}>
        {title && (
          <Text size="sm" fw={700}>
            {error.message}
          </Text>
        )}
        {error.hint && <Text size="sm">{error.hint}</Text>}
        {showDebug && error.detail && (
          <div>
            <Anchor
              component="button"
              type="button"
              size="xs"
              c="dimmed"
              aria-expanded={showDetail}
              onClick={() => setShowDetail((v) => !v)}
            >
              {showDetail ? 'Hide details' : 'Details'}
            </Anchor>
            <Collapse expanded={showDetail} keepMounted={false}>
              <Code block mt={4} style={{whiteSpace: 'pre-wrap', wordBreak: 'break-word'}}>
                {error.detail}
              </Code>
            </Collapse>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

import {Alert, Badge, Group, Text} from '@mantine/core';
import {IconCircleCheck, IconAlertTriangle, IconBan, IconQuestionMark} from '@tabler/icons-react';
import type {Verdict, Verification} from '../../bridge';

const VERDICTS: Record<string, {label: string; color: string}> = {
  valid: {label: 'Valid at the CA', color: 'green'},
  deactivated: {label: 'Deactivated at the CA', color: 'gray'},
  not_found: {label: 'Not found at the CA', color: 'red'},
  other_url: {label: 'Another account URL at the CA', color: 'orange'},
};

export function verdictLabel(v: Verdict): string {
  return VERDICTS[v]?.label ?? v;
}

function verdictColor(v: Verdict): string {
  return VERDICTS[v]?.color ?? 'gray';
}

function VerdictIcon({verdict}: {verdict: Verdict}) {
  switch (verdict) {
    case 'valid':
      return <IconCircleCheck size={18} />;
    case 'deactivated':
      return <IconBan size={18} />;
    case 'not_found':
    case 'other_url':
      return <IconAlertTriangle size={18} />;
    default:
      return <IconQuestionMark size={18} />;
  }
}

/** What the CA said about an account, as an alert (drawer) or a compact badge and message (tables). */
export function VerificationResult({verification, compact = false}: {verification: Verification; compact?: boolean}) {
  const {verdict, message} = verification;
  if (compact) {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start" data-testid="verification" data-verdict={verdict}>
        <Badge color={verdictColor(verdict)} variant="light" tt="none" style={{flexShrink: 0}}>
          {verdictLabel(verdict)}
        </Badge>
        <Text size="xs">{message}</Text>
      </Group>
    );
  }
  return (
    <Alert
      color={verdictColor(verdict)}
      variant="light"
      icon={<VerdictIcon verdict={verdict} />}
      title={verdictLabel(verdict)}
      data-testid="verification"
      data-verdict={verdict}
    >
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

import {Badge, Group} from '@mantine/core';
import type {AccountStatus, PendingChange} from '../../bridge';
import {STATUS_COLOR, pendingLabel, statusLabel} from './format';

export function StatusBadge({status, pending}: {status: AccountStatus; pending?: PendingChange}) {
  const badge = (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant={status === 'valid' ? 'filled' : 'light'} tt="none" data-status={status}>
      {statusLabel(status)}
    </Badge>
  );
  if (!pending) return badge;
  return (
    <Group gap={4} wrap="nowrap">
      {badge}
      <Badge color="orange" variant="light" tt="none" data-pending={pending.op}>
        {pendingLabel(pending.op)}
      </Badge>
    </Group>
  );
}

import {Badge} from '@mantine/core';
import type {AccountStatus} from '../../bridge';
import {STATUS_COLOR, statusLabel} from './format';

export function StatusBadge({status}: {status: AccountStatus}) {
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant={status === 'valid' ? 'filled' : 'light'} tt="none" data-status={status}>
      {statusLabel(status)}
    </Badge>
  );
}

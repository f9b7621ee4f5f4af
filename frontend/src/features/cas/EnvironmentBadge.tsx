import {Badge, type BadgeProps} from '@mantine/core';
import {IconFlask, IconWorld} from '@tabler/icons-react';
import type {Environment} from '../../bridge';

export const ENVIRONMENT_LABEL: Record<Environment, string> = {production: 'Production', staging: 'Staging'};

/** Production (green, globe) and Staging (orange, flask, outlined) look different in colour, icon and fill. */
export function EnvironmentBadge({environment, ...rest}: {environment: Environment} & BadgeProps) {
  const staging = environment === 'staging';
  return (
    <Badge
      color={staging ? 'orange' : 'green'}
      variant={staging ? 'outline' : 'light'}
      leftSection={staging ? <IconFlask size={12} /> : <IconWorld size={12} />}
      tt="none"
      data-environment={environment}
      {...rest}
    >
      {ENVIRONMENT_LABEL[environment]}
    </Badge>
  );
}

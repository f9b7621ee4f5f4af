import type {ReactElement, ReactNode} from 'react';
import {render, type RenderOptions} from '@testing-library/react';
import {MantineProvider} from '@mantine/core';
import {Notifications} from '@mantine/notifications';
import {theme} from '../app/theme';

function Providers({children}: {children: ReactNode}) {
  return (
    <MantineProvider theme={theme} env="test">
      <Notifications />
      {children}
    </MantineProvider>
  );
}

/** Renders ui inside the app's providers (transitions and portals off). */
export function renderWithProviders(ui: ReactElement, options?: Omit<RenderOptions, 'wrapper'>) {
  return render(ui, {wrapper: Providers, ...options});
}

import type {ReactNode} from 'react';
import {Anchor, type AnchorProps} from '@mantine/core';
import {IconExternalLink} from '@tabler/icons-react';
import {openExternal} from '../bridge';

export interface ExternalLinkProps extends AnchorProps {
  href: string;
  children?: ReactNode;
}

/** A link that opens in the system browser (Wails BrowserOpenURL); the webview never navigates. */
export function ExternalLink({href, children, ...rest}: ExternalLinkProps) {
  return (
    <Anchor
      href={href}
      size="sm"
      {...rest}
      onClick={(e) => {
        e.preventDefault();
        openExternal(href);
      }}
      style={{wordBreak: 'break-all'}}
    >
      {children ?? href}
      <IconExternalLink size={12} style={{marginLeft: 4, verticalAlign: 'middle'}} aria-hidden />
    </Anchor>
  );
}

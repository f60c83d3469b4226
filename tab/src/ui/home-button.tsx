import { Button } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { href } from '../routing/index.js';

/** A link to Home styled as a button: the way out of a dead end or a form ("Go to Home"). */
export function HomeButton(props: { primary?: boolean; children?: ReactNode }) {
  return (
    <Button as="a" href={href({ name: 'home' })} appearance={props.primary ? 'primary' : undefined}>
      {props.children ?? 'Go to Home'}
    </Button>
  );
}

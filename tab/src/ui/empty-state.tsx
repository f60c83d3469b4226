import { Body1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
  },
});

export function EmptyState(props: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Subtitle2 as={props.headingLevel === 3 ? 'h3' : 'h2'}>{props.title}</Subtitle2>
      {props.children !== undefined && <Body1>{props.children}</Body1>}
      {props.action}
    </div>
  );
}

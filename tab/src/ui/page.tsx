import { Body1, makeStyles, Subtitle1, Title3, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { wrapRow } from './layout.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  subtitle: { color: tokens.colorNeutralForeground2 },
  actions: wrapRow(tokens.spacingHorizontalS),
});

/** One view: its h1, an optional line under it, actions on the right, then the content. */
export function Page(props: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="page-title">
      <header className={styles.header}>
        <div className={styles.titles}>
          <Title3 as="h1" id="page-title">
            {props.title}
          </Title3>
          {props.subtitle !== undefined && (
            <Body1 className={styles.subtitle}>{props.subtitle}</Body1>
          )}
        </div>
        {props.actions !== undefined && <div className={styles.actions}>{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

const useSectionStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

/** A titled part of a page (an h2), so headings stay in order. */
export function PageSection(props: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const styles = useSectionStyles();
  const headerStyles = useStyles();
  return (
    <section className={styles.root} aria-labelledby={props.id}>
      <div className={headerStyles.header}>
        <Subtitle1 as="h2" id={props.id}>
          {props.title}
        </Subtitle1>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

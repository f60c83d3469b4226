import {
  Body1,
  Button,
  Card,
  CardFooter,
  makeStyles,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { PersonAddRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { href } from '../routing/index.js';
import { column } from '../ui/index.js';

const useStyles = makeStyles({ card: column(tokens.spacingVerticalS) });

/** The Enrol button of a program card: a link to the enrol form. */
export function EnrolLink(props: { programId: string; programName: string }) {
  return (
    <Button
      appearance="primary"
      icon={<PersonAddRegular />}
      as="a"
      href={href({ name: 'enrol', programId: props.programId })}
      aria-label={`Enrol in ${props.programName}`}
    >
      Enrol
    </Button>
  );
}

/**
 * A program offered to the person on Home (open to everyone, or an invitation): its name, what it
 * is, the details in `children`, then the actions (Enrol first).
 */
export function OfferCard(props: {
  title: string;
  description: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <Subtitle2 as="h3">{props.title}</Subtitle2>
      {props.description !== '' && <Body1>{props.description}</Body1>}
      {props.children}
      <CardFooter>{props.actions}</CardFooter>
    </Card>
  );
}

import { Avatar, Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { PersonCard } from '../api/index.js';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minWidth: 0 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** A person as Teams shows people: avatar (photo or initials), name, title, department · office. */
export function PersonSummary(props: {
  person: PersonCard;
  size?: 32 | 48 | 64;
  /** The heading level of the name when it titles a card; plain text otherwise. */
  as?: 'h2' | 'h3';
}) {
  const styles = useStyles();
  const { person } = props;
  const where = [person.department, person.officeLocation].filter((x) => x !== null).join(' · ');
  return (
    <div className={styles.root}>
      <Avatar
        name={person.displayName}
        image={person.photoUrl === null ? undefined : { src: person.photoUrl, alt: '' }}
        size={props.size ?? 48}
        color="colorful"
        aria-hidden
      />
      <div className={styles.text}>
        {props.as === undefined ? (
          <Body1>
            <strong>{person.displayName}</strong>
          </Body1>
        ) : (
          <Subtitle2 as={props.as}>{person.displayName}</Subtitle2>
        )}
        {person.jobTitle !== null && <Body1>{person.jobTitle}</Body1>}
        {where !== '' && <Caption1 className={styles.muted}>{where}</Caption1>}
      </div>
    </div>
  );
}

import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { TOPIC_LIMITS } from '../api/index.js';
import { topicLabel } from '../ui/index.js';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
});

/** Adds a program's own topic (the API's TOPIC_LIMITS, not a repeat) next to the default ones. */
export function CustomTopicInput(props: { topics: string[]; onAdd(topic: string): void }) {
  const styles = useStyles();
  const [value, setValue] = useState('');
  const topic = value.trim();
  const repeat = props.topics.some(
    (t) =>
      t.toLowerCase() === topic.toLowerCase() ||
      topicLabel(t).toLowerCase() === topic.toLowerCase(),
  );
  const valid =
    topic.length >= TOPIC_LIMITS.minChars && topic.length <= TOPIC_LIMITS.maxChars && !repeat;
  return (
    <div className={styles.row}>
      <Field
        label="Add a topic of your own"
        validationState={repeat ? 'error' : 'none'}
        validationMessage={repeat ? 'This program already has that topic.' : undefined}
      >
        <Input
          value={value}
          maxLength={TOPIC_LIMITS.maxChars}
          onChange={(_e, d) => setValue(d.value)}
        />
      </Field>
      <Button
        icon={<AddRegular />}
        disabled={!valid}
        onClick={() => {
          props.onAdd(topic);
          setValue('');
        }}
      >
        Add topic
      </Button>
    </div>
  );
}

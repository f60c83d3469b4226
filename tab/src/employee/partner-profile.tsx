import { Body1, Caption1, Card } from '@fluentui/react-components';
import type { PairingView } from '../api/index.js';
import { topicLabel, useLayoutStyles } from '../ui/index.js';

function topics(list: string[]): string {
  return list.length === 0 ? '—' : list.map(topicLabel).join(', ');
}

/** What the partner said when they enrolled: the topics they share and want, in their words. */
export function PartnerProfile(props: { pairing: PairingView }) {
  const styles = useLayoutStyles();
  const { partner, partnerProfile: profile } = props.pairing;
  const first = partner.displayName.split(' ')[0] ?? partner.displayName;
  if (profile === null) {
    return <Body1 className={styles.muted}>{first} has not shared topics or goals.</Body1>;
  }
  return (
    <Card className={styles.card}>
      <div>
        <Caption1 block className={styles.muted}>
          {first} can share
        </Caption1>
        <Body1 block>{topics(profile.topicsOffered)}</Body1>
      </div>
      <div>
        <Caption1 block className={styles.muted}>
          {first} wants to learn about
        </Caption1>
        <Body1 block>{topics(profile.topicsWanted)}</Body1>
      </div>
      <div>
        <Caption1 block className={styles.muted}>
          In {first}&apos;s words
        </Caption1>
        <Body1 block>{profile.goals === '' ? 'Nothing written yet.' : profile.goals}</Body1>
      </div>
    </Card>
  );
}

import { tokens, type GriffelStyle } from '@fluentui/react-components';

/**
 * Layout classes most views share, spread into a view's own `makeStyles` (a key the view
 * defines itself wins): page sections stacked apart, a card's contents, a row of actions, and
 * secondary text, and a list of cards.
 */
export const layoutStyles = {
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
  /** A list row: what it is on the left, its action on the right, wrapping on phones. */
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  /** A list of cards: no bullets, spaced like the cards in a section. */
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
} satisfies Record<string, GriffelStyle>;

import { describe, expect, it } from 'vitest';
import { topicBar } from './bar-chart.js';

describe('a topic bar on insights and the report', () => {
  it('says no session was held yet instead of "fewer than 5 people"', () => {
    const bar = topicBar({ topic: 'diversity-inclusion', sessionsHeld: null, noneHeld: true });
    expect(bar).toMatchObject({ label: 'Diversity and inclusion', value: null });
    expect(bar.emptyText).toBe('no session held yet');
  });

  it('leaves a withheld small group to the chart\'s "fewer than 5 people" and shows counts', () => {
    expect(topicBar({ topic: 'Charter', sessionsHeld: null, noneHeld: false }).emptyText).toBe(
      undefined,
    );
    expect(topicBar({ topic: 'Charter', sessionsHeld: 9, noneHeld: false })).toMatchObject({
      value: 9,
      display: '9',
    });
  });
});

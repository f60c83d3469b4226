import { describe, expect, it } from 'vitest';
import { COMMITMENT_LIMITS, type CommitmentListView, type CommitmentView } from '../api/index.js';
import { commitmentOffer } from './commitment-offer.js';

const commitment = (n: number): CommitmentView => ({
  id: `c${n}`,
  pairingId: 'p1',
  text: `Commitment ${n}`,
  dueOn: null,
  done: false,
  doneAt: null,
  createdAt: '2026-05-01T09:00:00.000Z',
  mine: true,
});
const list = (count: number, pairingStatus: CommitmentListView['pairingStatus']) => ({
  items: Array.from({ length: count }, (_v, i) => commitment(i + 1)),
  pairingStatus,
});

describe('what the commitments card offers', () => {
  it('offers the leader the form in an active or paused pairing below the cap', () => {
    expect(commitmentOffer(list(0, 'active'), 'leader')).toEqual({ kind: 'form' });
    expect(commitmentOffer(list(COMMITMENT_LIMITS.perPairing - 1, 'paused'), 'leader')).toEqual({
      kind: 'form',
    });
  });

  it('hides the form at the cap and says why, naming the limit', () => {
    const offer = commitmentOffer(list(COMMITMENT_LIMITS.perPairing, 'active'), 'leader');
    expect(offer.kind).toBe('closed');
    expect(offer.kind === 'closed' && offer.why).toContain(`${COMMITMENT_LIMITS.perPairing}`);
  });

  it('hides the form once the pairing has ended and says why', () => {
    const offer = commitmentOffer(list(2, 'ended'), 'leader');
    expect(offer).toEqual({ kind: 'closed', why: expect.stringContaining('has ended') as string });
  });

  it('never offers the mentor the form (commitments are the leader’s)', () => {
    expect(commitmentOffer(list(0, 'active'), 'mentor')).toEqual({ kind: 'none' });
  });
});

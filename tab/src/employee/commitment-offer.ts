import { commitmentAddProblem, type CommitmentListView, type Role } from '../api/index.js';

/**
 * What the commitments card offers the viewer below the list: the leader gets the form only where
 * the server would take a new commitment, and otherwise the sentence saying why; the mentor gets
 * neither (commitments are the leader's to make).
 */
export type CommitmentOffer = { kind: 'form' } | { kind: 'closed'; why: string } | { kind: 'none' };

export function commitmentOffer(list: CommitmentListView, myRole: Role): CommitmentOffer {
  if (myRole !== 'leader') return { kind: 'none' };
  const why = commitmentAddProblem({ pairingStatus: list.pairingStatus, count: list.items.length });
  return why === undefined ? { kind: 'form' } : { kind: 'closed', why };
}

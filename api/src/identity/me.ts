import { ProblemError } from '../app/index.js';
import type { Principal } from '../app/index.js';
import type { Me } from '../contract/index.js';
import { isAdmin } from './authenticate.js';

/** The directory fields `Me` shows, from a person row or the home snapshot's JSON. */
export type MeFields = Omit<Me, 'isAdmin' | 'localMode'>;

/** `GET /api/me`'s answer, also the `me` of the home view. */
export function meView(person: MeFields, principal: Principal, localMode: boolean): Me {
  return {
    id: person.id,
    displayName: person.displayName,
    mail: person.mail,
    jobTitle: person.jobTitle,
    department: person.department,
    officeLocation: person.officeLocation,
    timeZone: person.timeZone,
    isAdmin: isAdmin(principal),
    localMode,
  };
}

/**
 * A valid token for someone the org sync has not seen (or saw leave) has nothing to show: the
 * answer of `GET /api/me` and the home view.
 */
export function notInDirectory(): ProblemError {
  return new ProblemError({
    status: 404,
    type: 'not-in-directory',
    title: 'You are not in the directory yet',
    detail:
      'Your account is signed in, but the organisation directory does not list you. It refreshes regularly; try again later.',
  });
}

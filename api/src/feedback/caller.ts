import type { Principal } from '../app/index.js';
import { problems } from '../app/index.js';

/** The signed-in caller's id; the route table already refused anonymous calls, this keeps types honest. */
export function callerOf(principal: Principal | undefined): Principal {
  if (principal === undefined) throw problems.unauthenticated('A valid bearer token is required.');
  return principal;
}

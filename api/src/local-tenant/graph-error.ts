/** An error answered in Graph's shape: `{"error":{"code","message","innerError":{…}}}`. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function graphErrorBody(code: string, message: string, ids: RequestIds): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

export const badRequest = (message: string, code = 'BadRequest'): GraphError =>
  new GraphError(400, code, message);

export const userNotFound = (key: string): GraphError =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const mailboxNotFound = (key: string): GraphError =>
  new GraphError(404, 'ErrorInvalidUser', `The requested user '${key}' is invalid.`);

/** A directory account without an Exchange Online mailbox (or one soft-deleted), as Graph answers it. */
export const mailboxNotEnabled = (): GraphError =>
  new GraphError(
    404,
    'MailboxNotEnabledForRESTAPI',
    'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
  );

export const itemNotFound = (): GraphError =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

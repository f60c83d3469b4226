import {
  AuthError as MsalAuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  LogLevel,
  type INetworkModule,
  type OnBehalfOfRequest,
  type AuthenticationResult,
} from '@azure/msal-node';
import { ProblemError } from '../app/index.js';
import { assertTrustedUrl, isTenantId } from './openid-metadata.js';

/** The slice of MSAL's confidential client that OBO needs; tests may pass a stand-in. */
export interface OnBehalfOfClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
}

export interface OnBehalfOfOptions {
  /** The app's home tenant; requests for users of other allowed tenants name theirs. */
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  clientCertificate?: { thumbprintSha256: string; privateKey: string; x5c?: string };
  /** Default `https://login.microsoftonline.com` (a sovereign cloud has its own). */
  authorityHost?: string;
  /** MSAL's HTTP module; a proxy, or a test's canned identity provider. */
  networkClient?: INetworkModule;
  /** Replaces the whole MSAL client (tests). */
  client?: OnBehalfOfClient;
  /**
   * Origin of the local tenant (`http://127.0.0.1:<port>`). MSAL refuses non-https authorities,
   * so in local mode the same jwt-bearer grant is posted directly; errors map the same way.
   */
  localTenantOrigin?: string;
  fetchImpl?: typeof fetch;
}

export interface OnBehalfOfRequestInput {
  /** The caller's validated SSO token, exactly as it arrived. */
  userToken: string;
  /** Downstream scopes, e.g. `https://graph.microsoft.com/Calendars.ReadWrite`. */
  scopes: string[];
  /** The caller's tenant (`Principal.tenantId`); defaults to the app's tenant. */
  tenantId?: string;
}

export interface OnBehalfOfToken {
  accessToken: string;
  expiresOn: Date | null;
  scopes: string[];
}

export interface OnBehalfOfTokenProvider {
  /** A token acting as the user; a 403 `consent-required` problem when the user must consent or step up. */
  acquireToken(input: OnBehalfOfRequestInput): Promise<OnBehalfOfToken>;
}

/**
 * AADSTS codes the tab can resolve by showing the consent (or sign-in) prompt: 65001 no consent,
 * 65004 consent declined, 50076 / 50079 MFA required or to be registered, 50158 external
 * challenge, 53004 proof-up required.
 */
const INTERACTIVE_CODES = /AADSTS(65001|65004|50076|50079|50158|53004)\b/;

/** Entra's `suberror` values that mean the user can resolve it in a prompt (as MSAL classifies them). */
const INTERACTIVE_SUBERRORS = new Set([
  'consent_required',
  'basic_action',
  'additional_action',
  'message_only',
  'user_password_expired',
]);

/** An OAuth error answer of a token endpoint reached without MSAL (the local tenant). */
export class OAuthTokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorDescription: string,
    readonly subError: string,
    readonly claims: string,
  ) {
    super(`Token endpoint answered ${status} ${error}`);
    this.name = 'OAuthTokenError';
  }
}

interface ErrorFields {
  code: string;
  text: string;
  subError: string;
  claims: string;
  interactionRequired: boolean;
}

function errorFields(err: unknown): ErrorFields | undefined {
  if (err instanceof MsalAuthError) {
    const interactive = err instanceof InteractionRequiredAuthError;
    return {
      code: err.errorCode,
      text: err.errorMessage,
      subError: err.subError,
      claims: interactive && typeof err.claims === 'string' ? err.claims : '',
      interactionRequired: interactive,
    };
  }
  if (err instanceof OAuthTokenError) {
    return {
      code: err.error,
      text: err.errorDescription,
      subError: err.subError,
      claims: err.claims,
      interactionRequired: INTERACTIVE_SUBERRORS.has(err.subError),
    };
  }
  return undefined;
}

/**
 * Turns an MSAL failure into the problem the tab acts on: `consent-required` (403) when user
 * interaction fixes it, `token-exchange-failed` (502) otherwise. Server messages are not copied
 * into the problem: they can name the tenant's policies.
 */
export function oboErrorToProblem(err: unknown, scopes: string[]): ProblemError | undefined {
  const fields = errorFields(err);
  if (fields === undefined) return undefined;
  const { code, text, claims } = fields;
  if (
    fields.interactionRequired ||
    code === 'invalid_grant' ||
    code === 'interaction_required' ||
    code === 'consent_required' ||
    INTERACTIVE_CODES.test(text)
  ) {
    const aadsts = /AADSTS\d+/.exec(text)?.[0];
    return new ProblemError({
      status: 403,
      type: 'consent-required',
      title: 'Consent required',
      detail: 'Grant the app access (or complete sign-in) and try again.',
      extensions: {
        scopes,
        // Conditional-access and MFA challenges must be passed back to the sign-in prompt.
        ...(claims === '' ? {} : { claims }),
        ...(aadsts === undefined ? {} : { errorCode: aadsts }),
      },
    });
  }
  return new ProblemError({
    status: 502,
    type: 'token-exchange-failed',
    title: 'The identity provider did not issue a token',
    detail: 'Acting on your behalf failed. Try again shortly.',
  });
}

type Exchange = (request: {
  userToken: string;
  scopes: string[];
  tenant: string;
}) => Promise<OnBehalfOfToken | null>;

function msalExchange(o: OnBehalfOfOptions): Exchange {
  const client = buildClient(o);
  return async ({ userToken, scopes, tenant }) => {
    const result = await client.acquireTokenOnBehalfOf({
      oboAssertion: userToken,
      scopes,
      authority: `${authorityHost(o)}/${tenant}`,
    });
    if (result === null) return null;
    return { accessToken: result.accessToken, expiresOn: result.expiresOn, scopes: result.scopes };
  };
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  error?: unknown;
  error_description?: unknown;
  suberror?: unknown;
  claims?: unknown;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The jwt-bearer grant posted by hand: the same request MSAL sends, for the local tenant over http. */
function localExchange(o: OnBehalfOfOptions, origin: string): Exchange {
  const fetchImpl = o.fetchImpl ?? globalThis.fetch;
  return async ({ userToken, scopes, tenant }) => {
    const response = await fetchImpl(`${origin}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        client_id: o.clientId,
        client_secret: o.clientSecret ?? '',
        assertion: userToken,
        scope: scopes.join(' '),
      }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    let answer: TokenAnswer = {};
    try {
      answer = (await response.json()) as TokenAnswer;
    } catch {
      // An unreadable answer is reported with its status below.
    }
    if (!response.ok || typeof answer.access_token !== 'string') {
      throw new OAuthTokenError(
        response.status,
        text(answer.error) || 'invalid_response',
        text(answer.error_description),
        text(answer.suberror),
        text(answer.claims),
      );
    }
    const expiresIn =
      typeof answer.expires_in === 'number' ? answer.expires_in : Number(answer.expires_in);
    return {
      accessToken: answer.access_token,
      expiresOn: Number.isFinite(expiresIn) ? new Date(Date.now() + expiresIn * 1000) : null,
      scopes: text(answer.scope) === '' ? scopes : text(answer.scope).split(' '),
    };
  };
}

function buildClient(o: OnBehalfOfOptions): OnBehalfOfClient {
  if (o.client !== undefined) return o.client;
  if (o.clientSecret === undefined && o.clientCertificate === undefined)
    throw new Error('On-behalf-of needs a client secret or a client certificate');
  return new ConfidentialClientApplication({
    auth: {
      clientId: o.clientId,
      authority: `${authorityHost(o)}/${o.tenantId}`,
      ...(o.clientSecret === undefined ? {} : { clientSecret: o.clientSecret }),
      ...(o.clientCertificate === undefined ? {} : { clientCertificate: o.clientCertificate }),
    },
    system: {
      // MSAL's logs can contain tokens at verbose levels; keep them off.
      loggerOptions: {
        logLevel: LogLevel.Error,
        piiLoggingEnabled: false,
        loggerCallback: () => undefined,
      },
      ...(o.networkClient === undefined ? {} : { networkClient: o.networkClient }),
    },
  });
}

function authorityHost(o: OnBehalfOfOptions): string {
  return (o.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
}

/**
 * Exchanges the caller's SSO token for a downstream token acting as them (OAuth 2.0 on-behalf-of).
 * Only for calls that must run as the user; sync and booking use app-only tokens.
 * MSAL keeps the exchanged tokens in memory keyed by the incoming token, so repeat calls in one
 * token's lifetime do not reach the identity provider.
 */
export function createOnBehalfOfTokenProvider(options: OnBehalfOfOptions): OnBehalfOfTokenProvider {
  if (!isTenantId(options.tenantId)) throw new Error('tenantId must be a tenant GUID');
  let exchange: Exchange;
  if (options.localTenantOrigin === undefined) {
    exchange = msalExchange(options);
  } else {
    const origin = new URL(options.localTenantOrigin);
    assertTrustedUrl(origin, 'localTenantOrigin');
    exchange = localExchange(options, origin.origin);
  }
  return {
    async acquireToken({ userToken, scopes, tenantId }) {
      if (scopes.length === 0) throw new Error('On-behalf-of needs at least one scope');
      const tenant = tenantId ?? options.tenantId;
      // The tenant goes into the authority URL: refuse anything but a GUID.
      if (!isTenantId(tenant)) throw new Error('tenantId must be a tenant GUID');
      let result: OnBehalfOfToken | null;
      try {
        result = await exchange({ userToken, scopes, tenant });
      } catch (err) {
        throw oboErrorToProblem(err, scopes) ?? err;
      }
      if (result === null || result.accessToken === '') {
        throw new ProblemError({
          status: 502,
          type: 'token-exchange-failed',
          title: 'The identity provider did not issue a token',
        });
      }
      return result;
    },
  };
}

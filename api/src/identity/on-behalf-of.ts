import {
  AuthError as MsalAuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  LogLevel,
  type INetworkModule,
  type OnBehalfOfRequest,
  type AuthenticationResult,
} from '@azure/msal-node';
import { ProblemError } from '../app/problem.js';
import { isTenantId } from './openid-metadata.js';

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

function errorFields(err: MsalAuthError): { code: string; text: string; claims: string } {
  const claims =
    err instanceof InteractionRequiredAuthError && typeof err.claims === 'string' ? err.claims : '';
  return {
    code: err.errorCode,
    text: `${err.errorMessage} ${err.subError}`,
    claims,
  };
}

/**
 * Turns an MSAL failure into the problem the tab acts on: `consent-required` (403) when user
 * interaction fixes it, `token-exchange-failed` (502) otherwise. Server messages are not copied
 * into the problem: they can name the tenant's policies.
 */
export function oboErrorToProblem(err: unknown, scopes: string[]): ProblemError | undefined {
  if (!(err instanceof MsalAuthError)) return undefined;
  const { code, text, claims } = errorFields(err);
  if (
    err instanceof InteractionRequiredAuthError ||
    code === 'invalid_grant' ||
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
  const client = buildClient(options);
  return {
    async acquireToken({ userToken, scopes, tenantId }) {
      if (scopes.length === 0) throw new Error('On-behalf-of needs at least one scope');
      const tenant = tenantId ?? options.tenantId;
      // The tenant goes into the authority URL: refuse anything but a GUID.
      if (!isTenantId(tenant)) throw new Error('tenantId must be a tenant GUID');
      let result: AuthenticationResult | null;
      try {
        result = await client.acquireTokenOnBehalfOf({
          oboAssertion: userToken,
          scopes,
          authority: `${authorityHost(options)}/${tenant}`,
        });
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
      return {
        accessToken: result.accessToken,
        expiresOn: result.expiresOn,
        scopes: result.scopes,
      };
    },
  };
}

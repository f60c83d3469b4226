import type { RgbaImage } from './icons.js';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icons.js';
import type { UnfilledPlaceholder } from './placeholders.js';
import type { ValidationIssue } from './validation-issue.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;

export interface PackageIcons {
  color: RgbaImage | undefined;
  outline: RgbaImage | undefined;
}

export interface RuleInput {
  /** The manifest after placeholders were filled. */
  manifest: unknown;
  unfilled: readonly UnfilledPlaceholder[];
  icons: PackageIcons;
  /** Environment name, only to say which file to fix. */
  envName: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/**
 * The rules Teams enforces (or that break the app at run time) which the JSON schema cannot
 * express: icon sizes and colours, filled placeholders, URLs inside `validDomains`, the SSO
 * resource shape, GUID ids.
 */
export function checkManifestRules(input: RuleInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const { path, name } of input.unfilled) {
    issues.push({
      path,
      message: `placeholder \${{${name}}} is not filled: set ${name} in env/.env.${input.envName} (or env/.env.${input.envName}.user)`,
    });
  }
  const manifest = isObject(input.manifest) ? input.manifest : {};
  issues.push(...checkIcons(input.icons));
  issues.push(...checkIds(manifest));
  const domains = checkValidDomains(manifest, issues);
  issues.push(...checkUrlsInValidDomains(manifest, domains));
  issues.push(...checkWebApplicationInfo(manifest, domains));
  return issues;
}

function checkIcons(icons: PackageIcons): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sized = (image: RgbaImage | undefined, size: number, path: string): boolean => {
    if (image === undefined) return false;
    if (image.width !== size || image.height !== size) {
      issues.push({
        path,
        message: `must be ${size}×${size} pixels, is ${image.width}×${image.height}`,
      });
      return false;
    }
    return true;
  };
  sized(icons.color, COLOR_ICON_SIZE, 'manifest.icons.color');
  const outline = icons.outline;
  if (outline !== undefined && sized(outline, OUTLINE_ICON_SIZE, 'manifest.icons.outline')) {
    const offending = nonWhitePixels(outline);
    const first = offending[0];
    if (first !== undefined) {
      issues.push({
        path: 'manifest.icons.outline',
        message: `must be white on transparent only; ${offending.length} pixel(s) are neither white nor fully transparent, first at (${first.x}, ${first.y}) rgba(${first.rgba.join(', ')})`,
      });
    }
  }
  return issues;
}

/** Pixels that are visible (alpha > 0) and not pure white. */
export function nonWhitePixels(image: RgbaImage): { x: number; y: number; rgba: number[] }[] {
  const found: { x: number; y: number; rgba: number[] }[] = [];
  for (let i = 0; i < image.width * image.height; i++) {
    const rgba = [...image.data.subarray(i * 4, i * 4 + 4)];
    const [r, g, b, a] = rgba;
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
      found.push({ x: i % image.width, y: Math.floor(i / image.width), rgba });
    }
  }
  return found;
}

function checkIds(manifest: Json): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const guid = (value: unknown, path: string): void => {
    if (typeof value === 'string' && !value.includes('${{') && !GUID.test(value)) {
      issues.push({ path, message: `must be a GUID, got "${value}"` });
    }
  };
  guid(manifest.id, 'manifest.id');
  if (isObject(manifest.webApplicationInfo)) {
    guid(manifest.webApplicationInfo.id, 'manifest.webApplicationInfo.id');
  }
  return issues;
}

function checkValidDomains(manifest: Json, issues: ValidationIssue[]): string[] {
  const domains: string[] = [];
  const list = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  list.forEach((entry: unknown, i) => {
    const path = `manifest.validDomains[${i}]`;
    if (typeof entry !== 'string') return;
    if (entry.includes('${{')) return; // reported as an unfilled placeholder
    if (!HOST.test(entry)) {
      issues.push({
        path,
        message: `must be a host name only (no scheme, port or path), e.g. "app.contoso.com"; got "${entry}"`,
      });
      return;
    }
    domains.push(entry.toLowerCase());
  });
  return domains;
}

function hostAllowed(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => (d.startsWith('*.') ? h.endsWith(d.slice(1)) : h === d));
}

function checkUrl(value: unknown, path: string, domains: readonly string[]): ValidationIssue[] {
  if (typeof value !== 'string' || value.includes('${{')) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ path, message: `must be an absolute https URL, got "${value}"` }];
  }
  const issues: ValidationIssue[] = [];
  if (url.protocol !== 'https:') {
    issues.push({ path, message: `must use https, got "${value}"` });
  }
  if (!hostAllowed(url.hostname, domains)) {
    issues.push({
      path,
      message: `host "${url.hostname}" is not in manifest.validDomains (${domains.join(', ') || 'empty'})`,
    });
  }
  return issues;
}

/** Teams only loads tab pages, and navigates inside them, on domains the manifest lists. */
function checkUrlsInValidDomains(manifest: Json, domains: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  objects(manifest.staticTabs).forEach((tab, i) => {
    for (const field of ['contentUrl', 'websiteUrl', 'searchUrl']) {
      issues.push(...checkUrl(tab[field], `manifest.staticTabs[${i}].${field}`, domains));
    }
  });
  objects(manifest.configurableTabs).forEach((tab, i) => {
    issues.push(
      ...checkUrl(
        tab.configurationUrl,
        `manifest.configurableTabs[${i}].configurationUrl`,
        domains,
      ),
    );
  });
  return issues;
}

function checkWebApplicationInfo(manifest: Json, domains: readonly string[]): ValidationIssue[] {
  const info = manifest.webApplicationInfo;
  if (!isObject(info)) {
    return manifest.activities === undefined
      ? []
      : [
          {
            path: 'manifest.webApplicationInfo',
            message: 'is required: tab SSO and activity feed notifications need the Entra app id',
          },
        ];
  }
  const id = typeof info.id === 'string' ? info.id : '';
  const resource = info.resource;
  const path = 'manifest.webApplicationInfo.resource';
  const expected = `api://<TAB_DOMAIN>/${id || '<AAD_APP_CLIENT_ID>'}`;
  if (typeof resource !== 'string' || resource === '') {
    return [{ path, message: `is required for tab SSO; expected ${expected}` }];
  }
  if (resource.includes('${{')) return [];
  const match = /^api:\/\/([^/]+)\/([^/]+)$/.exec(resource);
  if (match === null) {
    return [{ path, message: `must be ${expected}, got "${resource}"` }];
  }
  const [, host = '', clientId = ''] = match;
  const issues: ValidationIssue[] = [];
  if (clientId.toLowerCase() !== id.toLowerCase()) {
    issues.push({
      path,
      message: `must end with webApplicationInfo.id "${id}", got "${clientId}"`,
    });
  }
  if (!hostAllowed(host, domains)) {
    issues.push({
      path,
      message: `domain "${host}" is not in manifest.validDomains (${domains.join(', ') || 'empty'})`,
    });
  }
  return issues;
}

// Long on purpose: every check of the app-package build and validation shares the one built package set up in beforeAll.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, TEMPLATES, type ActivityType } from '../../api/src/notifications/index.js';
import type { BuildOptions, BuildResult, ValidationIssue } from '../../appPackage/scripts/index.js';
import {
  APP_PACKAGE_DIR,
  ENV_DIR,
  PackageValidationError,
  buildAppPackage,
  decodePng,
  drawColorIcon,
  drawOutlineIcon,
  encodePng,
  nonWhitePixels,
  parseEnvFile,
  schemaPathFor,
  validateAppPackageZip,
} from '../../appPackage/scripts/index.js';

const run = promisify(execFile);
const repoRoot = join(APP_PACKAGE_DIR, '..');

const LOCAL_CLIENT_ID = '00000000-0000-4000-8000-00000000a11e';
const PROVISIONED_DEV = {
  TEAMS_APP_ID: '5b0d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
  AAD_APP_CLIENT_ID: '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
  AAD_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555',
  TAB_DOMAIN: 'rmabc123-app.azurewebsites.net',
  TAB_ENDPOINT: 'https://rmabc123-app.azurewebsites.net',
};

type Json = Record<string, unknown>;
type Manifest = Json & {
  staticTabs: Json[];
  configurableTabs: Json[];
  webApplicationInfo: Json;
  validDomains: string[];
  name: Json;
};

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rm-app-package-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let counter = 0;
async function scratch(): Promise<string> {
  counter += 1;
  const dir = join(work, `case-${counter}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A copy of appPackage/ (template and icons) whose manifest and icons a test may break. */
async function appPackageCopy(
  edit: (manifest: Manifest) => void = () => undefined,
): Promise<string> {
  const dir = await scratch();
  const manifest = JSON.parse(
    await readFile(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'),
  ) as Manifest;
  edit(manifest);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await copyFile(join(APP_PACKAGE_DIR, 'color.png'), join(dir, 'color.png'));
  await copyFile(join(APP_PACKAGE_DIR, 'outline.png'), join(dir, 'outline.png'));
  return dir;
}

async function build(options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return buildAppPackage({ env: 'local', outDir: await scratch(), ...options });
}

/** The issues a build fails with; fails the test if the build succeeds. */
async function issuesOf(options: Partial<BuildOptions>): Promise<ValidationIssue[]> {
  try {
    await build(options);
  } catch (error) {
    if (error instanceof PackageValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the package to be rejected, but it was built');
}

function issueAt(issues: readonly ValidationIssue[], path: string): ValidationIssue | undefined {
  return issues.find((issue) => issue.path === path);
}

async function zipEntries(result: BuildResult): Promise<Record<string, Uint8Array>> {
  return unzipSync(await readFile(result.zipPath));
}

describe('building the Teams app package', () => {
  it('uses the newest numbered manifest schema @microsoft/app-manifest ships', async () => {
    // The Agents Toolkit CLI (scripts/test.sh) checks the same version with its own schemas.
    const versions = (await readdir(dirname(dirname(schemaPathFor('1.0')))))
      .filter((name) => /^v\d+\.\d+$/.test(name))
      .map((name) => name.slice(1))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const template = JSON.parse(await readFile(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as {
      manifestVersion: string;
    };
    expect(template.manifestVersion).toBe(versions.at(-1));
  });

  it('builds the local package with exactly the manifest and two icons at the zip root', async () => {
    const result = await build({ env: 'local' });
    expect(result.zipPath.endsWith('appPackage.local.zip')).toBe(true);
    const entries = await zipEntries(result);
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(
      strFromU8(entries['manifest.json'] ?? new Uint8Array()),
    ) as Manifest;
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.$schema).toContain(`/v${String(manifest.manifestVersion)}/`);
    expect(manifest.validDomains).toEqual(['localhost']);
    expect(manifest.webApplicationInfo).toEqual({
      id: LOCAL_CLIENT_ID,
      resource: `api://localhost/${LOCAL_CLIENT_ID}`,
    });
    expect(manifest.name.short).toBe('Reverse Mentoring (local)');
  });

  it('passes the official schema and our rules when the built zip is checked on its own', async () => {
    const result = await build({ env: 'local' });
    expect(await validateAppPackageZip(await readFile(result.zipPath))).toEqual([]);
  });

  it('declares a personal tab that also runs in Outlook and the Microsoft 365 app', async () => {
    const { manifest } = await build({ env: 'local' });
    const [home] = (manifest as Manifest).staticTabs;
    expect(home).toMatchObject({
      entityId: 'home',
      contentUrl: 'https://localhost:53000/index.html#/',
      scopes: ['personal'],
      context: ['personalTab'],
    });
  });

  it('declares the session guide for the meeting side panel, details and chat', async () => {
    const { manifest } = await build({ env: 'local' });
    const [guide] = (manifest as Manifest).configurableTabs;
    expect(guide?.configurationUrl).toBe('https://localhost:53000/index.html#/config');
    expect(guide?.scopes).toEqual(['groupChat', 'team']);
    expect(guide?.context).toEqual(['meetingSidePanel', 'meetingDetailsTab', 'meetingChatTab']);
  });

  it('declares every message the API sends as an activity type with the same template', async () => {
    const { manifest } = await build({ env: 'local' });
    const types = (manifest.activities as { activityTypes: Json[] }).activityTypes;
    expect(types.map((t) => t.type)).toEqual([...ACTIVITY_TYPES]);
    for (const type of types) {
      expect(type.templateText).toBe(TEMPLATES[type.type as ActivityType]);
      expect(type.templateText).toMatch(/\{[A-Za-z]+\}/);
      expect(String(type.templateText).length).toBeLessThanOrEqual(128);
    }
  });

  it('gives the same bytes for the same inputs', async () => {
    const first = await readFile((await build({ env: 'local' })).zipPath);
    const second = await readFile((await build({ env: 'local' })).zipPath);
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('builds the dev package once provisioning has written its values', async () => {
    const envDir = await scratch();
    await copyFile(join(ENV_DIR, '.env.dev'), join(envDir, '.env.dev'));
    const user = Object.entries(PROVISIONED_DEV).map(([k, v]) => `${k}=${v}`);
    await writeFile(join(envDir, '.env.dev.user'), `${user.join('\n')}\n`);

    const result = await build({ env: 'dev', envDir });
    expect(result.envFiles).toHaveLength(2);
    expect(result.zipPath.endsWith('appPackage.dev.zip')).toBe(true);
    const manifest = result.manifest as Manifest;
    expect(manifest.id).toBe(PROVISIONED_DEV.TEAMS_APP_ID);
    expect(manifest.validDomains).toEqual([PROVISIONED_DEV.TAB_DOMAIN]);
    expect(manifest.webApplicationInfo.resource).toBe(
      `api://${PROVISIONED_DEV.TAB_DOMAIN}/${PROVISIONED_DEV.AAD_APP_CLIENT_ID}`,
    );
    expect(manifest.name.short).toBe('Reverse Mentoring (dev)');
    expect(await validateAppPackageZip(await readFile(result.zipPath))).toEqual([]);
  });

  it('refuses the dev package before provisioning, naming each unfilled field', async () => {
    const envDir = await scratch();
    await copyFile(join(ENV_DIR, '.env.dev'), join(envDir, '.env.dev'));
    const issues = await issuesOf({ env: 'dev', envDir });
    expect(issueAt(issues, 'manifest.id')?.message).toContain('${{TEAMS_APP_ID}} is not filled');
    expect(issueAt(issues, 'manifest.webApplicationInfo.id')?.message).toContain(
      '${{AAD_APP_CLIENT_ID}} is not filled',
    );
    expect(issueAt(issues, 'manifest.validDomains[0]')?.message).toContain('TAB_DOMAIN');
  });
});

describe('a broken package fails with the field at fault', () => {
  it('names webApplicationInfo.resource when it is missing', async () => {
    const appPackageDir = await appPackageCopy((m) => {
      delete m.webApplicationInfo.resource;
    });
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.webApplicationInfo.resource')?.message).toContain(
      'is required for tab SSO',
    );
  });

  it('names webApplicationInfo.resource when it is not api://<domain>/<client id>', async () => {
    const appPackageDir = await appPackageCopy((m) => {
      m.webApplicationInfo.resource = 'api://localhost/11111111-2222-4333-8444-555555555555';
    });
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.webApplicationInfo.resource')?.message).toContain(
      `must end with webApplicationInfo.id "${LOCAL_CLIENT_ID}"`,
    );
  });

  it('names a tab URL whose domain is not in validDomains', async () => {
    const appPackageDir = await appPackageCopy((m) => {
      const tab = m.staticTabs[0];
      if (tab) tab.contentUrl = 'https://elsewhere.example.com/index.html';
    });
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.staticTabs[0].contentUrl')?.message).toBe(
      'host "elsewhere.example.com" is not in manifest.validDomains (localhost)',
    );
  });

  it('names a validDomains entry that carries a scheme or path', async () => {
    const appPackageDir = await appPackageCopy((m) => {
      m.validDomains = ['https://localhost/app'];
    });
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.validDomains[0]')?.message).toContain('host name only');
  });

  it('names the field holding a placeholder the environment does not fill', async () => {
    const appPackageDir = await appPackageCopy((m) => {
      m.name.full = 'Reverse Mentoring for ${{ORG_NAME}}';
    });
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.name.full')?.message).toBe(
      'placeholder ${{ORG_NAME}} is not filled: set ORG_NAME in env/.env.local (or env/.env.local.user)',
    );
  });

  it('treats an empty value as unfilled', async () => {
    const issues = await issuesOf({ overrides: { AAD_APP_CLIENT_ID: '' } });
    expect(issueAt(issues, 'manifest.webApplicationInfo.id')?.message).toContain(
      '${{AAD_APP_CLIENT_ID}} is not filled',
    );
  });

  it('names the outline icon when one pixel is coloured', async () => {
    const appPackageDir = await appPackageCopy();
    const outline = drawOutlineIcon();
    outline.data.set([200, 30, 30, 255], (5 * outline.width + 7) * 4);
    await writeFile(join(appPackageDir, 'outline.png'), encodePng(outline));
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.icons.outline')?.message).toBe(
      'must be white on transparent only; 1 pixel(s) are neither white nor fully transparent, first at (7, 5) rgba(200, 30, 30, 255)',
    );
  });

  it('names an icon of the wrong size', async () => {
    const appPackageDir = await appPackageCopy();
    await writeFile(join(appPackageDir, 'color.png'), encodePng(drawColorIcon(96)));
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.icons.color')?.message).toBe(
      'must be 192×192 pixels, is 96×96',
    );
  });

  it('names an icon file that is missing', async () => {
    const appPackageDir = await appPackageCopy();
    await rm(join(appPackageDir, 'outline.png'));
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.icons.outline')?.message).toBe(
      'file "outline.png" is not in the package',
    );
  });

  it('names an id that is not a GUID', async () => {
    const issues = await issuesOf({ overrides: { TEAMS_APP_ID: 'reverse-mentoring' } });
    expect(issueAt(issues, 'manifest.id')?.message).toMatch(/GUID|pattern/);
  });

  it('reports what the official schema rejects, by field', async () => {
    const appPackageDir = await appPackageCopy((m) => {
      m.name.short = 'Reverse Mentoring for Every Senior Leader';
      m.accentColor = 'purple';
    });
    const issues = await issuesOf({ appPackageDir });
    expect(issueAt(issues, 'manifest.name.short')?.message).toContain('30');
    expect(issueAt(issues, 'manifest.accentColor')).toBeDefined();
  });

  it('rejects a zip with a file the manifest does not use', async () => {
    const result = await build({ env: 'local' });
    const entries = await zipEntries(result);
    const tampered = zipSync({ ...entries, 'notes.txt': strToU8('hello') });
    expect(await validateAppPackageZip(tampered)).toEqual([
      { path: 'package', message: 'contains "notes.txt", which the manifest does not use' },
    ]);
  });
});

describe('the package command', () => {
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const cli = ['appPackage/scripts/build-package.ts'];

  it('exits 1 and names the field when the environment is broken', async () => {
    const envDir = await scratch();
    const local = parseEnvFile(await readFile(join(ENV_DIR, '.env.local'), 'utf8'));
    const broken = { ...local, TAB_DOMAIN: 'elsewhere.example.com' };
    await writeFile(
      join(envDir, '.env.local'),
      Object.entries(broken)
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n'),
    );
    const failure = await run(tsx, [...cli, '--env', 'local', '--env-dir', envDir], {
      cwd: repoRoot,
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      'manifest.staticTabs[0].contentUrl: host "localhost" is not in manifest.validDomains (elsewhere.example.com)',
    );
  });

  it('writes the zip and says where', async () => {
    const outDir = await scratch();
    const { stdout } = await run(tsx, [...cli, '--env=local', '--out-dir', outDir], {
      cwd: repoRoot,
    });
    expect(stdout).toContain('appPackage.local.zip');
    expect(Object.keys(unzipSync(await readFile(join(outDir, 'appPackage.local.zip'))))).toEqual([
      'manifest.json',
      'color.png',
      'outline.png',
    ]);
  });
});

describe('the committed icons', () => {
  it('are the current drawings, at the sizes Teams requires', async () => {
    const color = decodePng(await readFile(join(APP_PACKAGE_DIR, 'color.png')));
    const outline = decodePng(await readFile(join(APP_PACKAGE_DIR, 'outline.png')));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect(Buffer.from(color.data).equals(Buffer.from(drawColorIcon().data))).toBe(true);
    expect(Buffer.from(outline.data).equals(Buffer.from(drawOutlineIcon().data))).toBe(true);
  });

  it('keep the outline icon white on transparent, with a visible mark', async () => {
    const outline = decodePng(await readFile(join(APP_PACKAGE_DIR, 'outline.png')));
    expect(nonWhitePixels(outline)).toEqual([]);
    let opaque = 0;
    for (let i = 3; i < outline.data.length; i += 4) if (outline.data[i] === 255) opaque++;
    expect(opaque).toBeGreaterThan(100);
  });

  it('keep the colour icon fully opaque (full colour, no see-through corners)', async () => {
    const color = decodePng(await readFile(join(APP_PACKAGE_DIR, 'color.png')));
    for (let i = 3; i < color.data.length; i += 4) {
      if (color.data[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} is not opaque`);
    }
  });
});

describe('the Entra app manifest', () => {
  type AadManifest = {
    identifierUris: string[];
    signInAudience: string;
    api: {
      oauth2PermissionScopes: { id: string; value: string; type: string }[];
      preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
    };
    appRoles: { id: string; value: string; allowedMemberTypes: string[] }[];
    requiredResourceAccess: {
      resourceAppId: string;
      resourceAccess: { id: string; type: string }[];
    }[];
    spa: { redirectUris: string[] };
    web: { redirectUris: string[] };
  };
  let aad: AadManifest;
  let teams: Manifest;

  beforeAll(async () => {
    aad = JSON.parse(
      await readFile(join(APP_PACKAGE_DIR, 'aad.manifest.json'), 'utf8'),
    ) as AadManifest;
    teams = JSON.parse(await readFile(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Manifest;
  });

  it('exposes access_as_user under the same identifier the Teams manifest asks tokens for', () => {
    expect(aad.identifierUris).toEqual([teams.webApplicationInfo.resource]);
    expect(aad.api.oauth2PermissionScopes).toEqual([
      expect.objectContaining({ value: 'access_as_user', type: 'User' }),
    ]);
  });

  it('pre-authorizes the Teams, Outlook and Microsoft 365 clients for that scope only', () => {
    // Client ids from Microsoft's tab SSO documentation (Teams desktop/mobile, Teams web,
    // Microsoft 365 web, Microsoft 365 desktop, Microsoft 365 mobile and Outlook desktop,
    // Outlook web, Outlook mobile).
    expect(aad.api.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual(
      [
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        '4765445b-32c6-49b0-83e6-1d93765276ca',
        '0ec893e0-5785-4de6-99da-4ed124e5296c',
        'd3590ed6-52b3-4102-aeff-aad2292ab01c',
        'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
        '27922004-5251-4030-b22d-91ecd9a37ea4',
      ].sort(),
    );
    const scopeId = aad.api.oauth2PermissionScopes[0]?.id;
    for (const client of aad.api.preAuthorizedApplications) {
      expect(client.delegatedPermissionIds).toEqual([scopeId]);
    }
  });

  it('defines the Program.Admin role for users', () => {
    expect(aad.appRoles).toEqual([
      expect.objectContaining({ value: 'Program.Admin', allowedMemberTypes: ['User'] }),
    ]);
    expect(aad.appRoles[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks Microsoft Graph for exactly the documented permissions', () => {
    expect(aad.requiredResourceAccess).toEqual([
      {
        resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceAccess: [
          { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }, // User.Read
          { id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' }, // User.Read.All
          { id: '40f97065-369a-49f4-947c-6a255697ae91', type: 'Role' }, // MailboxSettings.Read
          { id: 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', type: 'Role' }, // Calendars.ReadWrite
          { id: 'a267235f-af13-44dc-8385-c1dc93023186', type: 'Role' }, // TeamsActivity.Send
          { id: '98830695-27a2-44f7-8c18-0c3ebc9698f6', type: 'Role' }, // GroupMember.Read.All
        ],
      },
    ]);
  });

  it('is single-tenant and has no redirect URI: Teams SSO (getAuthToken) signs people in', () => {
    expect(aad.signInAudience).toBe('AzureADMyOrg');
    // A redirect URI would name a sign-in page the tab does not serve (decision 0009).
    expect(aad.spa.redirectUris).toEqual([]);
    expect(aad.web.redirectUris).toEqual([]);
  });
});

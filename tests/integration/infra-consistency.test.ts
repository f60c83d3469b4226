import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, parseEnvFile, placeholderNames } from '../../appPackage/scripts/index.js';

const run = promisify(execFile);
const repoRoot = join(APP_PACKAGE_DIR, '..');
const read = (path: string): Promise<string> => readFile(join(repoRoot, path), 'utf8');

// --- a small Bicep reader: enough for declarations and one object literal ----------------------

interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
}

interface BicepFile {
  params: Map<string, BicepParam>;
  outputs: Map<string, string>;
  /** Keys and raw values of the `Microsoft.Web/sites/config` appsettings `properties` object. */
  appSettings: Map<string, string>;
  /** The text without comments. */
  code: string;
}

/** Removes `//` and `/* *\/` comments that are not inside a '…' string. */
function stripComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i++;
      } else if (c === "'") inString = false;
      continue;
    }
    if (c === "'") {
      inString = true;
      out += c;
    } else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

/** The text between the `{` at `open` and its matching `}`. */
function braceBlock(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    if (code[i] === '}' && --depth === 0) return code.slice(open + 1, i);
  }
  throw new Error('unbalanced braces in Bicep file');
}

function parseBicep(text: string): BicepFile {
  const code = stripComments(text);
  const params = new Map<string, BicepParam>();
  const outputs = new Map<string, string>();
  let decorators: string[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('@')) {
      decorators.push(line);
      continue;
    }
    const param = /^param\s+(\w+)\s+(\w+)(\s*=.*)?$/.exec(line);
    if (param) {
      const [, name = '', type = '', initial] = param;
      params.set(name, {
        name,
        type,
        hasDefault: initial !== undefined,
        secure: decorators.some((d) => d.startsWith('@secure(')),
      });
    }
    const output = /^output\s+(\w+)\s+(\w+)\s*=/.exec(line);
    if (output) outputs.set(output[1] ?? '', output[2] ?? '');
    if (line !== '') decorators = [];
  }

  const appSettings = new Map<string, string>();
  const resource = /resource\s+\w+\s+'Microsoft\.Web\/sites\/config@[^']+'\s*=\s*\{/.exec(code);
  if (resource) {
    const body = braceBlock(code, resource.index + resource[0].length - 1);
    if (!/name:\s*'appsettings'/.test(body)) throw new Error('sites/config is not appsettings');
    const props = /properties:\s*\{/.exec(body);
    if (props) {
      const block = braceBlock(body, props.index + props[0].length - 1);
      for (const line of block.split('\n')) {
        const setting = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+?)\s*$/.exec(line);
        if (setting) appSettings.set(setting[1] ?? '', setting[2] ?? '');
      }
    }
  }
  return { params, outputs, appSettings, code };
}

// --- the files under test ------------------------------------------------------------------------

type Action = {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
};
type Lifecycle = {
  version: string;
  environmentFolderPath: string;
  provision: Action[];
  deploy: Action[];
  publish: Action[];
};

let bicep: BicepFile;
let parameters: Record<string, { value: unknown }>;
let parametersText: string;
let teamsAppText: string;
let lifecycle: Lifecycle;
let envDevText: string;
let envDev: Record<string, string>;
let envLocal: Record<string, string>;
let manifestText: string;
let aadManifestText: string;
let adminGuide: string;
let configSource: string;

beforeAll(async () => {
  bicep = parseBicep(await read('infra/azure.bicep'));
  parametersText = await read('infra/azure.parameters.json');
  parameters = (JSON.parse(parametersText) as { parameters: typeof parameters }).parameters;
  teamsAppText = await read('teamsapp.yml');
  lifecycle = parseYaml(teamsAppText) as Lifecycle;
  envDevText = await read('env/.env.dev');
  envDev = parseEnvFile(envDevText);
  envLocal = parseEnvFile(await read('env/.env.local'));
  manifestText = await read('appPackage/manifest.json');
  aadManifestText = await read('appPackage/aad.manifest.json');
  adminGuide = await read('docs/admin-guide.md');
  configSource = await read('api/src/config/config.ts');
});

const allActions = (): Action[] => [
  ...lifecycle.provision,
  ...lifecycle.deploy,
  ...lifecycle.publish,
];
const uses = (stage: Action[]): string[] => stage.map((a) => a.uses);

/** Variables the tooling itself provides, or that a person sets in the env file before provisioning. */
const SET_BY_TOOLING_OR_PERSON = new Set([
  'TEAMSFX_ENV',
  'APP_NAME_SUFFIX',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
  'RESOURCE_SUFFIX',
]);
/** Written by an action without a writeToEnvironmentFile entry. */
const IMPLICIT_OUTPUTS: Record<string, string[]> = {
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

function writtenByActions(): Map<string, string> {
  const written = new Map<string, string>();
  for (const action of allActions()) {
    for (const name of Object.values(action.writeToEnvironmentFile ?? {})) {
      written.set(name, action.uses);
    }
    for (const name of IMPLICIT_OUTPUTS[action.uses] ?? []) written.set(name, action.uses);
    if (action.uses === 'arm/deploy') {
      for (const name of bicep.outputs.keys()) written.set(name, 'arm/deploy');
    }
  }
  return written;
}

describe('Bicep parameters', () => {
  it('every parameter the parameters file sets is declared in azure.bicep', () => {
    const unknown = Object.keys(parameters).filter((name) => !bicep.params.has(name));
    expect(unknown).toEqual([]);
  });

  it('every parameter without a default gets a value from the parameters file', () => {
    const missing = [...bicep.params.values()]
      .filter((p) => !p.hasDefault && !(p.name in parameters))
      .map((p) => p.name);
    expect(missing).toEqual([]);
  });

  it('secure parameters come from SECRET_ variables, which live only in .user files', () => {
    for (const [name, { value }] of Object.entries(parameters)) {
      const secure = bicep.params.get(name)?.secure ?? false;
      const names = placeholderNames(JSON.stringify(value));
      if (secure) expect(names, name).toEqual([expect.stringMatching(/^SECRET_/)]);
      else for (const n of names) expect(n.startsWith('SECRET_'), name).toBe(false);
    }
  });
});

describe('values flowing between teamsapp.yml, env files, the manifests and Bicep', () => {
  it('every placeholder has a source: the tooling, the env file, an action or a Bicep output', () => {
    const written = writtenByActions();
    const documentedSecrets = (name: string): boolean =>
      name.startsWith('SECRET_') && envDevText.includes(name);
    const texts = { teamsAppText, manifestText, aadManifestText, parametersText };
    for (const [file, text] of Object.entries(texts)) {
      for (const name of placeholderNames(text)) {
        const known =
          SET_BY_TOOLING_OR_PERSON.has(name) || written.has(name) || documentedSecrets(name);
        expect(known, `${file} uses \${{${name}}} but nothing provides it`).toBe(true);
      }
    }
  });

  it('what the Teams manifest needs from Azure are Bicep outputs', () => {
    for (const name of ['TAB_DOMAIN', 'TAB_ENDPOINT']) {
      expect(placeholderNames(manifestText)).toContain(name);
      expect(bicep.outputs.get(name), name).toBe('string');
    }
    const zipDeploy = lifecycle.deploy.find((a) => a.uses === 'azureAppService/zipDeploy');
    const [resourceIdVar] = placeholderNames(String(zipDeploy?.with?.resourceId));
    expect(resourceIdVar).toBeDefined();
    expect(bicep.outputs.has(resourceIdVar ?? '')).toBe(true);
  });

  it('env/.env.dev lists every Bicep output, so provisioning writes no surprise names', () => {
    const unlisted = [...bicep.outputs.keys()].filter((name) => !(name in envDev));
    expect(unlisted).toEqual([]);
  });

  it('every variable in env/.env.dev is set by a person, the tooling, an action or Bicep', () => {
    const written = writtenByActions();
    const orphans = Object.keys(envDev).filter(
      (name) => !SET_BY_TOOLING_OR_PERSON.has(name) && !written.has(name),
    );
    expect(orphans).toEqual([]);
  });

  it('the local environment fills every placeholder of the Teams manifest', () => {
    const empty = placeholderNames(manifestText).filter(
      (name) => (envLocal[name] ?? '') === '' && name !== 'APP_NAME_SUFFIX',
    );
    expect(empty).toEqual([]);
  });

  it('no secret is committed: env files hold no SECRET_ values and .user files are ignored', async () => {
    for (const env of [envDev, envLocal]) {
      expect(Object.keys(env).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    }
    const userFiles = ['env/.env.dev.user', 'env/.env.local.user'];
    const { stdout } = await run('git', ['check-ignore', ...userFiles], { cwd: repoRoot });
    expect(stdout.trim().split('\n')).toEqual(userFiles);
  });
});

describe('teamsapp.yml', () => {
  it('uses the v1 schema and the env folder', () => {
    expect(lifecycle.version).toMatch(/^v1\.\d+$/);
    expect(lifecycle.environmentFolderPath).toBe('./env');
  });

  it('provisions the Entra app and Azure before applying the Entra manifest that needs TAB_DOMAIN', () => {
    const steps = uses(lifecycle.provision);
    for (const step of [
      'aadApp/create',
      'teamsApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/update',
    ]) {
      expect(steps, step).toContain(step);
    }
    expect(steps.indexOf('aadApp/create')).toBeLessThan(steps.indexOf('arm/deploy'));
    expect(steps.indexOf('arm/deploy')).toBeLessThan(steps.indexOf('aadApp/update'));
    expect(steps.indexOf('aadApp/update')).toBeLessThan(steps.indexOf('teamsApp/update'));
  });

  it('deploys by building with npm and zip-deploying to the App Service', () => {
    const steps = uses(lifecycle.deploy);
    expect(steps).toContain('cli/runNpmCommand');
    expect(steps.at(-1)).toBe('azureAppService/zipDeploy');
  });

  it('publishes the validated package to the organisation catalogue', () => {
    const steps = uses(lifecycle.publish);
    expect(steps.at(-1)).toBe('teamsApp/publishAppPackage');
    expect(steps).toContain('teamsApp/validateAppPackage');
  });

  it('points only at files that exist', async () => {
    const paths = allActions().flatMap((action) => {
      const w = action.with ?? {};
      const templates = (w.templates as { path: string; parameters: string }[] | undefined) ?? [];
      const found = [
        w.manifestPath,
        ...templates.flatMap((t) => [t.path, t.parameters]),
        typeof w.run === 'string' ? /\.\/\S+\.sh/.exec(w.run)?.[0] : undefined,
      ];
      return found.filter((p): p is string => typeof p === 'string');
    });
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths) await expect(access(join(repoRoot, path))).resolves.toBeUndefined();
  });
});

describe('the App Service the Bicep file creates', () => {
  /** Settings read by the Azure platform, not by our API. */
  const PLATFORM_SETTINGS: Record<string, string> = {
    APPLICATIONINSIGHTS_CONNECTION_STRING: 'Application Insights agent: where telemetry goes',
    ApplicationInsightsAgent_EXTENSION_VERSION: 'turns on the Node.js agent on Linux',
    WEBSITE_RUN_FROM_PACKAGE: 'runs the deployed zip read-only',
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'the zip is already built',
  };

  /** Every environment variable the API's typed configuration reads. */
  const apiSettings = (): Set<string> => {
    const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(configSource)?.[1] ?? '';
    return new Set([...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] ?? ''));
  };

  it('finds the API configuration to compare with', () => {
    expect([...apiSettings()]).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'AAD_APP_CLIENT_ID', 'TAB_DOMAIN']),
    );
  });

  it('sets only settings the API reads or the platform documents', () => {
    const api = apiSettings();
    const unknown = [...bicep.appSettings.keys()].filter(
      (name) => !api.has(name) && !(name in PLATFORM_SETTINGS),
    );
    expect(unknown).toEqual([]);
  });

  it('sets what production needs, and leaves PORT to App Service', () => {
    for (const name of [
      'DATABASE_URL',
      'GRAPH_BASE_URL',
      'AAD_APP_CLIENT_ID',
      'AAD_APP_TENANT_ID',
      'AAD_APP_CLIENT_SECRET',
      'TAB_DOMAIN',
      'PUBLIC_BASE_URL',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
    ]) {
      expect(bicep.appSettings.has(name), name).toBe(true);
    }
    expect(bicep.appSettings.get('NODE_ENV')).toBe("'production'");
    expect(bicep.appSettings.has('PORT')).toBe(false);
    // Graph sends change notifications only to HTTPS; the App Service host is public.
    expect(bicep.appSettings.get('PUBLIC_BASE_URL')).toBe(
      "'https://${webApp.properties.defaultHostName}'",
    );
  });

  it('reads the client secret and the database URL from Key Vault, never from plain settings', () => {
    for (const name of ['AAD_APP_CLIENT_SECRET', 'DATABASE_URL']) {
      expect(bicep.appSettings.get(name), name).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{/);
    }
  });

  it('documents every setting it sets in the admin guide', () => {
    const undocumented = [...bicep.appSettings.keys()].filter(
      (name) => !adminGuide.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });

  it('runs the Node LTS release .nvmrc names on Linux, with a managed identity, Key Vault RBAC and PostgreSQL', async () => {
    // Decision 0010: a release in LTS support that App Service's Linux stacks offer (22 or 24),
    // the same major as development uses; `engines` still admits 20.19 for build machines.
    const nvmrc = (await read('.nvmrc')).trim();
    expect(['22', '24']).toContain(nvmrc);
    expect(bicep.code).toContain(`linuxFxVersion: 'NODE|${nvmrc}-lts'`);
    expect(bicep.code).toMatch(/identity:\s*\{\s*type:\s*'SystemAssigned'\s*\}/);
    expect(bicep.code).toContain('enableRbacAuthorization: true');
    expect(bicep.code).toContain("'Microsoft.DBforPostgreSQL/flexibleServers@");
    expect(bicep.code).toContain("'Microsoft.DBforPostgreSQL/flexibleServers/databases@");
    expect(bicep.code).toContain("'Microsoft.Insights/components@");
    expect(bicep.code).toContain("'Microsoft.OperationalInsights/workspaces@");
    // Key Vault Secrets User, granted to the web app's identity.
    expect(bicep.code).toContain('4633458b-17de-408a-b874-0445c86b69e6');
    expect(bicep.code).toContain('principalId: webApp.identity.principalId');
  });
});

describe('the Bicep reader used by these tests', () => {
  it('reads params, defaults, @secure, outputs and ignores comments', () => {
    const parsed = parseBicep(`
// param commented string
@secure()
param secret string
param plain string = 'a // not a comment'
/* output hidden string = 'x' */
output SHOWN string = 'https://x'
resource s 'Microsoft.Web/sites/config@2023-12-01' = {
  name: 'appsettings'
  properties: {
    A: 'https://a'
    B: x.y
  }
}`);
    expect([...parsed.params.values()]).toEqual([
      { name: 'secret', type: 'string', hasDefault: false, secure: true },
      { name: 'plain', type: 'string', hasDefault: true, secure: false },
    ]);
    expect([...parsed.outputs.keys()]).toEqual(['SHOWN']);
    expect([...parsed.appSettings.keys()]).toEqual(['A', 'B']);
  });
});

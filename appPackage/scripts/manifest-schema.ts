import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { ValidationIssue } from './validation-issue.js';

// Both are CommonJS modules whose typings declare an ES default export; under NodeNext the
// default import is the whole `module.exports`, which carries the real export as `.default`.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

const require = createRequire(import.meta.url);
const schemaRoot = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

const compiled = new Map<string, Promise<ValidateFunction>>();

/** The official JSON schema file for a manifest version, as shipped by `@microsoft/app-manifest`. */
export function schemaPathFor(manifestVersion: string): string {
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) {
    throw new Error(`manifestVersion "${manifestVersion}" is not a Teams manifest version`);
  }
  return join(schemaRoot, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

async function validatorFor(manifestVersion: string): Promise<ValidateFunction> {
  let validator = compiled.get(manifestVersion);
  if (validator === undefined) {
    validator = (async () => {
      const path = schemaPathFor(manifestVersion);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        throw new Error(`no official schema for manifestVersion "${manifestVersion}" (${path})`);
      }
      // The Teams schemas are draft-04; strict mode would reject their vendor keywords.
      const ajv = new Ajv04({ allErrors: true, strict: false });
      addFormats(ajv);
      return ajv.compile(JSON.parse(text) as object);
    })();
    compiled.set(manifestVersion, validator);
  }
  return validator;
}

/** `/staticTabs/0/contentUrl` → `manifest.staticTabs[0].contentUrl`. */
export function instancePathToField(instancePath: string, root = 'manifest'): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), root);
}

function toIssue(error: ErrorObject): ValidationIssue {
  const base = instancePathToField(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { path: `${base}.${params.missingProperty}`, message: 'is required by the schema' };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return {
      path: `${base}.${params.additionalProperty}`,
      message: 'is not allowed by the schema',
    };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return { path: base, message: `must be one of ${params.allowedValues.join(', ')}` };
  }
  return { path: base, message: error.message ?? `fails schema rule "${error.keyword}"` };
}

/** Validates a filled manifest against the official schema of its own `manifestVersion`. */
export async function validateAgainstSchema(manifest: unknown): Promise<ValidationIssue[]> {
  const version =
    manifest !== null && typeof manifest === 'object' && 'manifestVersion' in manifest
      ? manifest.manifestVersion
      : undefined;
  if (typeof version !== 'string') {
    return [{ path: 'manifest.manifestVersion', message: 'is required' }];
  }
  let validate: ValidateFunction;
  try {
    validate = await validatorFor(version);
  } catch (error) {
    return [{ path: 'manifest.manifestVersion', message: (error as Error).message }];
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(toIssue);
}

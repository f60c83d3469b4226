/**
 * Writes the trimmed Graph v1.0 schema the conformance validator reads
 * (`api/src/graph-schema/graph-v1.schema.json`) from Microsoft's published CSDL:
 *
 *   git --git-dir=<msgraph-metadata clone>/.git show HEAD:clean_v10_metadata/cleanMetadata.xml > meta.xml
 *   npx tsx api/scripts/graph-schema/generate.ts meta.xml --commit <that HEAD's sha> [--out <file>]
 *
 * The commit and the file's SHA-256 are recorded in the output. Add a type or an operation to
 * ROOTS in `api/src/graph-schema/generate-schema.ts` when the app starts using it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSchema } from '../../src/graph-schema/generate-schema.js';

function main(argv: string[]): void {
  const args = [...argv];
  const file = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? undefined : args[i + 1];
  };
  const commit = flag('commit');
  if (file === undefined || commit === undefined || !/^[0-9a-f]{40}$/.test(commit)) {
    process.stderr.write(
      'usage: generate.ts <clean_v10_metadata/cleanMetadata.xml> --commit <40-hex sha> [--out <file>]\n',
    );
    process.exitCode = 2;
    return;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const outFile = flag('out') ?? path.resolve(here, '../../src/graph-schema/graph-v1.schema.json');
  const bytes = readFileSync(file);
  const schema = generateSchema(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    repository: 'microsoftgraph/msgraph-metadata',
    path: 'clean_v10_metadata/cleanMetadata.xml',
    commit,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  writeFileSync(outFile, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(
    `${Object.keys(schema.types).length} types, ${Object.keys(schema.enums).length} enums, ${schema.operations.length} operations -> ${outFile}\n`,
  );
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
)
  main(process.argv.slice(2));

// Fails when src/api/schema.d.ts is not what `npm run api:generate` would write from src/api/openapi.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(webRoot, 'src/api/openapi.json');
const checkedIn = join(webRoot, 'src/api/schema.d.ts');

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');

const tempDir = mkdtempSync(join(tmpdir(), 'pa-api-check-'));
const fresh = join(tempDir, 'schema.d.ts');
try {
  const run = spawnSync(process.execPath, [cli, spec, '-o', fresh], { cwd: webRoot, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error('api:check: openapi-typescript failed to read src/api/openapi.json.');
    process.exit(1);
  }

  let current;
  try {
    current = readFileSync(checkedIn, 'utf8');
  } catch {
    console.error('api:check: src/api/schema.d.ts is missing. Run `npm run api:generate` and commit the result.');
    process.exit(1);
  }

  if (current !== readFileSync(fresh, 'utf8')) {
    console.error(
      'api:check: src/api/schema.d.ts is out of date with src/api/openapi.json. ' +
        'Run `npm run api:generate` in web/ and commit the result.',
    );
    process.exit(1);
  }
  console.log('api:check: src/api/schema.d.ts matches src/api/openapi.json.');
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}

// Node module hooks that run the TypeScript sources in a plain child process, the way Jest's SWC
// transform does in the test process: a test can then kill -9 a real process running real code.
import { transformFile } from '@swc/core';
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

const root = new URL('../../../../', import.meta.url);

const SWC = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@kam/test-support')
    return { url: new URL('test/support/index.ts', root).href, shortCircuit: true };
  const alias = /^@kam\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(specifier);
  if (alias) {
    // `@kam/<lib>` is the lib's index; `@kam/<lib>/<face>` a lighter face beside it (tsconfig paths).
    const file = `libs/${alias[1]}/src/${alias[2] ?? 'index'}.ts`;
    return { url: new URL(file, root).href, shortCircuit: true };
  }
  if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const { code } = await transformFile(fileURLToPath(url), { ...SWC, filename: fileURLToPath(url) });
  return { format: 'module', source: code, shortCircuit: true };
}

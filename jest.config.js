// Jest runs the TypeScript sources as native ESM (Nest 12 is ESM-only), transpiled by SWC;
// type checking is `npm run typecheck`'s job, so tests stay fast on two cores.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@kam/test-support$': '<rootDir>/test/support/index.ts',
    '^@kam/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    // A lib's second, lighter face (`@kam/application/command-path`): for worker threads.
    '^@kam/([a-z-]+)/([a-z-]+)$': '<rootDir>/libs/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
};

export default {
  // Real processes and databases on a shared two-core machine: starting one can take seconds when it
  // is busy. A hang still fails, just later; speed is measured by `kam bench`, not by timeouts.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};

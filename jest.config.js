const fs = require('node:fs');
const path = require('node:path');

/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

// Packages published as ES modules only (all of @nestjs/* 12 and a few of their dependencies): Jest's CommonJS
// loader needs them transpiled. Found by their package.json rather than listed, so upgrades need no edits here.
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  const visit = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (entry.name.startsWith('@') && !prefix) {
        visit(path.join(dir, entry.name), `${entry.name}/`);
        continue;
      }
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, entry.name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(`${prefix}${entry.name}`);
      } catch {
        // not a package
      }
    }
  };
  visit(root, '');
  return names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

module.exports = {
  testEnvironment: '<rootDir>/test/support/failure-environment.ts',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  // The libraries' path aliases (tsconfig.json `paths`).
  moduleNameMapper: {
    '^@liaison/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@liaison/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().join('|')})/)`],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  // Every suite closes what it opens, but a client left reconnecting to a Redis or PostgreSQL that a spec stopped
  // must not keep the run from ending once all results are in: the verdict is already final then.
  forceExit: true,
};

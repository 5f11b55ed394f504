'use strict';
// Three projects: `fast` (unit/contract tests, seconds), `e2e` (real n8n, minutes, run with
// --runInBand) and `queue` (n8n in queue mode with PostgreSQL and Redis: QUEUE_E2E=1 npm test).
//   npx jest --config test/jest.config.js --selectProjects fast
//   npx jest --config test/jest.config.js --selectProjects e2e --runInBand
const path = require('path');

const rootDir = path.resolve(__dirname, '..');
// never crawl the n8n runtime (2.9 GB of node_modules) or build output
const ignore = ['/node_modules/', '<rootDir>/.n8n-runtime/', '<rootDir>/.n8n1-runtime/', '<rootDir>/dist/', '<rootDir>/.tmp/'];

module.exports = {
	// Ctrl-C / SIGTERM stops whatever the tests started (n8n, the fake MVMNT server, PostgreSQL, Redis)
	globalSetup: path.join(__dirname, 'stop-guard.js'),
	// dev/ (the fake MVMNT server, the n8n harness, the rig, …) is tooling, never crawled for tests:
	// every project's roots are test/ only; the fake server's own tests are test/fake-mvmnt.test.js
	projects: [
		{
			displayName: 'fast',
			rootDir,
			roots: ['<rootDir>/test'],
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/**/*.test.js'],
			testPathIgnorePatterns: [...ignore, '<rootDir>/test/e2e/', '<rootDir>/test/queue/', '<rootDir>/test/crash/'],
			modulePathIgnorePatterns: ['<rootDir>/.n8n-runtime/'],
		},
		{
			displayName: 'e2e',
			rootDir,
			roots: ['<rootDir>/test'],
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
			testPathIgnorePatterns: ignore,
			modulePathIgnorePatterns: ['<rootDir>/.n8n-runtime/'],
			testTimeout: 600000,
			slowTestThreshold: 120,
		},
		{
			displayName: 'queue',
			rootDir,
			roots: ['<rootDir>/test'],
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/queue/**/*.test.js'],
			testPathIgnorePatterns: ignore,
			modulePathIgnorePatterns: ['<rootDir>/.n8n-runtime/'],
			testTimeout: 45 * 60 * 1000,
			slowTestThreshold: 600,
		},
		{
			// processes killed with SIGKILL at seeded random moments (npm run crash: the full count)
			displayName: 'crash',
			rootDir,
			roots: ['<rootDir>/test'],
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/crash/**/*.crash.test.js'],
			testPathIgnorePatterns: ignore,
			modulePathIgnorePatterns: ['<rootDir>/.n8n-runtime/'],
			testTimeout: 60 * 60 * 1000,
			slowTestThreshold: 600,
		},
	],
};

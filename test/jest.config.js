'use strict';
// Two projects: `fast` (unit/contract tests, seconds) and `e2e` (real n8n, minutes, run with --runInBand).
//   npx jest --config test/jest.config.js --selectProjects fast
//   npx jest --config test/jest.config.js --selectProjects e2e --runInBand
const path = require('path');

const rootDir = path.resolve(__dirname, '..');
// never crawl the n8n runtime (2.9 GB of node_modules) or build output
const ignore = ['/node_modules/', '<rootDir>/.n8n-runtime/', '<rootDir>/dist/', '<rootDir>/.tmp/'];

module.exports = {
	projects: [
		{
			displayName: 'fast',
			rootDir,
			roots: ['<rootDir>/test'],
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/**/*.test.js'],
			testPathIgnorePatterns: [...ignore, '<rootDir>/test/e2e/'],
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
	],
};

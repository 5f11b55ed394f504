#!/usr/bin/env node
'use strict';
/**
 * node dev/fake-mvmnt/cli.js --port 18080 [--host 127.0.0.1] [--client-id X --client-secret Y]
 *                             [--token-ttl-seconds N] [--spec contract.json or openapi.yml] [--no-validate] [--log]
 * Prints one JSON line {"url","baseUrl","tokenUrl"} on stdout once listening; exits on SIGTERM/SIGINT.
 * With --log, one line per request goes to stderr (never tokens or secrets).
 */
const { startFakeMvmnt } = require('./index');

const FLAGS = {
	'--port': ['port', Number],
	'--host': ['host', String],
	'--client-id': ['clientId', String],
	'--client-secret': ['clientSecret', String],
	'--token-ttl-seconds': ['tokenTtlSeconds', Number],
	'--spec': ['specPath', String],
};

function parseArgs(argv) {
	const opts = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--no-validate') opts.validate = false;
		else if (a === '--log') opts.log = true;
		else if (FLAGS[a]) {
			const [name, cast] = FLAGS[a];
			opts[name] = cast(argv[++i]);
		} else throw new Error(`unknown argument ${a}`);
	}
	return opts;
}

async function main() {
	const fake = await startFakeMvmnt(parseArgs(process.argv.slice(2)));
	process.stdout.write(JSON.stringify({ url: fake.url, baseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, validate: fake.validate }) + '\n');
	const stop = () => fake.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((e) => {
	process.stderr.write(`fake-mvmnt: ${e.stack || e.message}\n`);
	process.exit(1);
});

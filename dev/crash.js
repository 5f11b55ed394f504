'use strict';
/**
 * What the crash suites (test/crash/*.crash.test.js) share: how many kills a pattern makes and a
 * seeded random source, so that a failing run can be replayed with the same moments.
 *   CRASH_KILLS=20   kills per pattern (`npm run crash` runs 20; CI's queue leg a short count)
 *   CRASH_SEED=1234  the seed (printed by every suite); default: a fixed one
 */
const KILLS = Math.max(1, Number(process.env.CRASH_KILLS || 20));
const SEED = Number(process.env.CRASH_SEED || 20261204) >>> 0;

/** mulberry32: a small deterministic generator; `seed` mixed with a per-pattern salt */
function random(salt = '') {
	let a = SEED;
	for (const c of String(salt)) a = (Math.imul(a ^ c.charCodeAt(0), 2654435761) + 1) >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	/** a whole number in [min, max] */
	next.between = (min, max) => min + Math.floor(next() * (max - min + 1));
	return next;
}

/** one line per figure, grep-able: CRASH <pattern> <text> */
function say(pattern, line) {
	process.stdout.write(`CRASH ${pattern} ${line}\n`);
}

/** runs `task` over `list` with at most `limit` at a time */
async function pool(list, limit, task) {
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < list.length) {
				const i = next++;
				await task(list[i], i);
			}
		}),
	);
}

module.exports = { KILLS, SEED, random, say, pool };

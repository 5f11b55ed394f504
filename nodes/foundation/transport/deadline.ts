import { sleep } from 'n8n-workflow';

/*
 * The deadline watchdog: one timer checks the deadlines of every request in flight, and runs only
 * while some request has one.
 */

/** A request's deadline: when it passes, `expire` fails the request. */
interface Deadline {
	at: number;
	expire: () => void;
}

/** How often pending deadlines are checked: one timer for all requests in flight, not one each. */
export const DEADLINE_TICK_MS = 25;
const deadlines = new Set<Deadline>();
let watching = false;

async function watchDeadlines(): Promise<void> {
	watching = true;
	try {
		// runs only while some request has a deadline, so no timer outlives the requests
		while (deadlines.size > 0) {
			await sleep(DEADLINE_TICK_MS);
			const now = Date.now();
			for (const deadline of deadlines) {
				if (now >= deadline.at) {
					deadlines.delete(deadline);
					deadline.expire();
				}
			}
		}
	} finally {
		watching = false;
	}
}

/**
 * Races `work` against `ms` (checked every DEADLINE_TICK_MS); when the time is up, the request
 * fails with what `expired()` returns.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, expired: () => unknown): Promise<T> {
	let deadline: Deadline | undefined;
	const timedOut = new Promise<never>((_resolve, reject) => {
		deadline = { at: Date.now() + ms, expire: () => reject(expired()) };
	});
	const pending = deadline as Deadline;
	deadlines.add(pending);
	if (!watching) void watchDeadlines();
	// whichever loses the race must not become an unhandled rejection
	work.then(noop, noop);
	timedOut.then(noop, noop);
	try {
		return await Promise.race([work, timedOut]);
	} finally {
		deadlines.delete(pending);
	}
}

export function noop(): void {}

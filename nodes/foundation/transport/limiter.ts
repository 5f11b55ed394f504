import { sleep } from 'n8n-workflow';

/**
 * One limiter per execution, shared by every request the node sends in it (all items in flight):
 * - at most `limit` requests at once; the limit backs off when MVMNT says "too many" and recovers
 *   as requests succeed (additive increase, multiplicative decrease, like TCP's congestion window);
 * - a 429 pauses every request, not only the one that got it, until the time MVMNT asks for;
 * - optionally at most `perSecond` request starts per second (an account with a known quota).
 */
export class Limiter {
	private limit: number;

	private active = 0;

	private readonly waiters: Array<() => void> = [];

	private pausedUntil = 0;

	private lastDecrease = 0;

	private nextStart = 0;

	private readonly interval: number;

	constructor(
		readonly max: number,
		perSecond = 0,
	) {
		this.limit = Math.max(1, max);
		this.interval = perSecond > 0 ? 1000 / perSecond : 0;
	}

	/** the concurrency allowed right now (for tests and messages) */
	get allowed(): number {
		return Math.floor(this.limit);
	}

	/** waits for a slot; returns when the request may start (the caller must call release()) */
	async acquire(): Promise<number> {
		for (;;) {
			const now = Date.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			if (this.active < Math.floor(this.limit)) {
				this.active++;
				if (this.interval > 0) {
					const at = Math.max(now, this.nextStart);
					this.nextStart = at + this.interval;
					if (at > now) await sleep(at - now);
				}
				return Date.now();
			}
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
	}

	release(): void {
		this.active--;
		this.wake();
	}

	/** a request succeeded: grow by one slot per window of successes */
	succeeded(): void {
		if (this.limit >= this.max) return;
		const before = Math.floor(this.limit);
		this.limit = Math.min(this.max, this.limit + 1 / this.limit);
		if (Math.floor(this.limit) > before) this.wake();
	}

	/**
	 * A request that started at `startedAt` was answered 429 with a wait of `waitMs`: everyone pauses.
	 * The limit halves once per wave: answers to requests sent before the last decrease don't count again.
	 */
	rateLimited(startedAt: number, waitMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
		if (startedAt > this.lastDecrease) {
			this.limit = Math.max(1, this.limit / 2);
			this.lastDecrease = Date.now();
		}
	}

	/** lets as many waiters try again as there are free slots */
	private wake(): void {
		for (let free = Math.floor(this.limit) - this.active; free > 0 && this.waiters.length; free--) {
			const next = this.waiters.shift();
			if (next) next();
		}
	}
}

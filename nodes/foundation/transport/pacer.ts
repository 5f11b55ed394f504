import { sleep } from 'n8n-workflow';

/**
 * Takes turns at preparing items (reading parameters, resolving expressions, building the request),
 * so that the network is looked at between them. Without it, when many answers arrive at once every
 * item in flight prepares its next request in one go and none of those requests leaves until all are
 * prepared: the items fall into step, alternating between "all busy" and "all waiting". With it, at
 * most `sliceMs` of preparation runs before the event loop gets a turn (sending what is ready,
 * reading what has arrived).
 */
export class Pacer {
	private busy = false;

	private readonly queue: Array<() => void> = [];

	private used = 0;

	private since = 0;

	private pausing = false;

	constructor(private readonly sliceMs = 1) {}

	/** waits for this item's turn to prepare; the caller must call leave() */
	async enter(): Promise<void> {
		if (!this.busy && this.queue.length === 0 && this.used < this.sliceMs) {
			this.take();
			return;
		}
		await new Promise<void>((resolve) => {
			this.queue.push(resolve);
			this.next();
		});
	}

	/** the item's request is on its way (or the item is done): the next one may prepare */
	leave(): void {
		this.used += performance.now() - this.since;
		this.busy = false;
		this.next();
	}

	private take(): void {
		this.busy = true;
		this.since = performance.now();
	}

	private next(): void {
		if (this.busy || this.pausing || this.queue.length === 0) return;
		if (this.used < this.sliceMs) {
			const resolve = this.queue.shift() as () => void;
			this.take();
			resolve();
			return;
		}
		// this slice is used up: let the event loop send and receive before the next one
		this.pausing = true;
		void sleep(0).then(() => {
			this.pausing = false;
			this.used = 0;
			this.next();
		});
	}
}

import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import { noop } from './deadline';
import { Limiter } from './limiter';
import { Pacer } from './pacer';
import type { Context } from './types';

/*
 * One execution's shared state: its credential session (decrypted once, token renewed once for
 * all), its limiter and pacer; and each item's own view of it, with the item's time limits.
 */

export const CREDENTIAL = 'mvmntOAuth2Api';
const PRODUCTION_BASE_URL = 'https://api.mvmnt.io/v1';

/** A per-item view of the execution context: the same functions, its own identity (for the item's retry clock). */
const EXECUTION = Symbol('execution');
const HOOKS = Symbol('itemHooks');

/** What an item's own view is told: its first request is about to leave. */
export interface ItemHooks {
	beforeSend?: () => void;
}

export function forItem<T extends object>(ctx: T, hooks: ItemHooks = {}): T {
	return new Proxy(ctx, {
		get(target, prop) {
			if (prop === EXECUTION) return target;
			if (prop === HOOKS) return hooks;
			const value = Reflect.get(target, prop, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/** Tells the item (if it is one) that a request of it is about to leave. */
export function beforeSend(ctx: object): void {
	(ctx as { [HOOKS]?: ItemHooks })[HOOKS]?.beforeSend?.();
}

function executionOf(ctx: object): object {
	return (ctx as { [EXECUTION]?: object })[EXECUTION] ?? ctx;
}

/** The credential, decrypted once per execution and shared by every request; its token is renewed in place. */
export interface Session {
	credentials: ICredentialsDecrypted;
	/** the same object as credentials.data: n8n writes a renewed token into it */
	data: ICredentialDataDecryptedObject;
	baseUrl: string;
	/** open while one request fetches a token: the others wait instead of each asking for one */
	gate?: Promise<void>;
}

export interface Execution {
	limiter: Limiter;
	/** items take turns at preparing their requests (see Pacer) */
	pacer?: Pacer;
	session?: Promise<Session>;
	/** once the token endpoint failed, the other items fail with the same error without asking again */
	tokenFailure?: { message: string; httpCode?: string };
}

const executions = new WeakMap<object, Execution>();

/** How the node's requests share MVMNT in one execution: items in flight and an optional fixed rate. */
export function configureExecution(ctx: Context, parallel: number, perSecond: number): void {
	executions.set(executionOf(ctx), { limiter: new Limiter(parallel, perSecond), pacer: parallel > 1 ? new Pacer() : undefined });
}

/** The execution's pacer; none when items run one at a time. */
export function pacerOf(ctx: Context): Pacer | undefined {
	return executions.get(executionOf(ctx))?.pacer;
}

export function executionStateOf(ctx: Context): Execution {
	const root = executionOf(ctx);
	let state = executions.get(root);
	if (!state) {
		// editor look-ups (list search) run outside execute(): a few requests at a time
		state = { limiter: new Limiter(4) };
		executions.set(root, state);
	}
	return state;
}

async function openSession(ctx: Context): Promise<Session> {
	const data = await ctx.getCredentials(CREDENTIAL);
	const ref = ctx.getNode().credentials?.[CREDENTIAL];
	const url = data.environment === 'custom' ? String(data.baseUrl ?? '').trim() : PRODUCTION_BASE_URL;
	return {
		credentials: { id: ref?.id ?? '', name: ref?.name ?? '', type: CREDENTIAL, data },
		data,
		baseUrl: url.replace(/\/+$/, ''),
	};
}

export function sessionOf(ctx: Context): Promise<Session> {
	const state = executionStateOf(ctx);
	if (!state.session) {
		const opened = openSession(ctx);
		state.session = opened;
		opened.catch(() => {
			if (state.session === opened) state.session = undefined;
		});
	}
	return state.session;
}

/**
 * Waits until a request may go: no token renewal under way and a free slot in the limiter. A request
 * that finds no token becomes the one that fetches it (n8n's preAuthentication runs inside it), and
 * opens the gate for the others when it is done. Returns the function that gives the slot back.
 */
export async function admit(session: Session, limiter: Limiter): Promise<{ release: () => void; startedAt: number }> {
	for (;;) {
		while (session.gate) await session.gate;
		const startedAt = await limiter.acquire();
		if (session.gate) {
			limiter.release();
			continue;
		}
		if (session.data.accessToken) return { release: () => limiter.release(), startedAt };
		let open = noop;
		session.gate = new Promise<void>((resolve) => {
			open = resolve;
		});
		return {
			startedAt,
			release: () => {
				session.gate = undefined;
				open();
				limiter.release();
			},
		};
	}
}

/** Time limits of one item: each request's timeout, and how long failures (retries, waits) may take in total. */
export interface Limits {
	timeoutMs: number;
	retryBudgetMs: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 60_000, retryBudgetMs: 120_000 };

export interface ItemClock extends Limits {
	/** time lost to failed attempts and waits since the last good answer */
	lostMs: number;
}

const clocks = new WeakMap<object, ItemClock>();

/** Starts an item's clock: the limits apply to every request the item makes until the next call. */
export function startItem(ctx: Context, limits: Limits): void {
	clocks.set(ctx, { ...limits, lostMs: 0 });
}

/** The item's clock; load-options calls have no item: each request gets fresh limits. */
export function clockOf(ctx: Context): ItemClock {
	return clocks.get(ctx) ?? { ...DEFAULT_LIMITS, lostMs: 0 };
}

import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { Limiter, Pacer } from './limiter';

export const CREDENTIAL = 'mvmntOAuth2Api';
const PRODUCTION_BASE_URL = 'https://api.mvmnt.io/v1';

/** How long we wait for MVMNT's rate limit at most (per retry), and how often we retry. */
const MAX_WAIT_MS = 30_000;
const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_SERVER_ERROR_RETRIES = 3;
/** a retry is only worth it with at least this much of the retry budget left for its answer */
const MIN_ATTEMPT_MS = 250;

/** Where requests come from: a node's execution, an editor look-up, or a trigger's poll. */
export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface MvmntRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** expected response: JSON (default) or raw bytes */
	binary?: boolean;
	accept?: string;
	/** answer 404 as a response instead of an error (lookups that may find nothing) */
	notFoundOk?: boolean;
	/** answer 409 as a response instead of an error (create-or-update races) */
	conflictOk?: boolean;
}

export interface MvmntResponse {
	status: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

// ------------------------------------------------------------------ one execution's shared state

/** A per-item view of the execution context: the same functions, its own identity (for the item's retry clock). */
const EXECUTION = Symbol('execution');

export function forItem<T extends object>(ctx: T): T {
	return new Proxy(ctx, {
		get(target, prop) {
			if (prop === EXECUTION) return target;
			const value = Reflect.get(target, prop, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

function executionOf(ctx: object): object {
	return (ctx as { [EXECUTION]?: object })[EXECUTION] ?? ctx;
}

/** The credential, decrypted once per execution and shared by every request; its token is renewed in place. */
interface Session {
	credentials: ICredentialsDecrypted;
	/** the same object as credentials.data: n8n writes a renewed token into it */
	data: ICredentialDataDecryptedObject;
	baseUrl: string;
	/** open while one request fetches a token: the others wait instead of each asking for one */
	gate?: Promise<void>;
}

interface Execution {
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

/** items (their own context views) that hold the pacer's turn */
const preparing = new WeakSet<object>();

/** Waits for the item's turn to prepare its request; itemPrepared() ends the turn. */
export async function prepareItem(ctx: Context): Promise<void> {
	const pacer = executions.get(executionOf(ctx))?.pacer;
	if (!pacer) return;
	await pacer.enter();
	preparing.add(ctx);
}

/** The item's first request is on its way, or the item ended: the next item may prepare. */
export function itemPrepared(ctx: Context): void {
	if (preparing.delete(ctx)) executions.get(executionOf(ctx))?.pacer?.leave();
}

function executionStateOf(ctx: Context): Execution {
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

function sessionOf(ctx: Context): Promise<Session> {
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
async function admit(session: Session, limiter: Limiter): Promise<{ release: () => void; startedAt: number }> {
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

function statusOf(error: unknown): number | undefined {
	const e = error as {
		httpCode?: string;
		response?: { status?: number };
		cause?: { response?: { status?: number }; status?: number };
		status?: number;
	};
	const status = e.response?.status ?? e.cause?.response?.status ?? e.status ?? Number(e.httpCode);
	return Number.isFinite(status) ? status : undefined;
}

function headersOf(error: unknown): Record<string, unknown> {
	const e = error as {
		response?: { headers?: Record<string, unknown> };
		cause?: { response?: { headers?: Record<string, unknown> } };
	};
	return e.response?.headers ?? e.cause?.response?.headers ?? {};
}

function bodyOf(error: unknown): unknown {
	const e = error as {
		response?: { data?: unknown; body?: unknown };
		cause?: { response?: { data?: unknown; body?: unknown }; error?: unknown };
		error?: unknown;
	};
	let body =
		e.response?.data ?? e.response?.body ?? e.cause?.response?.data ?? e.cause?.response?.body ?? e.cause?.error;
	if (body instanceof Buffer) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

/** Milliseconds MVMNT asks us to wait, from `Retry-After` (seconds or date) or `X-RateLimit-Reset` (epoch s). */
export function retryDelayMs(headers: Record<string, unknown>, attempt: number, now = Date.now()): number {
	const get = (name: string) => {
		const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
		return key === undefined ? undefined : String(headers[key]);
	};
	const retryAfter = get('retry-after');
	let ms: number | undefined;
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
	} else {
		const reset = Number(get('x-ratelimit-reset'));
		if (Number.isFinite(reset) && reset > 0) ms = reset * 1000 - now;
	}
	if (ms === undefined || !Number.isFinite(ms)) ms = 1000 * 2 ** attempt;
	return Math.min(Math.max(ms, 0), MAX_WAIT_MS);
}

interface ErrorEnvelope {
	error?: string;
	message?: string;
	details?: Array<{ field?: string; message?: string }>;
	title?: string;
	detail?: string;
	errors?: Array<{ field?: string; pointer?: string; message?: string; detail?: string }> | Record<string, unknown>;
	status?: number;
}

/** MVMNT's `{error, message, details[]}` envelope or an RFC 7807 problem → readable message + description. */
export function describeApiError(status: number | undefined, body: unknown, request?: string): { message: string; description?: string } {
	const b = (body && typeof body === 'object' ? body : {}) as ErrorEnvelope;
	const details: string[] = [];
	for (const d of Array.isArray(b.details) ? b.details : []) {
		details.push(clip(d.field ? `${d.field}: ${d.message ?? 'invalid'}` : String(d.message)));
	}
	if (Array.isArray(b.errors)) {
		for (const d of b.errors) {
			const field = d.field ?? d.pointer;
			const text = d.message ?? d.detail ?? 'invalid';
			details.push(clip(field ? `${field}: ${text}` : text));
		}
	}
	const said = b.message ?? b.detail ?? b.title ?? (typeof body === 'string' && body ? body : undefined);
	const what = said === undefined ? undefined : clip(String(said));
	const code = b.error ? ` (${b.error})` : '';
	let message: string;
	if (status === 401) {
		message = `MVMNT rejected the access token${code}: check the credential`;
	} else if (status === 404) {
		message = `Not found: ${what ?? 'MVMNT has no record with that ID or key'}`;
	} else if (status === 409) {
		message = `Conflict${code}: ${what ?? 'the record clashes with an existing one'}`;
	} else if (status === 429) {
		message = `MVMNT's rate limit was still exceeded after ${MAX_RATE_LIMIT_RETRIES} retries`;
	} else {
		message = `MVMNT ${status ? `answered ${status}` : 'request failed'}${request ? ` to ${request}` : ''}${code}: ${what ?? 'no details given'}`;
	}
	if (details.length) message += ` — ${details.join('; ')}`;
	// the details are in the message already: the description adds only MVMNT's error code
	const description = b.error ? `MVMNT error code: ${b.error}` : undefined;
	return { message, description };
}

/** At most this many characters of any value (ours, the user's or MVMNT's) go into a message. */
export const QUOTE_MAX = 200;

/** A value for an error message: quoted, cut to QUOTE_MAX characters with the full length named. */
export function quote(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = value;
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	}
	// lone surrogates would make the message itself malformed
	const clean = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
	if (clean.length <= QUOTE_MAX) return `"${clean}"`;
	return `"${clean.slice(0, QUOTE_MAX)}…" (${clean.length.toLocaleString('en-US')} characters)`;
}

/** A whole number option within bounds (the default when not set); anything else is an error naming the option. */
export function wholeNumber(node: INode, value: unknown, label: string, fallback: number, min: number, max: number): number {
	if (value === undefined || value === '') return fallback;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	if (!Number.isInteger(n) || n < min || n > max) {
		throw new NodeOperationError(node, `${label} must be a whole number from ${min} to ${max}, got ${quote(value)}`);
	}
	return n;
}

function clip(text: string): string {
	return text.length <= QUOTE_MAX ? text : `${text.slice(0, QUOTE_MAX)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** Failures of the credential's token request carry our own, already clear message. */
function isTokenFailure(error: unknown): boolean {
	return /MVMNT rejected the credentials|MVMNT rejected the token request|token endpoint/.test(messageOf(error));
}

function messageOf(error: unknown): string {
	return String((error as { message?: unknown })?.message ?? '');
}

/** The low-level error code (ECONNRESET, ECONNABORTED, …) anywhere in the cause chain. */
function codeOf(error: unknown): string | undefined {
	let e = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
		e = e.cause as typeof e;
	}
	return undefined;
}

/** Connection failures where the request certainly never reached MVMNT. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/** Time limits of one item: each request's timeout, and how long failures (retries, waits) may take in total. */
export interface Limits {
	timeoutMs: number;
	retryBudgetMs: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 60_000, retryBudgetMs: 120_000 };

interface ItemClock extends Limits {
	/** time lost to failed attempts and waits since the last good answer */
	lostMs: number;
}

const clocks = new WeakMap<object, ItemClock>();

/** Starts an item's clock: the limits apply to every request the item makes until the next call. */
export function startItem(ctx: Context, limits: Limits): void {
	clocks.set(ctx, { ...limits, lostMs: 0 });
}

/** Errors after which a write may or may not have been applied by MVMNT. */
const unknownOutcomes = new WeakSet<object>();

export function isUnknownOutcome(error: unknown): boolean {
	return typeof error === 'object' && error !== null && unknownOutcomes.has(error);
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** An answer with an error status, in the shape n8n's request errors have (`response.status`, `.data`, `.headers`). */
class HttpStatusError extends Error {
	readonly response: { status: number; data: unknown; headers: Record<string, string> };

	constructor(status: number, body: unknown, headers: Record<string, string> | undefined) {
		super(`Request failed with status code ${status}`);
		this.response = { status, data: body instanceof ArrayBuffer ? Buffer.from(body) : body, headers: headers ?? {} };
	}
}

class Failure {
	constructor(
		/** what went wrong, for the message */
		readonly what: string,
		/** worth another try for a read */
		readonly transient: boolean,
		/** the request may have reached MVMNT (matters for writes) */
		readonly maybeApplied: boolean,
		readonly status?: number,
		readonly error?: unknown,
	) {}
}

function tokenError(ctx: Context, failure: { message: string; httpCode?: string }): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: failure.message } as JsonObject, {
		message: failure.message,
		httpCode: failure.httpCode,
	});
}

function toNodeApiError(ctx: Context, error: unknown, what?: string): NodeApiError {
	const status = statusOf(error);
	const body = bodyOf(error);
	const own = messageOf(error);
	if (status === undefined && !body) {
		return new NodeApiError(ctx.getNode(), { message: clip(own) } as JsonObject, {
			message: `Could not reach MVMNT: ${clip(own) || 'network error'}`,
		});
	}
	const { message, description } = describeApiError(status, body, what);
	return new NodeApiError(ctx.getNode(), (body && typeof body === 'object' ? body : { message: clip(own) }) as JsonObject, {
		message: clip(message),
		description: description === undefined ? undefined : clip(description),
		httpCode: status ? String(status) : undefined,
	});
}

/** A request's deadline: when it passes, `expire` fails the request. */
interface Deadline {
	at: number;
	expire: () => void;
}

/** How often pending deadlines are checked: one timer for all requests in flight, not one each. */
const DEADLINE_TICK_MS = 25;
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

/** Races `work` against the request timeout (checked every DEADLINE_TICK_MS). */
async function withDeadline<T>(work: Promise<T>, ms: number, what: string, limit: string): Promise<T> {
	let deadline: Deadline | undefined;
	const expired = new Promise<never>((_resolve, reject) => {
		deadline = {
			at: Date.now() + ms,
			expire: () => reject(new Failure(`no complete answer to ${what} within ${seconds(ms)} (${limit})`, true, true)),
		};
	});
	const pending = deadline as Deadline;
	deadlines.add(pending);
	if (!watching) void watchDeadlines();
	// whichever loses the race must not become an unhandled rejection
	work.then(noop, noop);
	expired.then(noop, noop);
	try {
		return await Promise.race([work, expired]);
	} finally {
		deadlines.delete(pending);
	}
}

function noop(): void {}

/** A 2xx answer whose body is not what a JSON operation returns. */
function checkBody(status: number, body: unknown, what: string, isRead: boolean): unknown {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') {
			if (isRead && status !== 204) throw new Failure(`MVMNT answered ${status} to ${what} with an empty body`, true, true, status);
			return undefined;
		}
		let parsed: unknown;
		let valid = true;
		try {
			parsed = JSON.parse(text) as unknown;
		} catch {
			valid = false;
		}
		if (valid) return parsed;
		const html = /^<(!doctype|html|\?xml|head|body)/i.test(text) ? ' (an HTML page, e.g. from a proxy or maintenance page)' : '';
		throw new Failure(`MVMNT answered ${status} to ${what} with a body that is not JSON${html}: ${quote(text)}`, true, true, status);
	}
	if (body === undefined || body === null) {
		if (isRead && status !== 204) throw new Failure(`MVMNT answered ${status} to ${what} with an empty body`, true, true, status);
		return undefined;
	}
	return body;
}

function classify(error: unknown, what: string): Failure {
	if (error instanceof Failure) return error;
	const status = statusOf(error);
	const code = codeOf(error);
	if (status !== undefined && status >= 400) {
		return new Failure(`MVMNT answered ${status} to ${what}`, status >= 500, status >= 500, status, error);
	}
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(messageOf(error));
	const cut = status !== undefined || /aborted|premature|terminated/i.test(messageOf(error));
	const reset = code === 'ECONNRESET' || code === 'EPIPE' || /hang up|closed unexpectedly/i.test(messageOf(error));
	let cause: string;
	if (timedOut) cause = `MVMNT stopped sending its answer to ${what} (no data within the Timeout)`;
	else if (cut) cause = `MVMNT's answer to ${what} was cut off before its end`;
	else if (reset) cause = `The connection to MVMNT was reset during ${what}`;
	else if (code === 'ECONNREFUSED') cause = `Could not reach MVMNT for ${what}: the connection was refused`;
	else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') cause = `Could not reach MVMNT for ${what}: its host name was not found`;
	else cause = `Could not reach MVMNT for ${what}: ${clip(messageOf(error)) || 'network error'}`;
	return new Failure(cause, true, !NOT_SENT.has(code ?? ''), undefined, error);
}

/** Reads are safe to repeat: GETs and the POST filter/search endpoints. */
function isReadRequest(req: MvmntRequest): boolean {
	return req.method === 'GET' || /\/(filter|search)$|^\/global-search$/.test(req.path);
}

/** The one way the node talks to MVMNT: auth, timeouts, retries on 429 and (for reads) on transient failures, error mapping. */
export async function mvmntRequest(ctx: Context, req: MvmntRequest): Promise<MvmntResponse> {
	itemPrepared(ctx);
	const state = executionStateOf(ctx);
	if (state.tokenFailure) throw tokenError(ctx, state.tokenFailure);
	const session = await sessionOf(ctx);
	const options: IHttpRequestOptions = {
		method: req.method,
		url: `${session.baseUrl}${req.path}`,
		qs: req.qs,
		returnFullResponse: true,
		// an error status comes back as an answer: n8n 1.x would otherwise renew the token once per
		// request in flight on a 401 (it has no preAuthenticationRetryStatusCode); we renew it once for all
		ignoreHttpStatusErrors: true,
		headers: { Accept: req.accept ?? 'application/json' },
	};
	if (req.body !== undefined) {
		options.body = req.body;
		options.json = true;
	} else if (!req.binary) {
		options.json = true;
	}
	if (req.binary) options.encoding = 'arraybuffer';
	const isRead = isReadRequest(req);
	const what = `${req.method} ${req.path}`;
	// load-options calls have no item: each request gets fresh limits
	const clock = clocks.get(ctx) ?? { ...DEFAULT_LIMITS, lostMs: 0 };
	const cancel = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	let rateLimited = 0;
	let serverErrors = 0;
	let attempts = 0;
	const begun = Date.now();
	let wait = 0;
	let renewed = false;
	for (;;) {
		attempts++;
		// a retry only gets what is left of the budget
		const timeoutMs = attempts === 1 ? clock.timeoutMs : Math.min(clock.timeoutMs, clock.retryBudgetMs - clock.lostMs);
		// our deadline (checked every DEADLINE_TICK_MS) is the one that applies and names the limit; n8n's own
		// timeout is only the backstop
		options.timeout = timeoutMs + 4 * DEADLINE_TICK_MS;
		const started = Date.now();
		let failure = new Failure(what, false, false);
		const slot = await admit(session, state.limiter);
		if (state.tokenFailure) {
			// the token request another item made meanwhile failed: the same answer, no new request
			slot.release();
			throw tokenError(ctx, state.tokenFailure);
		}
		const tokenSent = session.data.accessToken;
		try {
			// the decrypted credential is shared (n8n decrypts it once), and a 401 is ours to handle: see below
			const call = ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, options, {
				credentialsDecrypted: session.credentials,
				preAuthenticationRetryStatusCode: [],
			}) as Promise<{
				statusCode: number;
				body: unknown;
				headers: Record<string, string>;
			}>;
			const limit = timeoutMs === clock.timeoutMs ? 'Timeout option' : 'what was left of the Retry Time Budget';
			const response = await withDeadline(call, timeoutMs, what, limit);
			if (response.statusCode >= 400) throw new HttpStatusError(response.statusCode, response.body, response.headers);
			const body = req.binary ? response.body : checkBody(response.statusCode, response.body, what, isRead);
			clock.lostMs = 0;
			state.limiter.succeeded();
			return { status: response.statusCode, body, headers: response.headers ?? {} };
		} catch (error) {
			const status = error instanceof Failure ? undefined : statusOf(error);
			// the token expired or was revoked: renew it once, for every request in flight together
			if (status === 401 && !renewed && !isTokenFailure(error)) {
				renewed = true;
				attempts--;
				if (session.data.accessToken === tokenSent) session.data.accessToken = '';
				continue;
			}
			if ((status === 404 && req.notFoundOk) || (status === 409 && req.conflictOk)) {
				clock.lostMs = 0;
				return { status, body: bodyOf(error), headers: {} };
			}
			if (!(error instanceof Failure) && isTokenFailure(error)) {
				const message = clip(messageOf(error));
				const failed = { message, httpCode: /HTTP (\d{3})/.exec(message)?.[1] };
				state.tokenFailure = failed;
				throw tokenError(ctx, failed);
			}
			failure = classify(error, what);
			const status4xx = failure.status !== undefined && failure.status >= 400 && failure.status < 500;
			if (status4xx && failure.status !== 429) throw toNodeApiError(ctx, error);
			if (failure.status === 429 && rateLimited < MAX_RATE_LIMIT_RETRIES) {
				wait = retryDelayMs(headersOf(error), rateLimited);
				rateLimited++;
				// every request of the execution pauses, and fewer go at once for a while
				state.limiter.rateLimited(slot.startedAt, wait);
			} else if (failure.transient && isRead && failure.status !== 429 && serverErrors < MAX_SERVER_ERROR_RETRIES) {
				wait = Math.min(250 * 4 ** serverErrors, MAX_WAIT_MS);
				serverErrors++;
			} else {
				wait = -1;
			}
		} finally {
			slot.release();
		}
		clock.lostMs += Date.now() - started;
		// a retry needs time left for its own answer: the item never runs past Timeout + Retry Time Budget
		if (wait >= 0 && clock.retryBudgetMs - clock.lostMs - wait >= MIN_ATTEMPT_MS) {
			await sleep(wait, cancel);
			clock.lostMs += wait;
			continue;
		}
		throw finalError(ctx, req, failure, attempts, Date.now() - begun, clock, wait >= 0);
	}
}

/** The error after the last attempt: what happened, how often and for how long we tried, and for writes that the outcome is unknown. */
function finalError(
	ctx: Context,
	req: MvmntRequest,
	failure: Failure,
	attempts: number,
	elapsedMs: number,
	clock: ItemClock,
	outOfTime: boolean,
): NodeApiError {
	const base = failure.error !== undefined && (failure.status ?? 0) >= 400 ? toNodeApiError(ctx, failure.error, `${req.method} ${req.path}`) : undefined;
	let message = failure.status === 429 && !outOfTime ? (base?.message ?? failure.what) : failure.what;
	if (failure.status !== undefined && failure.status >= 500 && base) message = base.message;
	if (attempts > 1) {
		message += ` — gave up after ${attempts} attempts in ${seconds(elapsedMs)}${outOfTime ? ` (the retry time budget of ${seconds(clock.retryBudgetMs)} was used up)` : ''}`;
	}
	const unknown = !isReadRequest(req) && failure.maybeApplied;
	if (unknown) message += `. MVMNT may or may not have carried out this ${req.method}`;
	const error = new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: base?.description ?? undefined,
		httpCode: failure.status ? String(failure.status) : undefined,
	});
	// n8n swaps messages naming a network error code for a generic text: ours says more
	error.message = message;
	if (unknown) unknownOutcomes.add(error);
	return error;
}

/**
 * Moves file bytes to or from a pre-signed document URL. These URLs carry
 * their own signature: sending MVMNT's bearer token there is wrong, so this
 * is the one request that does not go through httpRequestWithAuthentication.
 */
export async function transferFile(
	ctx: IExecuteFunctions,
	options: Pick<IHttpRequestOptions, 'method' | 'url' | 'body' | 'headers' | 'encoding'>,
): Promise<unknown> {
	try {
		return await ctx.helpers.httpRequest({ ...options, json: false });
	} catch (error) {
		const status = statusOf(error);
		const mapped = new NodeApiError(ctx.getNode(), { message: (error as Error).message } as JsonObject, {
			message: `The document file transfer failed${status ? ` (HTTP ${status})` : ''}: the pre-signed URL may have expired`,
			httpCode: status ? String(status) : undefined,
		});
		throw mapped;
	}
}

import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { clip, quote } from '../quote';
import type { ItemClock } from './session';
import type { Context, MvmntRequest } from './types';

/*
 * What went wrong, in words: reading n8n's request errors, MVMNT's error bodies, and the error an
 * item fails with after its last attempt.
 */

/** Retries of a 429 before the request fails (named in the message). */
export const MAX_RATE_LIMIT_RETRIES = 5;

export function statusOf(error: unknown): number | undefined {
	const e = error as {
		httpCode?: string;
		response?: { status?: number };
		cause?: { response?: { status?: number }; status?: number };
		status?: number;
	};
	const status = e.response?.status ?? e.cause?.response?.status ?? e.status ?? Number(e.httpCode);
	return Number.isFinite(status) ? status : undefined;
}

export function headersOf(error: unknown): Record<string, unknown> {
	const e = error as {
		response?: { headers?: Record<string, unknown> };
		cause?: { response?: { headers?: Record<string, unknown> } };
	};
	return e.response?.headers ?? e.cause?.response?.headers ?? {};
}

export function bodyOf(error: unknown): unknown {
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

export function messageOf(error: unknown): string {
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

/** Errors after which a write may or may not have been applied by MVMNT. */
const unknownOutcomes = new WeakSet<object>();

export function isUnknownOutcome(error: unknown): boolean {
	return typeof error === 'object' && error !== null && unknownOutcomes.has(error);
}

export function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** An answer with an error status, in the shape n8n's request errors have (`response.status`, `.data`, `.headers`). */
export class HttpStatusError extends Error {
	readonly response: { status: number; data: unknown; headers: Record<string, string> };

	constructor(status: number, body: unknown, headers: Record<string, string> | undefined) {
		super(`Request failed with status code ${status}`);
		this.response = { status, data: body instanceof ArrayBuffer ? Buffer.from(body) : body, headers: headers ?? {} };
	}
}

export class Failure {
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
export function tokenError(ctx: Context, failure: { message: string; httpCode?: string }): NodeApiError {
	return new NodeApiError(ctx.getNode(), { message: failure.message } as JsonObject, {
		message: failure.message,
		httpCode: failure.httpCode,
	});
}

export function toNodeApiError(ctx: Context, error: unknown, what?: string): NodeApiError {
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

/** A 2xx answer whose body is not what a JSON operation returns. */
export function checkBody(status: number, body: unknown, what: string, isRead: boolean): unknown {
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

export function classify(error: unknown, what: string): Failure {
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
export function isReadRequest(req: MvmntRequest): boolean {
	return req.method === 'GET' || /\/(filter|search)$|^\/global-search$/.test(req.path);
}

/** The error after the last attempt: what happened, how often and for how long we tried, and for writes that the outcome is unknown. */
export function finalError(
	ctx: Context,
	req: MvmntRequest,
	failure: Failure,
	attempts: number,
	elapsedMs: number,
	clock: ItemClock,
	outOfTime: boolean,
	retryAfterMs?: number,
): NodeApiError {
	const base = failure.error !== undefined && (failure.status ?? 0) >= 400 ? toNodeApiError(ctx, failure.error, `${req.method} ${req.path}`) : undefined;
	let message = failure.status === 429 && !outOfTime ? (base?.message ?? failure.what) : failure.what;
	if (failure.status !== undefined && failure.status >= 500 && base) message = base.message;
	if (attempts > 1) {
		message += ` — gave up after ${attempts} attempts in ${seconds(elapsedMs)}${outOfTime ? ` (the retry time budget of ${seconds(clock.retryBudgetMs)} was used up)` : ''}`;
	}
	if (retryAfterMs !== undefined) message += `; try again in ${seconds(Math.max(retryAfterMs, 1000))} or later (MVMNT's rate limit)`;
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

import {
	NodeApiError,
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import { clip } from '../quote';
import { DEADLINE_TICK_MS, withDeadline } from './deadline';
import {
	Failure,
	HttpStatusError,
	MAX_RATE_LIMIT_RETRIES,
	bodyOf,
	checkBody,
	classify,
	finalError,
	headersOf,
	isReadRequest,
	messageOf,
	seconds,
	statusOf,
	toNodeApiError,
	tokenError,
} from './errors';
import { CREDENTIAL, admit, beforeSend, clockOf, executionStateOf, sessionOf, type Session } from './session';
import { tokenErrorIn } from './tokenError';
import type { Context, MvmntRequest, MvmntResponse } from './types';

/** How long we wait for MVMNT's rate limit at most (per retry), and how often we retry. */
const MAX_WAIT_MS = 30_000;
const MAX_SERVER_ERROR_RETRIES = 3;
/** a retry is only worth it with at least this much of the retry budget left for its answer */
const MIN_ATTEMPT_MS = 250;

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

/** The one way the node talks to MVMNT: auth, timeouts, retries on 429 and (for reads) on transient failures, error mapping. */
export async function mvmntRequest(ctx: Context, req: MvmntRequest): Promise<MvmntResponse> {
	beforeSend(ctx);
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
	const clock = clockOf(ctx);
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
			const response = await withDeadline(call, timeoutMs, () => new Failure(`no complete answer to ${what} within ${seconds(timeoutMs)} (${limit})`, true, true));
			if (response.statusCode >= 400) throw new HttpStatusError(response.statusCode, response.body, response.headers);
			const body = req.binary ? response.body : checkBody(response.statusCode, response.body, what, isRead);
			clock.lostMs = 0;
			state.limiter.succeeded();
			return { status: response.statusCode, body, headers: response.headers ?? {} };
		} catch (error) {
			const status = error instanceof Failure ? undefined : statusOf(error);
			const tokenFailed = error instanceof Failure ? undefined : tokenFailureIn(error, tokenSent, session);
			// the token expired or was revoked: renew it once, for every request in flight together
			if (status === 401 && !renewed && !tokenFailed) {
				renewed = true;
				attempts--;
				if (session.data.accessToken === tokenSent) session.data.accessToken = '';
				continue;
			}
			if ((status === 404 && req.notFoundOk) || (status === 409 && req.conflictOk)) {
				clock.lostMs = 0;
				return { status, body: bodyOf(error), headers: {} };
			}
			if (tokenFailed) {
				const failed = { message: clip(tokenFailed.message ?? messageOf(error)), httpCode: tokenFailed.reportedStatus };
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
		// a rate limit's error says when MVMNT expects the next request
		const retryAfterMs = failure.status === 429 ? retryDelayMs(headersOf(failure.error), rateLimited) : undefined;
		throw finalError(ctx, req, failure, attempts, Date.now() - begun, clock, wait >= 0, retryAfterMs);
	}
}

/**
 * The credential's token error, when the token request failed rather than the API request, with
 * the credential's own words (n8n may put its generic text for a status in the wrapper's message:
 * "Bad gateway - the service failed…"). n8n 2.x keeps the credential's error as the cause, found
 * by its type. n8n 1.x's NodeApiError drops a cause that is an Error, keeping its message first
 * in `messages`: there it is known by what happened — this request had to fetch a token and still
 * has none, so nothing was sent to the API.
 */
function tokenFailureIn(error: unknown, tokenSent: unknown, session: Session): { message?: string; reportedStatus?: string } | undefined {
	const typed = tokenErrorIn(error);
	if (typed) return { message: typed.message, reportedStatus: typed.reportedStatus };
	if (error instanceof HttpStatusError) return undefined;
	if (tokenSent || session.data.accessToken) return undefined;
	const first = (error as { messages?: unknown[] }).messages?.[0];
	return { message: typeof first === 'string' && first ? first : undefined };
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

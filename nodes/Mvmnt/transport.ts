import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

export const CREDENTIAL = 'mvmntOAuth2Api';
const PRODUCTION_BASE_URL = 'https://api.mvmnt.io/v1';

/** How long we wait for MVMNT's rate limit at most (per retry), and how often we retry. */
const MAX_WAIT_MS = 30_000;
const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_SERVER_ERROR_RETRIES = 3;

type Context = IExecuteFunctions | ILoadOptionsFunctions;

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

const baseUrlCache = new WeakMap<object, string>();

export async function baseUrlOf(ctx: Context): Promise<string> {
	const cached = baseUrlCache.get(ctx);
	if (cached) return cached;
	const credentials = await ctx.getCredentials(CREDENTIAL);
	const url =
		credentials.environment === 'custom'
			? String(credentials.baseUrl ?? '').trim()
			: PRODUCTION_BASE_URL;
	const clean = url.replace(/\/+$/, '');
	baseUrlCache.set(ctx, clean);
	return clean;
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
export function describeApiError(status: number | undefined, body: unknown): { message: string; description?: string } {
	const b = (body && typeof body === 'object' ? body : {}) as ErrorEnvelope;
	const details: string[] = [];
	for (const d of b.details ?? []) details.push(d.field ? `${d.field}: ${d.message ?? 'invalid'}` : String(d.message));
	if (Array.isArray(b.errors)) {
		for (const d of b.errors) {
			const field = d.field ?? d.pointer;
			const text = d.message ?? d.detail ?? 'invalid';
			details.push(field ? `${field}: ${text}` : text);
		}
	}
	const what = b.message ?? b.detail ?? b.title ?? (typeof body === 'string' && body ? body : undefined);
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
		message = `MVMNT ${status ? `answered ${status}` : 'request failed'}${code}: ${what ?? 'no details given'}`;
	}
	if (details.length) message += ` — ${details.join('; ')}`;
	// the details are in the message already: the description adds only MVMNT's error code
	const description = b.error ? `MVMNT error code: ${b.error}` : undefined;
	return { message, description };
}

/** Failures of the credential's token request carry our own, already clear message. */
function isTokenFailure(error: unknown): boolean {
	return /MVMNT rejected the credentials|token endpoint/.test((error as { message?: string }).message ?? '');
}

function toNodeApiError(ctx: Context, error: unknown): NodeApiError {
	const status = statusOf(error);
	const body = bodyOf(error);
	const own = (error as { message?: string }).message ?? '';
	if (isTokenFailure(error)) {
		return new NodeApiError(ctx.getNode(), { message: own } as JsonObject, { message: own, httpCode: '401' });
	}
	if (status === undefined && !body) {
		return new NodeApiError(ctx.getNode(), { message: own } as JsonObject, {
			message: `Could not reach MVMNT: ${own || 'network error'}`,
		});
	}
	const { message, description } = describeApiError(status, body);
	return new NodeApiError(ctx.getNode(), (body && typeof body === 'object' ? body : { message: own }) as JsonObject, {
		message,
		description,
		httpCode: status ? String(status) : undefined,
	});
}

/** The one way the node talks to MVMNT: auth, retries on 429 and (for reads) on 5xx, error mapping. */
export async function mvmntRequest(ctx: Context, req: MvmntRequest): Promise<MvmntResponse> {
	const options: IHttpRequestOptions = {
		method: req.method,
		url: `${await baseUrlOf(ctx)}${req.path}`,
		qs: req.qs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: false,
		headers: { Accept: req.accept ?? 'application/json' },
	};
	if (req.body !== undefined) {
		options.body = req.body;
		options.json = true;
	} else if (!req.binary) {
		options.json = true;
	}
	if (req.binary) options.encoding = 'arraybuffer';
	const isRead = req.method === 'GET' || /\/(filter|search)$|^\/global-search$/.test(req.path);
	let rateLimited = 0;
	let serverErrors = 0;
	for (;;) {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, options)) as {
				statusCode: number;
				body: unknown;
				headers: Record<string, string>;
			};
			return { status: response.statusCode, body: response.body, headers: response.headers ?? {} };
		} catch (error) {
			const status = statusOf(error);
			if ((status === 404 && req.notFoundOk) || (status === 409 && req.conflictOk)) {
				return { status, body: bodyOf(error), headers: {} };
			}
			if (status === 429 && rateLimited < MAX_RATE_LIMIT_RETRIES) {
				await sleep(retryDelayMs(headersOf(error), rateLimited));
				rateLimited++;
				continue;
			}
			// reads are safe to repeat: retry server errors and dropped connections
			const transient = (status === undefined && !isTokenFailure(error)) || (status !== undefined && status >= 500);
			if (transient && isRead && serverErrors < MAX_SERVER_ERROR_RETRIES) {
				await sleep(Math.min(250 * 4 ** serverErrors, MAX_WAIT_MS));
				serverErrors++;
				continue;
			}
			const mapped = toNodeApiError(ctx, error);
			throw mapped;
		}
	}
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

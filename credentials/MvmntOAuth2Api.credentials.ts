import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { MvmntTokenError } from '../nodes/foundation/transport/tokenError';

const PRODUCTION_BASE_URL = 'https://api.mvmnt.io/v1';
const PRODUCTION_TOKEN_URL = 'https://api.mvmnt.io/oauth2/token';

function tokenUrlOf(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.tokenUrl ?? '').trim();
	}
	return PRODUCTION_TOKEN_URL;
}

/** Token request attempts, per fetch: the first plus retries on 429, 5xx and dropped connections. */
const TOKEN_ATTEMPTS = 4;
const TOKEN_TIMEOUT_MS = 30_000;
const TOKEN_MAX_WAIT_MS = 10_000;

interface TokenFailure {
	/** the HTTP status, when the message names it */
	status?: number;
	message: string;
	retry: boolean;
	waitMs?: number;
}

function clip(text: string): string {
	return text.length <= 200 ? text : `${text.slice(0, 200)}…`;
}

/** A body that is not JSON, in a few words: an HTML error page (a proxy in front of MVMNT) by its title. */
function textOf(body: string): string | undefined {
	if (!/^\s*</.test(body)) return body.trim() || undefined;
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
	return title ? `an HTML page: ${title}` : 'an HTML page';
}

function describeTokenError(error: unknown): TokenFailure {
	const err = error as {
		response?: { status?: number; data?: unknown; body?: unknown; headers?: Record<string, unknown> };
		httpCode?: string;
		code?: string;
		cause?: { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; code?: string };
		message?: string;
	};
	const response = err.response ?? err.cause?.response;
	const rawStatus = response?.status ?? Number(err.httpCode);
	const status = Number.isFinite(rawStatus) && rawStatus > 0 ? rawStatus : undefined;
	let body = response?.data ?? (response as { body?: unknown } | undefined)?.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			// not JSON: keep the text
		}
	}
	const b = body && typeof body === 'object' ? (body as { error?: unknown; error_description?: unknown; message?: unknown }) : {};
	const code = String(b.error ?? '');
	if (code === 'invalid_client' || status === 401 || status === 403) {
		return {
			status,
			retry: false,
			message: `MVMNT rejected the credentials (${[code, status ? `HTTP ${status}` : ''].filter(Boolean).join(', ')}): check the Client ID and Client Secret, with no extra spaces`,
		};
	}
	if (code === 'invalid_grant') {
		return {
			retry: false,
			message: 'MVMNT rejected the token request (invalid_grant): the client-credentials grant is not enabled for this client',
		};
	}
	if (status) {
		const said = b.error_description ?? b.message ?? (typeof body === 'string' ? textOf(body) : undefined);
		const detail = [code, said === undefined ? '' : clip(String(said))].filter(Boolean).join(': ');
		const retryAfter = Number(response?.headers?.['retry-after']);
		return {
			status,
			retry: status === 429 || status >= 500,
			waitMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
			message: `MVMNT's token endpoint answered HTTP ${status}${detail ? ` (${detail})` : ''}${
				status === 404 || status === 405 ? ': check the token URL of the credential' : ''
			}`,
		};
	}
	// n8n replaces any message naming a network error code (ECONNRESET, …) with a generic text: say it in words
	const netCode = err.code ?? err.cause?.code;
	const words: Record<string, string> = {
		ECONNRESET: 'the connection was reset',
		EPIPE: 'the connection was reset',
		ECONNREFUSED: 'the connection was refused',
		ENOTFOUND: 'its host name was not found',
		EAI_AGAIN: 'its host name was not found',
		ETIMEDOUT: 'it did not answer in time',
		ECONNABORTED: 'it did not answer in time',
	};
	const said = (netCode && words[netCode]) ?? clip(String(err.message ?? 'unknown error').replace(/\bE[A-Z_]{3,}\b/g, '').trim());
	return { retry: true, message: `Could not reach MVMNT's token endpoint: ${said || 'network error'}` };
}

export class MvmntOAuth2Api implements ICredentialType {
	name = 'mvmntOAuth2Api';

	displayName = 'MVMNT OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/icons/mvmnt.svg',
		dark: 'file:../nodes/icons/mvmnt.dark.svg',
	};

	documentationUrl = 'https://docs.mvmnt.io/getting-started/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'production',
			description: 'Production uses api.mvmnt.io. Custom lets you point at a mock or test server.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/v1',
			required: true,
			description: 'API base URL, including the version path',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/oauth2/token',
			required: true,
			description: 'OAuth2 token endpoint of that server',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const url = tokenUrlOf(credentials);
		let response: { access_token?: unknown } = {};
		let failure: TokenFailure | undefined;
		// 429, 5xx and dropped connections are retried with a bounded backoff; the last answer is reported as it was
		for (let attempt = 1; attempt <= TOKEN_ATTEMPTS; attempt++) {
			try {
				response = (await this.helpers.httpRequest({
					method: 'POST',
					url,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({
						grant_type: 'client_credentials',
						client_id: String(credentials.clientId ?? '').trim(),
						client_secret: String(credentials.clientSecret ?? '').trim(),
					}).toString(),
					json: true,
					timeout: TOKEN_TIMEOUT_MS,
				})) as { access_token?: unknown };
				failure = undefined;
				break;
			} catch (error) {
				failure = describeTokenError(error);
			}
			if (!failure.retry || attempt === TOKEN_ATTEMPTS) break;
			await sleep(Math.min(failure.waitMs ?? 250 * 2 ** (attempt - 1), TOKEN_MAX_WAIT_MS));
		}
		if (failure !== undefined) {
			const message = failure.retry ? `${failure.message} (${TOKEN_ATTEMPTS} attempts)` : failure.message;
			throw new MvmntTokenError(message, failure.status === undefined ? undefined : String(failure.status));
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new MvmntTokenError("MVMNT's token endpoint answered without an access_token");
		}
		return { accessToken: response.access_token };
	}

	/**
	 * A function, not an expression: n8n evaluates `={{…}}` headers on every request. A property, not
	 * a method: n8n copies credential types with `{ ...type }` before it decides whether the HTTP
	 * Request node (and so Custom API Call) can use them, and such a copy keeps no methods.
	 */
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? $credentials.baseUrl : "${PRODUCTION_BASE_URL}"}}`,
			url: '/customers/filter',
			method: 'POST',
			body: { pageSize: 1 },
		},
	};
}

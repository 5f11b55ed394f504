import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

const PRODUCTION_BASE_URL = 'https://api.mvmnt.io/v1';
const PRODUCTION_TOKEN_URL = 'https://api.mvmnt.io/oauth2/token';

function tokenUrlOf(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.tokenUrl ?? '').trim();
	}
	return PRODUCTION_TOKEN_URL;
}

function describeTokenError(error: unknown): string {
	const err = error as {
		response?: { status?: number; data?: unknown; body?: unknown };
		httpCode?: string;
		cause?: { response?: { status?: number; data?: unknown } };
		message?: string;
	};
	const response = err.response ?? err.cause?.response;
	const status = response?.status ?? Number(err.httpCode);
	let body = response?.data ?? (response as { body?: unknown } | undefined)?.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			// not JSON: keep the text
		}
	}
	const code =
		body && typeof body === 'object' ? String((body as { error?: unknown }).error ?? '') : '';
	if (code === 'invalid_client' || status === 401 || status === 403) {
		return 'MVMNT rejected the credentials (invalid_client): check the Client ID and Client Secret, with no extra spaces';
	}
	if (code === 'invalid_grant') {
		return 'MVMNT rejected the token request (invalid_grant): the client-credentials grant is not enabled for this client';
	}
	if (status) {
		return `MVMNT's token endpoint answered HTTP ${status}: check the token URL of the credential`;
	}
	return `Could not reach MVMNT's token endpoint: ${err.message ?? 'unknown error'}`;
}

export class MvmntOAuth2Api implements ICredentialType {
	name = 'mvmntOAuth2Api';

	displayName = 'MVMNT OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/Mvmnt/mvmnt.svg',
		dark: 'file:../nodes/Mvmnt/mvmnt.dark.svg',
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
		let failure: string | undefined;
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
			})) as { access_token?: unknown };
		} catch (error) {
			failure = describeTokenError(error);
		}
		if (failure !== undefined) throw new Error(failure);
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new Error("MVMNT's token endpoint answered without an access_token");
		}
		return { accessToken: response.access_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.environment === "custom" ? $credentials.baseUrl : "${PRODUCTION_BASE_URL}"}}`,
			url: '/customers/filter',
			method: 'POST',
			body: { pageSize: 1 },
		},
	};
}

import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

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

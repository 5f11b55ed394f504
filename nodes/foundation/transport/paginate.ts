import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';

import type { OperationDef } from '../catalog';
import { labelOf } from '../labels';
import { mvmntRequest } from './request';
import type { Context } from './types';

export interface Page {
	records: IDataObject[];
	/** token for the next page, undefined on the last one */
	next?: string;
}

interface ListBody {
	data?: IDataObject[];
	pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
	pagination?: {
		hasNextPage?: boolean;
		endCursor?: string | null;
		pageNumber?: number;
		totalPages?: number;
	};
}

/** A list answer that is not one: the paginator must never take it for the last page. */
export class PageShapeError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one page of any MVMNT list answer: cursor pages (`pageInfo` or `pagination`) or numbered pages.
 * Throws PageShapeError when the body lacks its `data` array or page info.
 */
export function readPage(body: unknown, style: OperationDef['pagination']): Page {
	if (Array.isArray(body)) return { records: body as IDataObject[] };
	if (!isObject(body) || !Array.isArray(body.data)) {
		throw new PageShapeError('the answer has no "data" list');
	}
	const b = body as ListBody;
	const records = b.data as IDataObject[];
	if (style === 'page') {
		if (!isObject(b.pagination)) throw new PageShapeError('the answer has no "pagination" information');
		const p = b.pagination;
		const page = Number(p.pageNumber ?? 1);
		const more = records.length > 0 && page < Number(p.totalPages ?? 0);
		return { records, next: more ? String(page + 1) : undefined };
	}
	const info = b.pageInfo ?? b.pagination;
	if (!isObject(info)) throw new PageShapeError('the answer has no "pageInfo" information');
	if (info.hasNextPage !== true) return { records };
	if (typeof info.endCursor !== 'string' || info.endCursor === '') {
		throw new PageShapeError('the answer says there are more pages but gives no cursor for the next one');
	}
	return { records, next: info.endCursor };
}

export interface PageRequest {
	op: OperationDef;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** undefined = all */
	limit?: number;
	pageSize: number;
	/**
	 * Streams the records page by page instead of collecting them (large scans); return false to
	 * stop before the next page. The paginator then returns no records.
	 */
	onPage?: (records: IDataObject[]) => boolean | void;
}

function count(n: number, one: string): string {
	return `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
}

/** The paginator's own errors, and the transport's with how far it got: nothing ends "successful" short. */
function stopped(
	ctx: Context,
	req: PageRequest,
	records: number,
	pages: number,
	cause: unknown,
): NodeApiError {
	const why = cause instanceof PageShapeError ? `MVMNT's answer to page ${pages + 1} is not a list page: ${cause.message}` : (cause as Error).message;
	const message = `${req.op.name} (${labelOf(req.op.resource)}) stopped after reading ${count(records, 'record')} in ${count(pages, 'page')}: ${why}`;
	const e = cause as { description?: string | null; httpCode?: string | null };
	const error = new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: e.description ?? undefined,
		httpCode: e.httpCode ?? undefined,
	});
	// n8n swaps messages naming a network error code for a generic text: ours says more
	error.message = message;
	return error;
}

/** The one paginator: follows cursors (in the body or the query) or page numbers until done or `limit` is reached. */
export async function paginate(
	ctx: Context,
	req: PageRequest,
	startToken?: string,
): Promise<{ records: IDataObject[]; next?: string }> {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	let pages = 0;
	/** records streamed to onPage */
	let read = 0;
	let token = startToken;
	for (;;) {
		// numbered pages need one fixed page size; cursor pages can shrink the last request
		const fixed = req.limit === undefined || req.op.pagination === 'page';
		const want = fixed ? req.pageSize : Math.min(req.pageSize, (req.limit as number) - out.length - read);
		const qs: IDataObject = { ...(req.qs ?? {}) };
		let body: IDataObject | undefined = req.body === undefined ? undefined : { ...req.body };
		if (req.op.pagination === 'cursorQuery') {
			qs.pageSize = want;
			if (token) qs.cursor = token;
		} else if (req.op.pagination === 'page') {
			body = { ...(body ?? {}), pagination: { pageNumber: token ? Number(token) : 1, pageSize: want } };
		} else {
			body = { ...(body ?? {}), pageSize: want };
			if (token) body.cursor = token;
		}
		let page: Page;
		try {
			const response = await mvmntRequest(ctx, {
				method: req.op.method,
				path: req.path,
				qs: Object.keys(qs).length ? qs : undefined,
				body,
			});
			page = readPage(response.body, req.op.pagination);
		} catch (error) {
			throw stopped(ctx, req, out.length + read, pages, error);
		}
		pages++;
		let stop = false;
		if (req.onPage) {
			read += page.records.length;
			stop = req.onPage(page.records) === false;
		} else {
			// one by one: spreading a page into push() is fine, but never the whole list (stack size)
			for (const record of page.records) out.push(record);
		}
		token = page.next;
		if (token !== undefined) {
			// a cursor seen before would page forever
			if (seen.has(token)) {
				throw stopped(ctx, req, out.length + read, pages, new Error(`MVMNT returned the same page cursor twice (${req.path})`));
			}
			seen.add(token);
		}
		if (!token || stop || (req.limit !== undefined && out.length + read >= req.limit)) {
			if (req.limit !== undefined && out.length > req.limit) out.length = req.limit;
			return { records: out, next: token };
		}
	}
}

import { NodeApiError, type IDataObject, type IExecuteFunctions, type ILoadOptionsFunctions, type JsonObject } from 'n8n-workflow';

import type { OperationDef } from './catalog';
import { mvmntRequest } from './transport';

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

/** Reads one page of any MVMNT list answer: cursor pages (`pageInfo` or `pagination`) or numbered pages. */
export function readPage(body: unknown, style: OperationDef['pagination']): Page {
	if (Array.isArray(body)) return { records: body as IDataObject[] };
	const b = (body ?? {}) as ListBody;
	const records = Array.isArray(b.data) ? b.data : [];
	if (style === 'page') {
		const p = b.pagination ?? {};
		const page = Number(p.pageNumber ?? 1);
		const more = records.length > 0 && page < Number(p.totalPages ?? 0);
		return { records, next: more ? String(page + 1) : undefined };
	}
	const info = b.pageInfo ?? b.pagination ?? {};
	const more = info.hasNextPage === true && typeof info.endCursor === 'string' && info.endCursor !== '';
	return { records, next: more ? (info.endCursor as string) : undefined };
}

export interface PageRequest {
	op: OperationDef;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** undefined = all */
	limit?: number;
	pageSize: number;
}

/** The one paginator: follows cursors (in the body or the query) or page numbers until done or `limit` is reached. */
export async function paginate(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	req: PageRequest,
	startToken?: string,
): Promise<{ records: IDataObject[]; next?: string }> {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	let token = startToken;
	for (;;) {
		// numbered pages need one fixed page size; cursor pages can shrink the last request
		const fixed = req.limit === undefined || req.op.pagination === 'page';
		const want = fixed ? req.pageSize : Math.min(req.pageSize, (req.limit as number) - out.length);
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
		const response = await mvmntRequest(ctx, {
			method: req.op.method,
			path: req.path,
			qs: Object.keys(qs).length ? qs : undefined,
			body,
		});
		const page = readPage(response.body, req.op.pagination);
		out.push(...page.records);
		token = page.next;
		if (token !== undefined) {
			// a cursor seen before would page forever
			if (seen.has(token)) {
				const message = `MVMNT returned the same page cursor twice (${req.path}); stopped after ${out.length} records`;
				throw new NodeApiError(ctx.getNode(), { message } as JsonObject, { message });
			}
			seen.add(token);
		}
		if (!token || (req.limit !== undefined && out.length >= req.limit)) {
			return { records: req.limit === undefined ? out : out.slice(0, req.limit), next: token };
		}
	}
}

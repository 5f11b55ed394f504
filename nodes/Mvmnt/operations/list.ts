import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { maxPageSizeOf, type OperationDef } from '../../foundation/catalog';
import { readFilter, withDeleted } from '../../foundation/filter/read';
import { fail, positiveInteger } from '../../foundation/input';
import { paginate } from '../../foundation/transport/paginate';

import { PARAMS } from '../fields/keys';
import type { RequestBuilder } from '../request/builder';
import { pairedItems } from './items';

/* Operations that read lists page by page: Get Many (with its filter), Search, cursor-paged lists. */

/** Get Many: the filter the user set, page by page up to Limit. */
export async function runGetAll(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	let filter = readFilter((name, fallback) => b.param(name, fallback), op, b.ctx.getTimezone());
	const options = b.param<IDataObject>(PARAMS.options, {});
	if (options.includeDeleted === true) {
		if (!op.filterFields?.some((f) => f.name === 'deletedAt')) fail(`MVMNT can't list deleted ${op.resource} records`);
		filter = withDeleted(filter);
	}
	const max = maxPageSizeOf(op);
	const pageSize = Math.min(options.pageSize === undefined ? max : positiveInteger(options.pageSize, 'Page Size'), max);
	const { records } = await paginate(b.ctx, { op, path: op.path, body: filter ? { filter } : {}, limit: limitOf(b), pageSize });
	return pairedItems(records, i);
}

/** Search and cursor-paged lists: the path and query set, page by page up to Limit. */
export async function runPaged(b: RequestBuilder, op: OperationDef, path: string, qs: IDataObject, i: number): Promise<INodeExecutionData[]> {
	const searchBody = op.kind === 'search' ? await searchBodyOf(b, op) : undefined;
	const { records } = await paginate(b.ctx, {
		op,
		path,
		qs,
		body: searchBody,
		limit: limitOf(b),
		pageSize: maxPageSizeOf(op),
	});
	return pairedItems(records, i);
}

/** Return All → no limit; otherwise Limit, a whole number ≥ 1. */
function limitOf(b: RequestBuilder): number | undefined {
	return b.param<boolean>(PARAMS.returnAll, false) ? undefined : positiveInteger(b.param(PARAMS.limit, 50), 'Limit');
}

async function searchBodyOf(b: RequestBuilder, op: OperationDef): Promise<IDataObject> {
	if (!op.body?.length) return {};
	// search bodies follow the create rules: required fields top level, the rest optional
	return (await b.body({ ...op, kind: 'action' })) ?? {};
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { OperationDef } from '../../foundation/catalog';
import { fail } from '../../foundation/input';
import { quote } from '../../foundation/quote';
import { mvmntRequest } from '../../foundation/transport/request';
import type { MvmntRequest } from '../../foundation/transport/types';

import { PARAMS } from '../fields/keys';
import type { RequestBuilder } from '../request/builder';
import { reportFile } from './binary';
import { createOnce } from './create';
import { pairedItems } from './items';
import { runPaged } from './list';

/**
 * One request from the path, query and body set (Get, Create, Update, Delete, actions, reports);
 * Search and cursor-paged lists go on to the paginator, creates to createOnce().
 */
export async function runSingle(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const { path, qs, id } = await b.path(op);
	const body = op.kind === 'search' || op.kind === 'getAll' ? undefined : await b.body(op);
	if (op.kind === 'search' || op.pagination === 'cursorQuery') return await runPaged(b, op, path, qs, i);
	const format = op.binaryTypes?.length ? b.param<string>(PARAMS.format, 'application/json') : 'application/json';
	const binary = format !== 'application/json';
	const request: MvmntRequest = {
		method: op.method,
		path,
		qs: Object.keys(qs).length ? qs : undefined,
		body,
		binary,
		accept: binary ? format : undefined,
	};
	if (op.kind === 'create') {
		const key = typeof body?.key === 'string' ? body.key : undefined;
		const { response, recovered } = await createOnce(b, op, request, key);
		return pairedItems([recovered ?? (response?.body as IDataObject)], i);
	}
	const response = await mvmntRequest(b.ctx, request);
	if (binary) return await reportFile(b, op, response, format, id, i);
	if (op.kind === 'delete') return pairedItems([{ deleted: true, id: id ?? null }], i);
	const out = response.body;
	if (out === undefined || out === null || out === '') return pairedItems([{ success: true, ...(id ? { id } : {}) }], i);
	if (Array.isArray(out)) return pairedItems(out as IDataObject[], i);
	if (typeof out !== 'object') fail(`MVMNT answered ${op.method} ${path} with ${quote(out)} where a record was expected`);
	const data = (out as IDataObject).data;
	if (op.kind === 'list' && Array.isArray(data)) return pairedItems(data as IDataObject[], i);
	return pairedItems([out as IDataObject], i);
}

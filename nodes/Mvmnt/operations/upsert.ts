import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { findOperation, type OperationDef } from '../../foundation/catalog';
import { fail, segment, segmentOrEmpty } from '../../foundation/input';
import { quote } from '../../foundation/quote';
import { mvmntRequest } from '../../foundation/transport/request';

import { PARAMS } from '../fields/keys';
import type { RequestBuilder } from '../request/builder';
import { createOnce } from './create';
import { pairedItems } from './items';

/** Create or Update by client key: update when the key exists, else create; a lost create race falls back to update. */
export async function runUpsert(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const key = String(segmentOrEmpty(b.param(PARAMS.key, ''), 'Client Key'));
	if (!key) fail('Client Key is required: it decides whether to create or update');
	// a stored record may be updated: what is set is sent, MVMNT's create-time defaults included
	const fields = await b.body({ ...op, kind: 'create' }, true);
	const update = findOperation(op.resource, 'update') as OperationDef;
	const updatable = new Set((update.body ?? []).map((f) => f.name));
	const patch = async (record: IDataObject) => {
		const notUpdatable = Object.keys(fields ?? {}).filter((k) => !updatable.has(k));
		const body: IDataObject = {};
		for (const [k, v] of Object.entries(fields ?? {})) if (updatable.has(k)) body[k] = v;
		const response = await mvmntRequest(b.ctx, {
			method: update.method,
			path: update.path.replace('{id}', encodeURIComponent(segment(record.id, 'The ID MVMNT returned'))),
			body,
		});
		const json = response.body as IDataObject;
		return notUpdatable.length ? { ...json, notUpdated: notUpdatable } : json;
	};
	const existing = await b.getByKey(op.resource, key);
	if (existing) return pairedItems([await patch(existing)], i);
	const { response: created, recovered } = await createOnce(
		b,
		op,
		{ method: op.method, path: op.path, body: { ...(fields ?? {}), key }, conflictOk: true },
		key,
	);
	if (recovered) return pairedItems([recovered], i);
	if (created?.status !== 409) return pairedItems([created?.body as IDataObject], i);
	const winner = await b.getByKey(op.resource, key);
	if (!winner) fail(`MVMNT reported a duplicate for client key ${quote(key)} but has no record with it`);
	return pairedItems([await patch(winner)], i);
}

import type { OperationDef } from './types';

/*
 * Operations that go beyond single API calls, derived from the API's own
 * entries so the facts (paths, fields) stay in one place.
 */

const article = (noun: string) => (/^(?:[aeio]|un)/i.test(noun) ? 'an' : 'a');

/** Create or Update by client key, for every resource with create, update, get and a `key` field. */
export function upsertOperations(ops: OperationDef[]): OperationDef[] {
	const find = (resource: string, operation: string) =>
		ops.find((op) => op.resource === resource && op.operation === operation);
	return ops
		.filter((op) => op.operation === 'create' && op.body?.some((f) => f.name === 'key'))
		.filter((op) => find(op.resource, 'update') && find(op.resource, 'get'))
		.map((create) => {
			const noun = create.action.replace(/^Create (an? )?/, '');
			return {
				...create,
				operation: 'upsert',
				name: 'Create or Update',
				action: `Create or update ${article(noun)} ${noun} by client key`,
				kind: 'upsert' as const,
				operationId: undefined,
				body: create.body?.filter((f) => f.name !== 'key'),
			};
		});
}

const FROM_FILE = ['fileName', 'contentType', 'fileSize'];

/** Document Upload / Download: the record plus its file, in one step each. */
export function documentFileOperations(ops: OperationDef[]): OperationDef[] {
	const create = ops.find((op) => op.resource === 'document' && op.operation === 'create');
	const get = ops.find((op) => op.resource === 'document' && op.operation === 'get');
	if (!create || !get) return [];
	return [
		{
			...create,
			operation: 'upload',
			name: 'Upload',
			action: 'Upload a file as a document',
			kind: 'upload',
			operationId: undefined,
			body: create.body?.filter((f) => !FROM_FILE.includes(f.name)),
		},
		{
			...get,
			operation: 'download',
			name: 'Download',
			action: 'Download the file of a document',
			kind: 'download',
			operationId: undefined,
		},
	];
}

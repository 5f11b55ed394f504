import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { OPERATIONS, listOperationOf } from './catalog';
import { listSearchMethodName } from './description';
import { paginate } from './paginate';

const SEARCH_FIELDS = ['name', 'friendlyId', 'fileName', 'email', 'lastName', 'key'];
const TITLE_FIELDS = ['name', 'friendlyId', 'fileName', 'email', 'key'];

function titleOf(record: IDataObject): string {
	const title = TITLE_FIELDS.map((f) => record[f]).find((v) => typeof v === 'string' && v !== '');
	const friendly = record.friendlyId && record.friendlyId !== title ? ` (${String(record.friendlyId)})` : '';
	return `${String(title ?? record.id)}${friendly}`;
}

/** One list-search function per resource that has Get Many, all built the same way. */
function makeListSearch(resource: string) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const op = listOperationOf(resource)!;
		const text = filter?.trim();
		let body: IDataObject = {};
		if (text) {
			const field = SEARCH_FIELDS.map((f) => op.filterFields?.find((x) => x.name === f)).find(
				(f) => f && (f.ops.includes('includes') || f.ops.includes('startsWith') || f.ops.includes('equalTo')),
			);
			if (field) {
				const operator = ['includes', 'startsWith', 'equalTo'].find((o) => field.ops.includes(o))!;
				body = { filter: { [field.name]: { [operator]: text } } };
			}
		}
		const page = await paginate(this, { op, path: op.path, body, limit: 50, pageSize: 50 }, paginationToken);
		return {
			results: page.records.map((r) => ({ name: titleOf(r), value: String(r.id) })),
			paginationToken: page.next,
		};
	};
}

export const listSearch: Record<string, ReturnType<typeof makeListSearch>> = Object.fromEntries(
	[...new Set(OPERATIONS.map((op) => op.resource))]
		.filter((resource) => listOperationOf(resource))
		.map((resource) => [listSearchMethodName(resource), makeListSearch(resource)]),
);

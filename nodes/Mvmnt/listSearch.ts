import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { OPERATIONS, listOperationOf } from '../foundation/catalog';
import { labelOf, optionLabel } from '../foundation/labels';
import { paginate } from '../foundation/transport/paginate';

import { listSearchMethodName } from './fields/locator';

/** Fields the search text is matched against (each one the list filter offers), any of them matching. */
const SEARCH_FIELDS = ['name', 'friendlyId', 'key', 'fileName', 'email', 'lastName', 'companyName'];
/** The search operators in order of preference: a part of the text, its start, the whole text. */
const SEARCH_OPERATORS = ['includes', 'startsWith', 'equalTo'];
const TITLE_FIELDS = ['name', 'companyName', 'fileName', 'email', 'friendlyId', 'key'];

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A picker entry: `Acme Freight (CUS-000003, Inactive, key ERP-7)` — the name, then the friendly ID,
 * the status and the client key when the record has them. When the search text is found only in a
 * field the entry would not show (the key, an email), that field leads: `Key ERP-7: Acme Freight (…)`.
 */
export function titleOf(record: IDataObject, search?: string): string {
	const title = TITLE_FIELDS.map((f) => str(record[f])).find(Boolean);
	const friendlyId = str(record.friendlyId) !== title ? str(record.friendlyId) : undefined;
	const key = str(record.key) !== title ? str(record.key) : undefined;
	const wanted = search?.trim().toLowerCase();
	const has = (v: string | undefined) => wanted !== undefined && wanted !== '' && v !== undefined && v.toLowerCase().includes(wanted);
	// the field the search hit, when the entry's name and friendly ID don't show why it was found
	const hit = has(title) || has(friendlyId) ? undefined : SEARCH_FIELDS.find((f) => has(str(record[f])));
	// the status before the key: the picker cuts long entries at the end
	const extra = [
		friendlyId,
		str(record.status) ? optionLabel(String(record.status)) : undefined,
		key && hit !== 'key' ? `key ${key}` : undefined,
	].filter(Boolean);
	const entry = `${title ?? String(record.id)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
	return hit ? `${labelOf(hit)} ${String(record[hit])}: ${entry}` : entry;
}

/** The list filter for a search text: every searchable field, any of them matching. */
export function searchFilter(resource: string, text: string): IDataObject | undefined {
	const fields = listOperationOf(resource)?.filterFields ?? [];
	const parts: IDataObject[] = [];
	for (const name of SEARCH_FIELDS) {
		const field = fields.find((f) => f.name === name);
		const operator = SEARCH_OPERATORS.find((o) => field?.ops.includes(o));
		if (field && operator) parts.push({ [name]: { [operator]: text } });
	}
	if (parts.length === 0) return undefined;
	return parts.length === 1 ? parts[0] : { or: parts };
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
		const where = text ? searchFilter(resource, text) : undefined;
		const body: IDataObject = where ? { filter: where } : {};
		const page = await paginate(this, { op, path: op.path, body, limit: 50, pageSize: 50 }, paginationToken);
		return {
			results: page.records.map((r) => ({ name: titleOf(r, text), value: String(r.id) })),
			paginationToken: page.next,
		};
	};
}

export const listSearch: Record<string, ReturnType<typeof makeListSearch>> = Object.fromEntries(
	[...new Set(OPERATIONS.map((op) => op.resource))]
		.filter((resource) => listOperationOf(resource))
		.map((resource) => [listSearchMethodName(resource), makeListSearch(resource)]),
);

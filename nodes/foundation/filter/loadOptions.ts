import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { findOperation } from '../catalog';
import { enumOptions, labelOf } from '../labels';
import { FILTER_FIELDS_METHOD, FILTER_VALUES_METHOD, filterFieldName, filterFieldValue } from './operators';

/* The filter form's dropdowns: a list's filter fields and a field's values, from the catalog (no API call). */

function filterFieldsOf(ctx: ILoadOptionsFunctions) {
	// the polling trigger has no Operation: its filter is the one of Get Many
	const resource = String(ctx.getCurrentNodeParameter('resource') ?? '');
	const operation = String(ctx.getCurrentNodeParameter('operation') ?? 'getAll');
	return findOperation(resource, operation)?.filterFields ?? [];
}

/** The fields people filter by most, first and in this order; the rest follow alphabetically. */
export const FIRST_FILTER_FIELDS = ['status', 'name', 'friendlyId', 'key', 'createdAt', 'updatedAt'];

/** The fields the operation's list filter takes, from the catalog (no API call): the common ones first. */
async function getFilterFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rank = (name: string) => {
		const i = FIRST_FILTER_FIELDS.indexOf(name);
		return i < 0 ? FIRST_FILTER_FIELDS.length : i;
	};
	return filterFieldsOf(this)
		.map((f) => ({ rank: rank(f.name), name: labelOf(f.name), value: filterFieldValue(f) }))
		.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
		.map(({ name, value }) => ({ name, value }));
}

/** The values of the filter field picked in a condition, from the catalog (no API call). */
async function getFilterValues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const name = filterFieldName(String(this.getCurrentNodeParameter('&field') ?? ''));
	return enumOptions(filterFieldsOf(this).find((f) => f.name === name)?.options ?? []);
}

export const loadOptions = { [FILTER_FIELDS_METHOD]: getFilterFields, [FILTER_VALUES_METHOD]: getFilterValues };

import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_SIMPLE, SIMPLE_FIELDS, SIMPLE_REFERENCE } from './catalog/descriptions';

/* Simplify: the compact form of a record, for Get, Get Many, Search and the polling trigger. */

/** A reference inside a simplified record keeps only what names it. */
function simpleReference(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const out: IDataObject = {};
	for (const f of SIMPLE_REFERENCE) if ((value as IDataObject)[f] !== undefined) out[f] = (value as IDataObject)[f];
	return Object.keys(out).length ? out : value;
}

/** The compact form of a record: the fields its resource keeps (data in catalog/descriptions), references trimmed. */
export function simplifyRecord(resource: string, record: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const f of SIMPLE_FIELDS[resource] ?? DEFAULT_SIMPLE) {
		if (record[f] !== undefined) out[f] = simpleReference(record[f]) as IDataObject;
	}
	return Object.keys(out).length ? out : record;
}

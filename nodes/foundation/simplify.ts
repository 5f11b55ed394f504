import type { IDataObject } from 'n8n-workflow';

import { COMPACT_FIELDS, COMPACT_REFERENCE, DEFAULT_SIMPLE, SIMPLE_FIELDS, SIMPLE_REFERENCE } from './catalog/descriptions';
import { isObject } from './input';

/* Simplify: the compact form of a record, for Get, Get Many, Search and the polling trigger. */

/** The named fields of an object that it has. */
function pick(value: IDataObject, fields: string[]): IDataObject {
	const out: IDataObject = {};
	for (const f of fields) if (value[f] !== undefined) out[f] = value[f];
	return out;
}

/** A reference inside a simplified record keeps only what names it. */
function simpleReference(value: unknown, compact: boolean): unknown {
	if (!isObject(value)) return value;
	let out = pick(value, compact ? COMPACT_REFERENCE.keep : SIMPLE_REFERENCE);
	if (compact && (value.name === undefined || value.name === null)) out = { ...out, ...pick(value, COMPACT_REFERENCE.unnamed) };
	return Object.keys(out).length ? out : value;
}

/**
 * The simplified form of a record: the fields its resource keeps (data in catalog/descriptions),
 * references trimmed. `compact` is Output › Simplified (node version 1.4 on), shorter than the
 * Simplify of earlier versions.
 */
export function simplifyRecord(resource: string, record: IDataObject, compact = false): IDataObject {
	const out: IDataObject = {};
	const fields = (compact ? COMPACT_FIELDS[resource] : undefined) ?? SIMPLE_FIELDS[resource] ?? DEFAULT_SIMPLE;
	for (const f of fields) {
		if (record[f] !== undefined) out[f] = simpleReference(record[f], compact) as IDataObject;
	}
	return Object.keys(out).length ? out : record;
}

import type { INodeProperties } from 'n8n-workflow';

import { listOperationOf, type OperationDef } from '../../foundation/catalog';
import { resultListOf } from '../../foundation/catalog/results';
import { nounOf } from '../../foundation/labels';

import { idTakesKey } from '../fields/locator';
import { operationDescription } from './describe';

/*
 * What an AI model reads about the node when it runs as a tool (the AI Agent's tools, n8n's MCP
 * Server Trigger): one "Tool Description" per operation, written from the catalog, shown only on
 * the tool variant of the node (`@tool`). n8n adds its generic description ("Get a customer in
 * MVMNT") only to nodes without a `toolDescription` parameter; the value the user leaves untouched
 * follows the chosen operation, an edited one is kept.
 */

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

/** Operations that change data in MVMNT. */
function writes(op: OperationDef): boolean {
	return op.method !== 'GET' && !['getAll', 'search', 'list', 'report'].includes(op.kind) && !/\/(filter|search|track)$/.test(op.path);
}

function identifies(op: OperationDef): string[] {
	const out: string[] = [];
	for (const param of op.pathParams ?? []) {
		const noun = nounOf(param.resource ?? op.resource);
		if (param.name === 'id' && idTakesKey(op)) {
			out.push(
				`Takes the ${noun}'s MVMNT ID (a UUID), or its client key (e.g. ERP-12345) when the picker is set to By Key; for a name or friendly ID (CUS-000003) look up the id with Get Many first.`,
			);
		} else if (param.name === 'id' || param.type === 'id') {
			out.push(`Takes the ${noun}'s MVMNT ID (a UUID); for a name or friendly ID look up the id with Get Many first.`);
		} else {
			out.push(`Needs the ${param.name} of the ${noun}.`);
		}
	}
	return out;
}

function returns(op: OperationDef): string {
	const noun = nounOf(op.resource);
	const notFound = `An unknown ID or key fails with "Not found: …" (never an empty record).`;
	switch (op.kind) {
		case 'get':
			return `Returns the ${noun} as one JSON object. ${notFound}`;
		case 'getAll':
			return `Returns one JSON object per matching ${noun}, at most Limit unless Return All. No match returns no items (not an error).`;
		case 'search':
			return `Returns one JSON object per ${noun} found, at most Limit unless Return All. No match returns no items (not an error).`;
		case 'list':
			return `Returns one JSON object per entry. ${notFound}`;
		case 'create':
			return `Returns the new ${noun} as MVMNT stored it, with its MVMNT ID.${
				op.body?.some((f) => f.name === 'key')
					? ` Called twice it creates two, unless both give the same client key: the second fails with "Conflict (DUPLICATE_KEY)".`
					: ' Called twice it creates two.'
			}`;
		case 'upsert':
			return `Returns the ${noun} as stored. Called again with the same client key it updates instead of creating: safe to repeat.`;
		case 'update':
			return `Returns the ${noun} after the change; fields not given keep their value. ${notFound}`;
		case 'delete':
			return `Returns {"deleted": true, "id": …}. ${notFound}`;
		case 'report':
			return `Returns the report as JSON, or as a file (CSV or PDF) in the item's binary data.`;
		case 'upload':
			return `Uploads the file in the input item's binary field and returns the document record.`;
		case 'download':
			return `Returns the file in the item's binary data, with its metadata as JSON. ${notFound}`;
		default:
			if (resultListOf(op)) {
				const spec = resultListOf(op);
				return `Returns {"${spec?.list}": […]}, one result per search, each with "found": true, or "found": false when nothing matches it (its other fields are then null).`;
			}
			return `Returns MVMNT's answer as JSON ({"success": true} when MVMNT sends none).${op.pathParams?.some((p) => p.name === 'id') ? ` ${notFound}` : ''}`;
	}
}

/** The model-grade description of one operation (plain text, a few sentences). */
export function toolText(op: OperationDef): string {
	const noun = nounOf(op.resource);
	const parts = [`MVMNT (freight TMS): ${operationDescription(op)}.`];
	parts.push(...identifies(op));
	if (op.kind === 'getAll') {
		const fields = (op.filterFields ?? []).map((f) => f.name);
		parts.push(
			`Filter with MVMNT's filter JSON: {"field": {"operator": value}}, combined with and/or/not lists; fields: ${fields.join(', ')}. A wrong field, operator or value is refused with the accepted ones listed. Keep Limit small.`,
		);
		if (listOperationOf(op.resource) === op) parts.push(`Finds ${article(noun)} ${noun}'s MVMNT ID from a name, friendly ID or client key.`);
	}
	parts.push(returns(op));
	if (writes(op)) parts.push(`This tool changes data in MVMNT.`);
	parts.push('Bad input is refused before sending, naming the field to fix.');
	return parts.join(' ');
}

/** One "Tool Description" parameter per operation, on the tool variant of the node only. */
export function toolDescriptionProperties(ops: OperationDef[]): INodeProperties[] {
	return ops.map((op) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: toolText(op),
		description: 'What the AI model reads about this tool, prefilled for the chosen operation',
		displayOptions: { show: { '@tool': [true], resource: [op.resource], operation: [op.operation] } },
	}));
}

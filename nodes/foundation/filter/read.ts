import type { IDataObject } from 'n8n-workflow';

import { resourceName, type FilterFieldDef, type OperationDef } from '../catalog';
import { apiDate } from '../dates';
import { fail, isObject, parseJson, text } from '../input';
import { labelOf, optionLabel } from '../labels';
import { quote } from '../quote';
import { FILTER_PARAMS, OPERATOR_NAMES, filterFieldName, filterInput } from './operators';

/* Reads the list filter the user set and builds MVMNT's filter object from it. */

/** A filter value typed or picked by label ("Active") or by API value ("ACTIVE"). */
function enumValue(field: FilterFieldDef, value: unknown, label: string, no: (message: string) => never, records?: string): string {
	const text = String(value ?? '').trim();
	const options = field.options ?? [];
	if (options.includes(text)) return text;
	const byLabel = options.find((o) => optionLabel(o).toLowerCase() === text.toLowerCase() || o.toLowerCase() === text.toLowerCase());
	if (byLabel) return byLabel;
	const where = records ? ` for ${records} records` : '';
	return no(`Filter on ${label} can't be ${quote(text)}${where}: use one of ${options.map(optionLabel).join(', ')}`);
}

/**
 * One condition (number `n`) → its part of MVMNT's filter. Its mistakes start with "Condition n: ";
 * `records` names the resource in them (e.g. "Shipment").
 */
function conditionPart(fields: FilterFieldDef[], c: IDataObject, n: number, timeZone: string, records?: string): IDataObject {
	const no: (message: string) => never = (message) => fail(`Condition ${n}: ${message}`);
	const name = filterFieldName(String(c.field ?? ''));
	const field = fields.find((f) => f.name === name);
	if (!field) {
		const where = records ? ` for ${records} records` : '';
		no(`Filter field ${quote(name)} doesn't exist${where}; use one of ${fields.map((f) => labelOf(f.name)).join(', ')}`);
	}
	const label = labelOf(name);
	const operator = String(c.operator ?? field.ops[0]);
	if (!field.ops.includes(operator)) {
		const said = OPERATOR_NAMES[operator] ?? operator;
		no(`Filter on ${label} can't use ${quote(said)}; it supports ${field.ops.map((o) => OPERATOR_NAMES[o] ?? o).join(', ')}`);
	}
	const input = filterInput(field, operator);
	// conditions saved before typed inputs keep their value in `value`
	const raw = c[input] !== undefined ? c[input] : c.value;
	const one = (v: unknown): unknown => {
		// a date condition is an instant: a picked wall time is read in the workflow's time zone
		if (field.kind === 'date') {
			if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) no(`Filter on ${label} needs a date`);
			return apiDate(v, 'dateTime', timeZone, `Condition ${n}: Filter on ${label}`);
		}
		const given = text(v ?? '', `Condition ${n}: Filter on ${quote(name)}`).trim();
		if (field.kind === 'number') {
			const num = typeof v === 'number' ? v : Number(given);
			if (given === '' || !Number.isFinite(num)) no(`Filter on ${label} needs a number, got ${quote(given)}`);
			return num;
		}
		if (field.kind === 'enum') return enumValue(field, given, label, no, records);
		return given;
	};
	const flag = (): boolean => {
		if (typeof raw === 'boolean') return raw;
		const said = text(raw ?? 'true', `Condition ${n}: Filter on ${label}`).trim().toLowerCase();
		if (!['', 'true', 'false'].includes(said)) no(`Filter on ${label} needs true or false, got ${quote(said)}`);
		return said !== 'false';
	};
	if (field.plain) return { [name]: flag() };
	let value: unknown;
	if (input === 'isEmpty' || input === 'booleanValue') value = flag();
	else if (field.listOps?.includes(operator)) {
		const list = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
		value = list.map((v) => String(v).trim()).filter(Boolean).map(one);
		if ((value as unknown[]).length === 0) no(`Filter on ${label} (${OPERATOR_NAMES[operator]}) needs at least one value`);
	} else value = one(raw);
	return { [name]: { [operator]: value } as IDataObject };
}

/**
 * Builder conditions → MVMNT filter object; each operator and value checked against the field's
 * filter type. A mistake names its condition by number ("Condition 2: …") and, with `records`,
 * the resource whose fields and values apply.
 */
export function buildFilter(
	fields: FilterFieldDef[],
	conditions: IDataObject[],
	combinator: string,
	timeZone = 'UTC',
	records?: string,
): IDataObject | undefined {
	const parts = conditions.map((c, i) => conditionPart(fields, c, i + 1, timeZone, records));
	if (parts.length === 0) return undefined;
	if (parts.length === 1) return parts[0];
	return { [combinator === 'or' ? 'or' : 'and']: parts };
}

/** Adds "also deleted records" to a filter (MVMNT hides them unless the filter names deletedAt). */
export function withDeleted(filter: IDataObject | undefined): IDataObject {
	const any: IDataObject = { or: [{ deletedAt: { isNull: true } }, { deletedAt: { isNull: false } }] };
	return filter ? { and: [filter, any] } : any;
}

/** A node parameter by name, with a fallback (the item's, or the poll's). */
export type ParamReader = <T = unknown>(name: string, fallback?: T) => T;

/**
 * The list filter the user set (Filter: None, Build Conditions or JSON, see filterBuilderProperties),
 * as MVMNT's filter object; undefined for none. Mistakes throw InputError (isInputError).
 */
export function readFilter(param: ParamReader, op: OperationDef, timeZone: string): IDataObject | undefined {
	const filterType = param<string>(FILTER_PARAMS.type, 'none');
	if (filterType === 'json') {
		const parsed = parseJson(param(FILTER_PARAMS.json, '{}'), 'Filter (JSON)');
		if (parsed !== undefined && !isObject(parsed)) fail('Filter (JSON) must be a JSON object, e.g. {"status": {"equalTo": "ACTIVE"}}');
		if (!parsed || !Object.keys(parsed).length) return undefined;
		if (op.filterFields?.length) checkJsonFilter(op.filterFields, parsed, resourceName(op.resource));
		return parsed as IDataObject;
	}
	if (filterType === 'builder') {
		const conditions = (param<IDataObject>(FILTER_PARAMS.conditions, {})[FILTER_PARAMS.condition] ?? []) as IDataObject[];
		return buildFilter(op.filterFields ?? [], conditions, param<string>(FILTER_PARAMS.combinator, 'and'), timeZone, resourceName(op.resource));
	}
	return undefined;
}


/**
 * A filter written as JSON, checked against the fields and operators MVMNT takes for the list
 * before anything is sent: a mistake names where it is and lists what is accepted.
 */
function checkJsonFilter(fields: FilterFieldDef[], filter: unknown, records: string, at = 'Filter (JSON)'): void {
	if (!isObject(filter)) fail(`${at} must be an object, e.g. {"status": {"equalTo": "ACTIVE"}}`);
	for (const [key, value] of Object.entries(filter)) {
		if (key === 'and' || key === 'or') {
			if (!Array.isArray(value)) fail(`${at}: "${key}" takes a list of filters, e.g. {"${key}": [{…}, {…}]}`);
			value.forEach((part, i) => checkJsonFilter(fields, part, records, `${at} › ${key}[${i}]`));
			continue;
		}
		if (key === 'not') {
			checkJsonFilter(fields, value, records, `${at} › not`);
			continue;
		}
		const field = fields.find((f) => f.name === key);
		if (!field) fail(`${at}: ${quote(key)} is not a filter field of ${records} records; use one of ${fields.map((f) => f.name).join(', ')} (or and, or, not)`);
		if (!isObject(value)) {
			if (field.plain || field.ops.includes('is')) continue;
			fail(`${at}: ${key} takes an operator, e.g. {"${key}": {"${field.ops[0]}": …}}; its operators: ${field.ops.join(', ')}`);
		}
		for (const [operator, operand] of Object.entries(value)) {
			if (!field.ops.includes(operator)) fail(`${at}: ${key} can't use ${quote(operator)}; its operators: ${field.ops.join(', ')}`);
			if (operator === 'isNull') continue;
			const list = field.listOps?.includes(operator);
			if (list && !Array.isArray(operand)) fail(`${at}: ${key} ${operator} takes a list, e.g. ["A", "B"]`);
			if (field.kind === 'enum' && field.options?.length) {
				const bad = (list ? (operand as unknown[]) : [operand]).find((v) => !field.options?.includes(String(v)));
				if (bad !== undefined) fail(`${at}: ${key} can't be ${quote(bad)}; use one of ${field.options.join(', ')}`);
			}
		}
	}
}

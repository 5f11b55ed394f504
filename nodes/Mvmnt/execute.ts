import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { findOperation, maxPageSizeOf, type FieldDef, type FilterFieldDef, type OperationDef } from './catalog';
import { DEFAULT_SIMPLE, SIMPLE_FIELDS, SIMPLE_REFERENCE } from './catalog/descriptions';
import { checkRules } from './catalog/rules';
import { apiDate } from './dates';
import {
	CLEAR_FIELDS,
	ENTRY_OPTIONAL,
	OPERATOR_NAMES,
	SIMPLIFIED,
	SIMPLIFY_SINCE,
	WHOLE_JSON,
	filterFieldName,
	filterInput,
	isGroupField,
	keyedShapes,
	labelOf,
	optionLabel,
	pathIdParam,
} from './description';
import { InputError, fail } from './input';
import { paginate } from './paginate';
import {
	DEFAULT_LIMITS,
	isUnknownOutcome,
	mvmntRequest,
	quote,
	forItem,
	itemPrepared,
	prepareItem,
	startItem,
	transferFile,
	type Limits,
	type MvmntRequest,
	type MvmntResponse,
} from './transport';


/** Deeper JSON than this is no MVMNT body: it is refused before it can exhaust the stack. */
const MAX_JSON_DEPTH = 100;
/** IDs and client keys longer than this can't be real and would not fit a URL. */
const MAX_ID_LENGTH = 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A text value as the user gave it: strings, numbers (and for plain text, booleans); never an object's "[object Object]". */
function text(value: unknown, label: string, allowBoolean = true): string {
	const ok = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || (allowBoolean && typeof value === 'boolean');
	if (!ok) fail(`${label} must be text, got ${kindOf(value)} ${quote(value)}`);
	const t = String(value);
	if (LONE_SURROGATE.test(t)) fail(`${label} contains malformed text (a lone UTF-16 surrogate): ${quote(t)}`);
	return t;
}

/**
 * An ID or client key that goes into a URL path: exactly one path segment. Empty, "." and ".."
 * (also when they appear only after URL-decoding, e.g. "%2e%2e") are refused; everything else is
 * encoded, so no value can change the path or the query.
 */
export function segment(value: unknown, label: string): string {
	const v = text(value, label, false).trim();
	if (v.length > MAX_ID_LENGTH) fail(`${label} is ${v.length.toLocaleString('en-US')} characters long: an ID or key has at most ${MAX_ID_LENGTH}: ${quote(v)}`);
	let decoded = v;
	for (let round = 0; round < 5; round++) {
		if (decoded === '' || decoded === '.' || decoded === '..') {
			fail(
				v === '' ? `${label} is required` : `${label} can't be ${quote(v)}: an ID or key must not be "." or ".." (nor an encoded form of them)`,
			);
		}
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			break; // not URL-encoded text: taken literally
		}
		if (next === decoded) break;
		decoded = next;
	}
	return v;
}

/** Limit, page size: whole numbers of at least 1. */
function positiveInteger(value: unknown, label: string): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isSafeInteger(n) || n < 1) fail(`${label} must be a whole number of at least 1, got ${quote(value)}`);
	return n;
}

/** Refuses JSON nested deeper than MAX_JSON_DEPTH levels (checked without recursion). */
function checkDepth(value: unknown, label: string): void {
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length) {
		const [v, depth] = stack.pop() as [unknown, number];
		if (typeof v !== 'object' || v === null) continue;
		if (depth > MAX_JSON_DEPTH) fail(`${label} is nested more than ${MAX_JSON_DEPTH} levels deep: MVMNT accepts no such data`);
		for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
	}
}

function parseJson(value: unknown, label: string): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return fail(`${label} is not valid JSON: ${quote((error as Error).message)}`);
		}
	}
	checkDepth(parsed, label);
	return parsed;
}

/** A whole nested object given as JSON (text or an object from an expression). */
function wholeObject(value: unknown, label: string): IDataObject | undefined {
	const parsed = parseJson(value, label);
	if (parsed === undefined) return undefined;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(`${label} must be a JSON object`);
	return Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
}

/** A list entry's required fields and the optional ones it keeps under Additional Fields, as one set. */
function flatEntry(entry: IDataObject): IDataObject {
	const { [ENTRY_OPTIONAL]: optional, ...required } = entry;
	return { ...required, ...((optional ?? {}) as IDataObject) };
}

function emptyEntry(label: string, index: number): never {
	return fail(`${label} ${index + 1} is empty: fill it in or remove it`);
}

/** List entries given as JSON: one object or a list of objects. */
function jsonList(value: unknown, label: string): IDataObject[] {
	const parsed = parseJson(value, label);
	if (parsed === undefined) return [];
	const list = Array.isArray(parsed) ? parsed : [parsed];
	if (list.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) {
		fail(`${label} must be a JSON object or a list of objects`);
	}
	return list as IDataObject[];
}

/**
 * A record picker's value. n8n marks it `__rl: true` at the top level, but a picker added to a
 * collection (Additional Fields) holds its bare default `{ mode, value }` until the user fills it.
 */
function isLocator(value: unknown): value is INodeParameterResourceLocator {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const v = value as IDataObject;
	return v.__rl === true || (typeof v.mode === 'string' && 'value' in v && Object.keys(v).every((k) => ['mode', 'value', 'cachedResultName', 'cachedResultUrl', '__regex'].includes(k)));
}

/** A resource-locator value → { mode, value } with the value trimmed. */
function locatorValue(raw: unknown, label: string): { mode: string; value: string } {
	if (isLocator(raw)) {
		const value = raw.value === undefined || raw.value === null ? '' : text(raw.value, label, false).trim();
		return { mode: String(raw.mode), value };
	}
	if (raw === undefined || raw === null) fail(`${label} is required`);
	return { mode: 'id', value: text(raw, label, false).trim() };
}

/** A date field's value as MVMNT takes it: the calendar day for a date, the instant for a date-time (see dates.ts). */
export function normalizeDate(value: unknown, field: FieldDef, timeZone = 'UTC', label = labelOf(field.name)): string {
	return apiDate(value, field.type === 'date' ? 'date' : 'dateTime', timeZone, label);
}

export class RequestBuilder {
	constructor(
		readonly ctx: IExecuteFunctions,
		private readonly itemIndex: number,
	) {}

	/** The body changes a stored record (Update, Create or Update): MVMNT's create-time defaults don't apply. */
	private updating = false;

	/** Nothing is sent for an optional value equal to MVMNT's documented default (MVMNT uses it anyway). */
	private unlessDefault(field: FieldDef, value: unknown): unknown {
		return !this.updating && !field.required && field.default !== undefined && value === field.default ? undefined : value;
	}

	param<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback) as T;
	}

	/** Fetches a record by client key; undefined when MVMNT has none. */
	async getByKey(resource: string, key: string): Promise<IDataObject | undefined> {
		const get = findOperation(resource, 'get');
		if (!get) return fail(`${labelOf(resource)} can't be looked up by client key`);
		const byQuery = get.keyQuery !== undefined;
		segment(key, 'Client Key');
		const response = await mvmntRequest(this.ctx, {
			method: 'GET',
			path: byQuery ? get.path.replace('/{id}', '') : get.path.replace('{id}', encodeURIComponent(key)),
			qs: byQuery ? { [get.keyQuery as string]: key } : get.lookup ? { by: 'key' } : undefined,
			notFoundOk: true,
		});
		return response.status === 404 ? undefined : (response.body as IDataObject);
	}

	/** Looks a record up by client key and returns its ID (for body fields that take a bare ID). */
	private async idForKey(resource: string, key: string): Promise<string> {
		const record = await this.getByKey(resource, key);
		if (typeof record?.id !== 'string') fail(`No ${labelOf(resource).toLowerCase()} has the client key ${quote(key)}`);
		return record.id as string;
	}

	/** A reference as MVMNT takes it: exactly one of `{ id }` or `{ key }`; undefined when left empty. */
	private reference(value: unknown, label: string): IDataObject | undefined {
		const { mode, value: v } = locatorValue(value, label);
		if (v === '') return undefined;
		return mode === 'key' ? { key: v } : { id: v };
	}

	/**
	 * Converts one field value as n8n holds it into what MVMNT expects;
	 * undefined = send nothing. `where` names the place for error messages.
	 */
	async convert(field: FieldDef, value: unknown, where = ''): Promise<unknown> {
		const label = `${where}${labelOf(field.name)}`;
		// left empty (a field added but not set, a dropdown with nothing chosen): nothing is sent
		if (value === undefined || value === null || value === '') return undefined;
		switch (field.type) {
			case 'id': {
				const { mode, value: v } = locatorValue(value, label);
				if (v === '') return undefined;
				return mode === 'key' && field.resource ? await this.idForKey(field.resource, v) : v;
			}
			case 'reference':
				return this.reference(value, label);
			case 'referenceList': {
				const entries = this.entries(value, label, false);
				const out = entries.map((e, i) => this.reference(e.reference, `${label} ${i + 1}`) ?? emptyEntry(label, i));
				return this.list(field, out, label);
			}
			case 'number': {
				const n = typeof value === 'number' ? value : Number(String(value).trim());
				if (String(value).trim() === '' || !Number.isFinite(n)) fail(`${label} must be a number, got ${quote(value)}`);
				return this.unlessDefault(field, n);
			}
			case 'boolean':
				if (typeof value === 'boolean') return this.unlessDefault(field, value);
				if (value === 'true' || value === 'false') return this.unlessDefault(field, value === 'true');
				return fail(`${label} must be true or false, got ${quote(value)}`);
			case 'options':
				if (!field.options?.includes(String(value))) {
					fail(`${label} can't be ${quote(value)}: use one of ${field.options?.join(', ')}`);
				}
				return this.unlessDefault(field, value);
			case 'multiOptions': {
				const list = Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter(Boolean);
				const bad = list.filter((v) => !field.options?.includes(String(v)));
				if (bad.length) fail(`${label} can't contain ${quote(bad.join(', '))}: use ${field.options?.join(', ')}`);
				// added but nothing picked: nothing is sent (an empty list would set the record's list to none)
				return list.length ? list : undefined;
			}
			case 'dateTime':
			case 'date':
				return normalizeDate(value, field, this.ctx.getTimezone(), label);
			case 'stringList': {
				const list = Array.isArray(value) ? value.map((v) => text(v, label)) : text(value, label).split(',').map((s) => s.trim()).filter(Boolean);
				return list.length ? list : undefined;
			}
			case 'json':
				return parseJson(value, label);
			case 'object': {
				const values = value as IDataObject;
				if (typeof values !== 'object') return wholeObject(value, label);
				const shapes = keyedShapes(field);
				if (shapes) return await this.keyed(shapes, values, label);
				if (values[WHOLE_JSON] !== undefined) {
					if (Object.keys(values).length > 1) fail(`${label}: set its fields or Whole ${labelOf(field.name)} as JSON, not both`);
					return wholeObject(values[WHOLE_JSON], label);
				}
				return await this.object(field.fields ?? [], values, `${label} › `);
			}
			case 'objectList': {
				const out: IDataObject[] = [];
				const entries = this.entries(value, label, true);
				for (const [i, entry] of entries.entries()) {
					if (entry[WHOLE_JSON] !== undefined) {
						out.push(...jsonList(entry[WHOLE_JSON], `${label} (JSON)`));
						continue;
					}
					const converted = await this.object(field.fields ?? [], flatEntry(entry), `${label} ${i + 1} › `, true);
					out.push(converted && Object.keys(converted).length ? converted : emptyEntry(label, i));
				}
				return this.list(field, out, label);
			}
			default:
				return text(isLocator(value) ? value.value : value, label);
		}
	}

	/** An object of same-shaped objects, given as list entries that each name their key. */
	private async keyed(shapes: Array<{ fields: FieldDef[] }>, groups: IDataObject, label: string) {
		const out: IDataObject = {};
		for (const entry of (groups.json ?? []) as IDataObject[]) Object.assign(out, wholeObject(entry[WHOLE_JSON], `${label} (JSON)`));
		for (const [i, shape] of shapes.entries()) {
			for (const { key, ...rest } of ((groups[`shape${i}`] ?? []) as IDataObject[]).map(flatEntry)) {
				const name = String(key);
				if (out[name] !== undefined) fail(`${label}: ${labelOf(name)} is set twice`);
				out[name] = (await this.object(shape.fields, rest, `${label} › ${labelOf(name)} › `, true)) as IDataObject;
			}
		}
		return Object.keys(out).length ? out : undefined;
	}

	/** The entries of a multiple-value group: form entries, or JSON entries; never both. */
	private entries(value: unknown, label: string, withJson: boolean): IDataObject[] {
		if (typeof value === 'string') return jsonList(value, label).map((v) => ({ [WHOLE_JSON]: v }) as IDataObject);
		if (Array.isArray(value)) return value as IDataObject[];
		const groups = value as IDataObject;
		const form = (groups.entries ?? []) as IDataObject[];
		const json = withJson ? ((groups.json ?? []) as IDataObject[]) : [];
		if (form.length && json.length) fail(`${label}: add entries with the form or as JSON, not both`);
		return form.length ? form : json;
	}

	private list(field: FieldDef, out: unknown[], label: string): unknown[] | undefined {
		if (out.length === 0) return undefined;
		if (field.minItems !== undefined && out.length < field.minItems) {
			fail(`${label} needs at least ${field.minItems} entries, got ${out.length}`);
		}
		return out;
	}

	/** Converts a set of named values (a collection or one list entry) against its field list. */
	async object(fields: FieldDef[], values: IDataObject, where: string, entry = false): Promise<IDataObject | undefined> {
		const out: IDataObject = {};
		for (const [name, value] of Object.entries(values ?? {})) {
			const field = fields.find((f) => f.name === name);
			if (!field) fail(`${where}has no field "${name}"; known fields: ${fields.map((f) => f.name).join(', ')}`);
			const converted = await this.convert(field, value, where);
			if (converted !== undefined) out[name] = converted as IDataObject;
		}
		if (Object.keys(out).length === 0 && !entry) return undefined;
		for (const field of fields.filter((f) => f.required)) {
			if (out[field.name] === undefined) fail(`${where}${labelOf(field.name)} is required`);
		}
		return out;
	}

	/** The request body of create, update and action operations; `updating` for a body that changes a stored record. */
	async body(op: OperationDef, updating = op.kind === 'update'): Promise<IDataObject | undefined> {
		if (!op.body?.length) return undefined;
		this.updating = updating;
		let body: IDataObject;
		if (this.param<boolean>('useRawJson', false)) {
			const parsed = parseJson(this.param('rawJson', '{}'), 'JSON Body');
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
				fail('JSON Body must be a JSON object, e.g. {"name": "Acme"}');
			}
			body = parsed as IDataObject;
		} else {
			body = await this.formBody(op);
		}
		checkVariants(op.body, body);
		const problem = checkRules(op, body);
		if (problem) fail(problem);
		return body;
	}

	/** The body from the form: required fields, groups (objects, lists), Additional or Update Fields. */
	private async formBody(op: OperationDef): Promise<IDataObject> {
		const fields = op.body ?? [];
		const isUpdate = op.kind === 'update';
		const collection = isUpdate ? 'Update Fields' : 'Additional Fields';
		const set = { ...this.param<IDataObject>(isUpdate ? 'updateFields' : 'additionalFields', {}) };
		const toClear = ((set[CLEAR_FIELDS] ?? []) as string[]).map(String);
		delete set[CLEAR_FIELDS];
		const body: IDataObject = {};
		for (const field of fields.filter((f) => f.required)) {
			const value = await this.convert(field, this.param(field.name));
			if (value === undefined) fail(`${labelOf(field.name)} is required`);
			body[field.name] = value as IDataObject;
		}
		for (const field of fields.filter((f) => !f.required && isGroupField(f))) {
			const value = await this.convert(field, this.param(field.name, {}));
			if (value !== undefined) body[field.name] = value as IDataObject;
		}
		const optional = fields.filter((f) => !f.required && !isGroupField(f));
		Object.assign(body, await this.object(optional, set, ''));
		for (const name of toClear) {
			const field = fields.find((f) => f.name === name);
			if (!field?.nullable || field.required) fail(`${labelOf(name)} can't be cleared: MVMNT requires a value`);
			if (body[name] !== undefined) fail(`${labelOf(name)} is both set and in Fields to Clear: choose one`);
			body[name] = null;
		}
		if (isUpdate && Object.keys(body).length === fields.filter((f) => f.required).length && fields.some((f) => !f.required)) {
			const empty = Object.keys(set).filter((name) => body[name] === undefined).map(labelOf);
			fail(
				empty.length
					? `Nothing to update: ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} added but empty. Set a value, or pick the field under Fields to Clear to empty it in MVMNT`
					: `Nothing to update: add at least one field under ${collection}`,
			);
		}
		return body;
	}

	/** Path with its parameters filled in, plus `?by=key` when a record is addressed by client key. */
	async path(op: OperationDef): Promise<{ path: string; qs: IDataObject; id?: string }> {
		let path = op.path;
		const qs: IDataObject = {};
		let id: string | undefined;
		for (const param of op.pathParams ?? []) {
			const name = pathIdParam(op, param);
			const { mode, value } = locatorValue(this.param(name), labelOf(name));
			segment(value, labelOf(name));
			if (param.name === 'id') id = value;
			if (mode === 'key' && param.name === 'id' && op.keyQuery) {
				path = path.replace('/{id}', '');
				qs[op.keyQuery] = value;
				continue;
			}
			if (mode === 'key' && op.lookup) qs.by = 'key';
			path = path.replace(`{${param.name}}`, encodeURIComponent(value));
		}
		this.updating = false;
		for (const q of op.query ?? []) {
			const converted = await this.convert(q, this.param(q.name, undefined));
			if (converted !== undefined) qs[q.name] = converted as IDataObject;
		}
		return { path, qs, id };
	}
}

/** Fields that only some variants accept (carrier types) must match the chosen variant. */
function checkVariants(fields: FieldDef[], body: IDataObject) {
	const discriminator = fields.find((f) => f.discriminator);
	if (!discriminator) return;
	const chosen = String(body[discriminator.name] ?? '');
	for (const f of fields) {
		if (f.variants && body[f.name] !== undefined && !f.variants.includes(chosen)) {
			fail(`${labelOf(f.name)} only applies when ${labelOf(discriminator.name)} is ${f.variants.join(' or ')}`);
		}
	}
}

/** A filter value typed or picked by label ("Active") or by API value ("ACTIVE"). */
function enumValue(field: FilterFieldDef, value: unknown, label: string): string {
	const text = String(value ?? '').trim();
	const options = field.options ?? [];
	if (options.includes(text)) return text;
	const byLabel = options.find((o) => optionLabel(o).toLowerCase() === text.toLowerCase() || o.toLowerCase() === text.toLowerCase());
	if (byLabel) return byLabel;
	return fail(`Filter on ${label} can't be ${quote(text)}: use one of ${options.map(optionLabel).join(', ')}`);
}

/** Builder conditions → MVMNT filter object; each operator and value checked against the field's filter type. */
export function buildFilter(
	fields: FilterFieldDef[],
	conditions: IDataObject[],
	combinator: string,
	timeZone = 'UTC',
): IDataObject | undefined {
	const parts: IDataObject[] = [];
	for (const c of conditions) {
		const name = filterFieldName(String(c.field ?? ''));
		const field = fields.find((f) => f.name === name);
		if (!field) fail(`Filter field ${quote(name)} doesn't exist; use one of ${fields.map((f) => labelOf(f.name)).join(', ')}`);
		const label = labelOf(name);
		const operator = String(c.operator ?? field.ops[0]);
		if (!field.ops.includes(operator)) {
			const said = OPERATOR_NAMES[operator] ?? operator;
			fail(`Filter on ${label} can't use ${quote(said)}; it supports ${field.ops.map((o) => OPERATOR_NAMES[o] ?? o).join(', ')}`);
		}
		const input = filterInput(field, operator);
		// conditions saved before typed inputs keep their value in `value`
		const raw = c[input] !== undefined ? c[input] : c.value;
		const one = (v: unknown): unknown => {
			// a date condition is an instant: a picked wall time is read in the workflow's time zone
			if (field.kind === 'date') {
				if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) fail(`Filter on ${label} needs a date`);
				return apiDate(v, 'dateTime', timeZone, `Filter on ${label}`);
			}
			const given = text(v ?? '', `Filter on ${quote(name)}`).trim();
			if (field.kind === 'number') {
				const n = typeof v === 'number' ? v : Number(given);
				if (given === '' || !Number.isFinite(n)) fail(`Filter on ${label} needs a number, got ${quote(given)}`);
				return n;
			}
			if (field.kind === 'enum') return enumValue(field, given, label);
			return given;
		};
		const flag = (): boolean => {
			if (typeof raw === 'boolean') return raw;
			const said = text(raw ?? 'true', `Filter on ${label}`).trim().toLowerCase();
			if (!['', 'true', 'false'].includes(said)) fail(`Filter on ${label} needs true or false, got ${quote(said)}`);
			return said !== 'false';
		};
		if (field.plain) {
			parts.push({ [name]: flag() });
			continue;
		}
		let value: unknown;
		if (input === 'isEmpty' || input === 'booleanValue') value = flag();
		else if (field.listOps?.includes(operator)) {
			const list = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
			value = list.map((v) => String(v).trim()).filter(Boolean).map(one);
			if ((value as unknown[]).length === 0) fail(`Filter on ${label} (${OPERATOR_NAMES[operator]}) needs at least one value`);
		} else value = one(raw);
		parts.push({ [name]: { [operator]: value } as IDataObject });
	}
	if (parts.length === 0) return undefined;
	if (parts.length === 1) return parts[0];
	return { [combinator === 'or' ? 'or' : 'and']: parts };
}

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

/** Adds "also deleted records" to a filter (MVMNT hides them unless the filter names deletedAt). */
function withDeleted(filter: IDataObject | undefined): IDataObject {
	const any: IDataObject = { or: [{ deletedAt: { isNull: true } }, { deletedAt: { isNull: false } }] };
	return filter ? { and: [filter, any] } : any;
}

function toItems(records: IDataObject[], itemIndex: number): INodeExecutionData[] {
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** A node parameter by name, with a fallback (the item's, or the poll's). */
export type ParamReader = <T = unknown>(name: string, fallback?: T) => T;

/**
 * The list filter the user set (Filter: None, Build Conditions or JSON, see filterBuilderProperties),
 * as MVMNT's filter object; undefined for none. Mistakes throw InputError (isInputError).
 */
export function readFilter(param: ParamReader, op: OperationDef, timeZone: string): IDataObject | undefined {
	const filterType = param<string>('filterType', 'none');
	if (filterType === 'json') {
		const parsed = parseJson(param('filterJson', '{}'), 'Filter (JSON)');
		if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
			fail('Filter (JSON) must be a JSON object, e.g. {"status": {"equalTo": "ACTIVE"}}');
		}
		return parsed && Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
	}
	if (filterType === 'builder') {
		const conditions = (param<IDataObject>('conditions', {}).condition ?? []) as IDataObject[];
		return buildFilter(op.filterFields ?? [], conditions, param<string>('combinator', 'and'), timeZone);
	}
	return undefined;
}

/** A mistake in what the user entered (not an API failure). */
export function isInputError(error: unknown): error is Error {
	return error instanceof InputError;
}

async function runGetAll(b: RequestBuilder, op: OperationDef): Promise<IDataObject[]> {
	let filter = readFilter((name, fallback) => b.param(name, fallback), op, b.ctx.getTimezone());
	const options = b.param<IDataObject>('options', {});
	if (options.includeDeleted === true) {
		if (!op.filterFields?.some((f) => f.name === 'deletedAt')) fail(`MVMNT can't list deleted ${op.resource} records`);
		filter = withDeleted(filter);
	}
	const max = maxPageSizeOf(op);
	const pageSize = Math.min(options.pageSize === undefined ? max : positiveInteger(options.pageSize, 'Page Size'), max);
	const { records } = await paginate(b.ctx, { op, path: op.path, body: filter ? { filter } : {}, limit: limitOf(b), pageSize });
	return records;
}

/** Return All → no limit; otherwise Limit, a whole number ≥ 1. */
function limitOf(b: RequestBuilder): number | undefined {
	return b.param<boolean>('returnAll', false) ? undefined : positiveInteger(b.param('limit', 50), 'Limit');
}

async function runSingle(b: RequestBuilder, op: OperationDef, ctx: IExecuteFunctions, i: number) {
	const { path, qs, id } = await b.path(op);
	const body = op.kind === 'search' || op.kind === 'getAll' ? undefined : await b.body(op);
	if (op.kind === 'search' || op.pagination === 'cursorQuery') {
		const searchBody = op.kind === 'search' ? await searchBodyOf(b, op) : undefined;
		const { records } = await paginate(ctx, {
			op,
			path,
			qs,
			body: searchBody,
			limit: limitOf(b),
			pageSize: maxPageSizeOf(op),
		});
		return toItems(records, i);
	}
	const format = op.binaryTypes?.length ? b.param<string>('format', 'application/json') : 'application/json';
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
		return toItems([recovered ?? (response?.body as IDataObject)], i);
	}
	const response = await mvmntRequest(ctx, request);
	if (binary) {
		const field = b.param<string>('binaryPropertyName', 'data');
		const extension = format === 'text/csv' ? 'csv' : 'pdf';
		const data = await ctx.helpers.prepareBinaryData(
			Buffer.from(response.body as ArrayBuffer),
			`${op.operation}${id ? `-${id}` : ''}.${extension}`,
			format,
		);
		return [{ json: { fileName: data.fileName, mimeType: format }, binary: { [field]: data }, pairedItem: { item: i } }];
	}
	if (op.kind === 'delete') return toItems([{ deleted: true, id: id ?? null }], i);
	const out = response.body;
	if (out === undefined || out === null || out === '') return toItems([{ success: true, ...(id ? { id } : {}) }], i);
	if (Array.isArray(out)) return toItems(out as IDataObject[], i);
	if (typeof out !== 'object') fail(`MVMNT answered ${op.method} ${path} with ${quote(out)} where a record was expected`);
	const data = (out as IDataObject).data;
	if (op.kind === 'list' && Array.isArray(data)) return toItems(data as IDataObject[], i);
	return toItems([out as IDataObject], i);
}

/** Client keys may be left empty (Create or Update asks for them itself); when set they follow the ID rules. */
function segmentOrEmpty(value: unknown, label: string): string {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? '' : segment(value, label);
}

/** How to re-run a create safely, for the error after a create with an unknown outcome and no client key. */
function rerunAdvice(op: OperationDef): string {
	const label = labelOf(op.resource).toLowerCase();
	const upsert = findOperation(op.resource, 'upsert');
	if (upsert) {
		return `To re-run safely, use Create or Update with a Client Key (or set Key under Additional Fields): a re-run then finds the ${label} instead of creating a duplicate`;
	}
	if (op.body?.some((f) => f.name === 'key') && canLookUpByKey(op.resource)) {
		return `To re-run safely, set Key under Additional Fields: a re-run then finds the ${label} instead of creating a duplicate`;
	}
	return `MVMNT has no client key for a ${label}, so running this item again can create a duplicate: look for it first (Get Many with a filter)`;
}

function canLookUpByKey(resource: string): boolean {
	const get = findOperation(resource, 'get');
	return get !== undefined && (get.keyQuery !== undefined || get.lookup === true);
}

/**
 * Sends a create whose outcome must never be guessed. After a 5xx, a reset or a timeout MVMNT may
 * have created the record: with a client key we look it up and return it (marked `recovered`), or
 * send once more when it is not there; without a key the error says how to re-run safely.
 */
async function createOnce(
	b: RequestBuilder,
	op: OperationDef,
	request: MvmntRequest,
	key: string | undefined,
): Promise<{ response?: MvmntResponse; recovered?: IDataObject }> {
	const resource = op.resource;
	const usableKey = key !== undefined && key.trim() !== '' && canLookUpByKey(resource) ? segment(key, 'Client Key') : undefined;
	const recovered = (record: IDataObject, lost: string): IDataObject => ({
		...record,
		recovered: `The create's answer was lost (${lost.slice(0, 200)}); MVMNT had created the record, found by its client key ${quote(usableKey)}`,
	});
	let lost = '';
	for (let sent = 1; ; sent++) {
		// a resend that meets its own first send (still in flight when we looked) gets a 409: that is the record
		const resend = sent > 1 && !request.conflictOk;
		let failed: unknown;
		try {
			const response = await mvmntRequest(b.ctx, resend ? { ...request, conflictOk: true } : request);
			if (!resend || response.status !== 409) return { response };
			const found = await b.getByKey(resource, usableKey as string);
			if (found) return { recovered: recovered(found, lost) };
			return fail(`MVMNT reported a duplicate for client key ${quote(usableKey)} but has no record with it`);
		} catch (error) {
			failed = error;
		}
		if (!isUnknownOutcome(failed)) throw failed as Error;
		lost = (failed as Error).message;
		if (usableKey === undefined) {
			fail(`${lost}. The record may have been created: check MVMNT before running this item again. ${rerunAdvice(op)}`);
		}
		const found = await b.getByKey(resource, usableKey);
		if (found) return { recovered: recovered(found, lost) };
		// MVMNT has no record with the key: the create did not happen, and sending it again is safe (once)
		if (sent >= 2) throw failed as Error;
	}
}

/** Create or Update by client key: update when the key exists, else create; a lost create race falls back to update. */
async function runUpsert(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const key = String(segmentOrEmpty(b.param('key', ''), 'Client Key'));
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
	if (existing) return toItems([await patch(existing)], i);
	const { response: created, recovered } = await createOnce(
		b,
		op,
		{ method: op.method, path: op.path, body: { ...(fields ?? {}), key }, conflictOk: true },
		key,
	);
	if (recovered) return toItems([recovered], i);
	if (created?.status !== 409) return toItems([created?.body as IDataObject], i);
	const winner = await b.getByKey(op.resource, key);
	if (!winner) fail(`MVMNT reported a duplicate for client key ${quote(key)} but has no record with it`);
	return toItems([await patch(winner)], i);
}

/** Document Upload: create the record from the binary's name/type/size, then PUT the bytes (no bearer token). */
async function runUpload(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const ctx = b.ctx;
	const property = b.param<string>('binaryPropertyName', 'data');
	const binary = ctx.helpers.assertBinaryData(i, property);
	const bytes = await ctx.helpers.getBinaryDataBuffer(i, property);
	const contentType = binary.mimeType || 'application/octet-stream';
	const fields = (await b.body({ ...op, kind: 'create' })) ?? {};
	const body = { ...fields, fileName: binary.fileName ?? `${property}.bin`, contentType, fileSize: bytes.length };
	const key = typeof fields.key === 'string' ? fields.key : undefined;
	const { response, recovered } = await createOnce(b, op, { method: op.method, path: op.path, body }, key);
	const created = recovered ?? (response?.body as IDataObject);
	if (typeof created.uploadUrl !== 'string') fail('MVMNT did not return an upload URL for the document');
	await transferFile(ctx, { method: 'PUT', url: created.uploadUrl as string, body: bytes, headers: { 'Content-Type': contentType } });
	return toItems([created], i);
}

/** Document Download: fetch the record, then its bytes from the pre-signed download URL. */
async function runDownload(b: RequestBuilder, op: OperationDef, i: number): Promise<INodeExecutionData[]> {
	const ctx = b.ctx;
	const { path, qs } = await b.path(op);
	const record = (await mvmntRequest(ctx, { method: 'GET', path, qs: Object.keys(qs).length ? qs : undefined })).body as IDataObject;
	if (typeof record.downloadUrl !== 'string') fail('This document has no file to download yet (no download URL)');
	const bytes = (await transferFile(ctx, { method: 'GET', url: record.downloadUrl as string, encoding: 'arraybuffer' })) as ArrayBuffer;
	const data = await ctx.helpers.prepareBinaryData(
		Buffer.from(bytes),
		String(record.fileName ?? 'document'),
		String(record.contentType ?? 'application/octet-stream'),
	);
	return [{ json: record, binary: { [b.param<string>('binaryPropertyName', 'data')]: data }, pairedItem: { item: i } }];
}

async function searchBodyOf(b: RequestBuilder, op: OperationDef): Promise<IDataObject> {
	if (!op.body?.length) return {};
	// search bodies follow the create rules: required fields top level, the rest optional
	return (await b.body({ ...op, kind: 'action' })) ?? {};
}

/** Runs one catalog operation for one input item. */
export async function executeOperation(execution: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// items may run side by side: each gets its own view of the context (its own retry clock)
	const ctx = forItem(execution);
	await prepareItem(ctx);
	try {
		return await runItem(ctx, i);
	} finally {
		itemPrepared(ctx);
	}
}

async function runItem(ctx: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const resource = ctx.getNodeParameter('resource', i) as string;
	if (resource === CUSTOM_API_CALL) {
		throw new NodeOperationError(ctx.getNode(), 'The MVMNT node has no Custom API Call', {
			itemIndex: i,
			description:
				'Pick one of the MVMNT resources, or call any MVMNT endpoint with the HTTP Request node: ' +
				'Authentication "Predefined Credential Type", Credential Type "MVMNT OAuth2 API", and your MVMNT credential.',
		});
	}
	const operation = ctx.getNodeParameter('operation', i) as string;
	const op = findOperation(resource, operation);
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known for "${resource}"`, { itemIndex: i });
	const b = new RequestBuilder(ctx, i);
	const simplify =
		SIMPLIFIED.includes(op.kind) &&
		ctx.getNode().typeVersion >= SIMPLIFY_SINCE &&
		ctx.getNodeParameter('simplify', i, true) === true;
	const run = async () => {
		startItem(ctx, limitsOf(b));
		if (op.kind === 'getAll') return toItems(await runGetAll(b, op), i);
		if (op.kind === 'upsert') return await runUpsert(b, op, i);
		if (op.kind === 'upload') return await runUpload(b, op, i);
		if (op.kind === 'download') return await runDownload(b, op, i);
		return await runSingle(b, op, ctx, i);
	};
	// input mistakes become NodeOperationErrors; API failures already are NodeApiErrors
	const out = await run().catch((error: unknown) => {
		if (error instanceof InputError) throw new NodeOperationError(ctx.getNode(), `${error.message} [item ${i}]`, { itemIndex: i });
		// a value no check foresaw (too deep, malformed) still fails this item alone, with a readable message
		if (error instanceof RangeError || error instanceof URIError || error instanceof TypeError) {
			throw new NodeOperationError(ctx.getNode(), `The input of item ${i} could not be processed: ${quote(error.message)}`, {
				itemIndex: i,
			});
		}
		throw error;
	});
	if (!simplify) return out;
	return out.map((item) => ({ ...item, json: simplifyRecord(op.resource, item.json) }));
}

/** The resource value n8n adds for its "Custom API Call" entry. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** The item's Request Options: Timeout and Retry Time Budget, in seconds. */
function limitsOf(b: RequestBuilder): Limits {
	const set = b.param<IDataObject>('requestOptions', {});
	const ms = (name: string, label: string, fallback: number) =>
		set[name] === undefined ? fallback : positiveSeconds(set[name], label) * 1000;
	return {
		timeoutMs: ms('timeout', 'Timeout', DEFAULT_LIMITS.timeoutMs),
		retryBudgetMs: ms('retryBudget', 'Retry Time Budget', DEFAULT_LIMITS.retryBudgetMs),
	};
}

function positiveSeconds(value: unknown, label: string): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(n) || n <= 0 || n > 3600) fail(`${label} must be a number of seconds between 0 and 3600, got ${quote(value)}`);
	return n;
}

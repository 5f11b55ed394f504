import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findOperation, type FieldDef, type OperationDef } from '../../foundation/catalog';
import { checkRules } from '../../foundation/catalog/rules';
import { fail, parseJson, segment } from '../../foundation/input';
import { labelOf } from '../../foundation/labels';
import { quote } from '../../foundation/quote';
import { mvmntRequest } from '../../foundation/transport/request';

import { checkBodyTree } from '../fields/constraints';
import { isGroupField, readField, type FieldReader } from '../fields';
import { CLEAR_FIELDS, PARAMS } from '../fields/keys';
import { locatorValue, pathIdParam } from '../fields/locator';

/*
 * Builds one item's request from the form: the path with its IDs, the query, the body. Each
 * field's value is read by its kind (fields/); this class walks the operation's fields.
 */

export class RequestBuilder implements FieldReader {
	constructor(
		readonly ctx: IExecuteFunctions,
		private readonly itemIndex: number,
	) {}

	/** The body changes a stored record (Update, Create or Update): MVMNT's create-time defaults don't apply. */
	private updating = false;

	/** Nothing is sent for an optional value equal to MVMNT's documented default (MVMNT uses it anyway). */
	unlessDefault(field: FieldDef, value: unknown): unknown {
		return !this.updating && !field.required && field.default !== undefined && value === field.default ? undefined : value;
	}

	param<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback) as T;
	}

	/** The workflow's time zone: dates without an offset are read in it. */
	get timeZone(): string {
		return this.ctx.getTimezone();
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
	async idForKey(resource: string, key: string): Promise<string> {
		const record = await this.getByKey(resource, key);
		if (typeof record?.id !== 'string') fail(`No ${labelOf(resource).toLowerCase()} has the client key ${quote(key)}`);
		return record.id as string;
	}

	/** Converts one field value as n8n holds it into what MVMNT expects; undefined = send nothing. */
	async convert(field: FieldDef, value: unknown, where = ''): Promise<unknown> {
		return await readField(field, value, where, this);
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
		if (this.param<boolean>(PARAMS.useRawJson, false)) {
			const parsed = parseJson(this.param(PARAMS.rawJson, '{}'), 'JSON Body');
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
				fail('JSON Body must be a JSON object, e.g. {"name": "Acme"}');
			}
			body = parsed as IDataObject;
			checkBodyTree(op.body, body, '', 'JSON Body');
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
		const set = { ...this.param<IDataObject>(isUpdate ? PARAMS.updateFields : PARAMS.additionalFields, {}) };
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

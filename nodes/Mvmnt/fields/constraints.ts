import type { FieldDef } from '../../foundation/catalog';
import { fail } from '../../foundation/input';
import { quote } from '../../foundation/quote';

/*
 * What MVMNT's contract accepts for a value, checked before anything is sent: bounds of numbers,
 * whole numbers, lengths, patterns and formats of text, the number of entries of a list. The
 * error names the field and what to give instead; what the contract allows always goes through.
 */

/** Patterns of the contract a broker reads better as an example. */
const PATTERN_WORDS: Record<string, string> = {
	'^([01]\\d|2[0-3]):([0-5]\\d)$': 'a time as HH:MM, e.g. 08:30',
};

const FORMATS: Record<NonNullable<FieldDef['format']>, { test: RegExp; words: string }> = {
	email: { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, words: 'an email address, e.g. ops@example.com' },
	uri: { test: /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i, words: 'a web address, e.g. https://example.com' },
	uuid: { test: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, words: "an MVMNT ID (a UUID such as 6f1c…-…)" },
};

/** The contract's patterns, compiled once (they are read for every item). */
const compiled = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
	let re = compiled.get(source);
	if (!re) compiled.set(source, (re = new RegExp(source)));
	return re;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Refuses `value` (as it would be sent) when the contract does not accept it for `field`. */
export function checkConstraints(field: FieldDef, value: unknown, label: string): void {
	if (value === undefined || value === null) return;
	if (typeof value === 'number') {
		if (field.integer && !Number.isInteger(value)) fail(`${label} must be a whole number, got ${value}`);
		if (field.min !== undefined && value < field.min) fail(`${label} must be at least ${field.min}, got ${value}`);
		if (field.max !== undefined && value > field.max) fail(`${label} must be at most ${field.max}, got ${value}`);
		return;
	}
	if (typeof value === 'string') {
		const length = [...value].length;
		if (field.minLength !== undefined && length < field.minLength) fail(`${label} needs at least ${plural(field.minLength, 'character')}, got ${length}`);
		if (field.maxLength !== undefined && length > field.maxLength) fail(`${label} takes at most ${plural(field.maxLength, 'character')}, got ${length}`);
		if (field.pattern !== undefined && !patternOf(field.pattern).test(value)) {
			fail(`${label} must be ${PATTERN_WORDS[field.pattern] ?? `text matching ${field.pattern}`}, got ${quote(value)}`);
		}
		const format = field.format ? FORMATS[field.format] : undefined;
		if (format && !format.test.test(value)) fail(`${label} must be ${format.words}, got ${quote(value)}`);
		return;
	}
	if (Array.isArray(value)) {
		if (field.minItems !== undefined && value.length < field.minItems) fail(`${label} needs at least ${field.minItems} entries, got ${value.length}`);
		if (field.maxItems !== undefined && value.length > field.maxItems) fail(`${label} takes at most ${field.maxItems} entries, got ${value.length}`);
	}
}

/**
 * The same checks over a body given as JSON (Send Raw JSON Body, or a model's one argument): every
 * field the catalog knows, at any depth, is checked where the body has it; the error names its path
 * as MVMNT does (order.freight.weight, order.stops[1].type). Fields the catalog does not know go
 * to MVMNT as given.
 */
export function checkBodyTree(fields: FieldDef[], value: unknown, path: string, label: string): void {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
	const record = value as Record<string, unknown>;
	for (const field of fields) {
		const v = record[field.name];
		if (v === undefined || v === null) continue;
		const at = path ? `${path}.${field.name}` : field.name;
		checkConstraints(field, v, `${label} › ${at}`);
		if (!field.fields?.length) continue;
		if (field.type === 'objectList' && Array.isArray(v)) v.forEach((entry, i) => checkBodyTree(field.fields ?? [], entry, `${at}[${i}]`, label));
		else checkBodyTree(field.fields, v, at, label);
	}
}

import type { FilterFieldDef } from '../catalog';

/*
 * The filter's vocabulary: MVMNT's operators, their names, the type signature of a filter field,
 * and which input of a condition holds its value.
 */

export const FILTER_OPERATORS = [
	'equalTo',
	'notEqualTo',
	'in',
	'notIn',
	'includes',
	'notIncludes',
	'startsWith',
	'notStartsWith',
	'endsWith',
	'notEndsWith',
	'lessThan',
	'lessThanOrEqualTo',
	'greaterThan',
	'greaterThanOrEqualTo',
	'isNull',
	'contains',
	'containsAll',
	'containsAny',
	'is',
];

export const OPERATOR_NAMES: Record<string, string> = {
	equalTo: 'Equal To',
	notEqualTo: 'Not Equal To',
	in: 'In',
	notIn: 'Not In',
	includes: 'Includes',
	notIncludes: 'Does Not Include',
	startsWith: 'Starts With',
	notStartsWith: 'Does Not Start With',
	endsWith: 'Ends With',
	notEndsWith: 'Does Not End With',
	lessThan: 'Less Than',
	lessThanOrEqualTo: 'Less Than or Equal To',
	greaterThan: 'Greater Than',
	greaterThanOrEqualTo: 'Greater Than or Equal To',
	isNull: 'Is Empty',
	contains: 'Contains',
	containsAll: 'Contains All',
	containsAny: 'Contains Any',
	is: 'Is',
};

/** The inputs a filter condition's value can come from, one per value type. */
export type FilterInput = 'value' | 'numberValue' | 'dateValue' | 'booleanValue' | 'enumValue' | 'enumValues' | 'isEmpty';

/** Which input holds a condition's value, from the field's type and the operator picked. */
export function filterInput(field: FilterFieldDef, operator: string): FilterInput {
	if (operator === 'isNull') return 'isEmpty';
	if (field.plain || field.kind === 'boolean') return 'booleanValue';
	const list = field.listOps?.includes(operator) === true;
	if (field.kind === 'enum') return list ? 'enumValues' : 'enumValue';
	if (list) return 'value';
	if (field.kind === 'number') return 'numberValue';
	if (field.kind === 'date') return 'dateValue';
	return 'value';
}

/** The name of the load-options method listing a filter field's values (from the catalog, no API call). */
export const FILTER_VALUES_METHOD = 'getFilterValues';

/** Short codes of the operators, for the type signature a filter field's value starts with. */
const OPERATOR_CODES: Record<string, string> = {
	equalTo: 'eq',
	notEqualTo: 'ne',
	in: 'in',
	notIn: 'nin',
	includes: 'inc',
	notIncludes: 'ninc',
	startsWith: 'sw',
	notStartsWith: 'nsw',
	endsWith: 'ew',
	notEndsWith: 'new',
	lessThan: 'lt',
	lessThanOrEqualTo: 'lte',
	greaterThan: 'gt',
	greaterThanOrEqualTo: 'gte',
	isNull: 'null',
	contains: 'has',
	containsAll: 'all',
	containsAny: 'any',
	is: 'is',
};

export const orderedOps = (ops: string[]) => FILTER_OPERATORS.filter((o) => ops.includes(o));

/** A filter field's type: its kind and operators, e.g. `enum:eq,ne,in*,nin*` (`*` = takes a list). */
export function filterSignature(f: FilterFieldDef): string {
	const ops = orderedOps(f.ops).map((o) => `${OPERATOR_CODES[o]}${f.listOps?.includes(o) ? '*' : ''}`);
	return `${f.plain ? 'plain' : f.kind}:${ops.join(',')}`;
}

/**
 * The value of a field in the condition's Field list: its type signature, then
 * its API name (`enum:eq,ne,in*,nin*|status`), so that one set of operator
 * lists and value inputs, shown by signature, serves every Get Many.
 */
export const filterFieldValue = (f: FilterFieldDef) => `${filterSignature(f)}|${f.name}`;
/** The API name in a Field value (a plain API name is accepted too). */
export const filterFieldName = (value: string) => value.slice(value.lastIndexOf('|') + 1);
/** The load-options method listing the filter fields of the operation. */
export const FILTER_FIELDS_METHOD = 'getFilterFields';

/** The filter form's parameters, as the form names them and readFilter() reads them. */
export const FILTER_PARAMS = { type: 'filterType', combinator: 'combinator', conditions: 'conditions', condition: 'condition', json: 'filterJson' } as const;

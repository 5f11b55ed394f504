import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, type FilterFieldDef } from '../catalog';
import { PARAMETER_DESCRIPTIONS as D } from '../catalog/descriptions';
import {
	FILTER_FIELDS_METHOD,
	FILTER_OPERATORS,
	FILTER_PARAMS,
	FILTER_VALUES_METHOD,
	OPERATOR_NAMES,
	filterInput,
	filterSignature,
	orderedOps,
	type FilterInput,
} from './operators';

/*
 * The list filter's form: None, conditions built field by field, or JSON. Get Many and the
 * polling trigger show it; read.ts reads it back.
 */

const FILTER_INPUTS: Record<FilterInput, Omit<INodeProperties, 'name'>> = {
	value: { displayName: 'Value', type: 'string', default: '', description: D.filterValue },
	numberValue: { displayName: 'Value', type: 'number', default: 0, description: D.filterValue },
	dateValue: { displayName: 'Value', type: 'dateTime', default: '', description: D.filterDate },
	booleanValue: { displayName: 'Value', type: 'boolean', default: true, description: D.filterValue },
	enumValue: {
		displayName: 'Value Name or ID',
		type: 'options',
		default: '',
		typeOptions: { loadOptionsMethod: FILTER_VALUES_METHOD, loadOptionsDependsOn: ['&field'] },
		description: 'The value to compare with. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	enumValues: {
		displayName: 'Values Names or IDs',
		type: 'multiOptions',
		default: [],
		typeOptions: { loadOptionsMethod: FILTER_VALUES_METHOD, loadOptionsDependsOn: ['&field'] },
		description: 'The values to compare with. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	isEmpty: { displayName: 'Is Empty', type: 'boolean', default: true, description: 'Whether the field must be empty (on) or filled (off)' },
};

/** Every filter field type of the catalog, once, with a sample field of that type. */
function filterTypes(): FilterFieldDef[] {
	const types = new Map<string, FilterFieldDef>();
	for (const op of OPERATIONS) for (const f of op.filterFields ?? []) types.set(filterSignature(f), f);
	return [...types.values()];
}

/**
 * The inputs of one condition: the field, its operators (exactly the ones the
 * API takes for it) and a value input that follows its type. One operator list
 * per field type; one value input per value type and set of operators.
 */
function conditionValues(): INodeProperties[] {
	const startsWith = (sigs: string[]) => sigs.map((sig) => ({ _cnd: { startsWith: `${sig}|` } }));
	const types = filterTypes();
	const operators = types.map((f) => {
		const ops = orderedOps(f.ops);
		const firstOperator = ops[0];
		const prop: INodeProperties = {
			displayName: 'Operator',
			name: 'operator',
			type: 'options',
			options: ops.map((o) => ({ name: OPERATOR_NAMES[o], value: o })),
			default: firstOperator,
			description: D.filterOperator,
			displayOptions: { show: { field: startsWith([filterSignature(f)]) } },
		};
		return prop;
	});
	const inputs = (Object.keys(FILTER_INPUTS) as FilterInput[]).flatMap((input) => {
		const groups = new Map<string, string[]>();
		for (const f of types) {
			const ops = orderedOps(f.ops).filter((o) => filterInput(f, o) === input).join(',');
			if (ops) groups.set(ops, [...(groups.get(ops) ?? []), filterSignature(f)]);
		}
		return [...groups].map(
			([ops, sigs]): INodeProperties => ({
				...FILTER_INPUTS[input],
				name: input,
				displayOptions: { show: { field: startsWith(sigs), operator: ops.split(',') } },
			}),
		);
	});
	return [
		{
			displayName: 'Field Name or ID',
			name: 'field',
			type: 'options',
			typeOptions: { loadOptionsMethod: FILTER_FIELDS_METHOD },
			default: '',
			description:
				'The field to test. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...operators,
		...inputs,
		// a bare API name (conditions saved before typed inputs, or set by an expression): every operator, text value
		{
			displayName: 'Operator',
			name: 'operator',
			type: 'options',
			options: FILTER_OPERATORS.map((o) => ({ name: OPERATOR_NAMES[o], value: o })),
			default: 'equalTo',
			description: D.filterOperator,
			displayOptions: { show: { field: [BARE_NAME] } },
		},
		{ ...FILTER_INPUTS.value, name: 'value', displayOptions: { show: { field: [BARE_NAME] } } },
	];
}

/** A Field value without type signature. */
const BARE_NAME = { _cnd: { regex: '^[^|=]+$' } };

type Show = Record<string, Array<string | boolean>>;

/**
 * The list filter: None, conditions built field by field (the fields of the chosen resource's
 * list, loaded from the catalog), or JSON. `shown` are the display rules of the node that uses it
 * (Get Many here, the polling trigger); the executor reads it with readFilter().
 */
export function filterBuilderProperties(shown: Show = {}): INodeProperties[] {
	const when = (extra: Show = {}) => (Object.keys(shown).length || Object.keys(extra).length ? { displayOptions: { show: { ...shown, ...extra } } } : {});
	return [
		{
			displayName: 'Filter',
			name: FILTER_PARAMS.type,
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{ name: 'Build Conditions', value: 'builder' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'none',
			description: D.filterType,
			...when(),
		},
		{
			displayName: 'Must Match',
			name: FILTER_PARAMS.combinator,
			type: 'options',
			options: [
				{ name: 'All Conditions', value: 'and' },
				{ name: 'Any Condition', value: 'or' },
			],
			default: 'and',
			description: D.combinator,
			...when({ [FILTER_PARAMS.type]: ['builder'] }),
		},
		{
			displayName: 'Conditions',
			name: FILTER_PARAMS.conditions,
			type: 'fixedCollection',
			placeholder: 'Add Condition',
			typeOptions: { multipleValues: true },
			default: {},
			description: D.conditions,
			...when({ [FILTER_PARAMS.type]: ['builder'] }),
			options: [{ displayName: 'Condition', name: FILTER_PARAMS.condition, values: conditionValues() }],
		},
		{
			displayName: 'Filter (JSON)',
			name: FILTER_PARAMS.json,
			type: 'json',
			default: '{}',
			description: D.filterJson,
			...when({ [FILTER_PARAMS.type]: ['json'] }),
		},
	];
}

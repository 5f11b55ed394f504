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

/*
 * A condition stays three stacked inputs. n8n 2.x's one-row layout for fixedCollections
 * (typeOptions.fixedCollection.layout 'inline') was measured in the 2.41 editor: its first input
 * keeps the width of a full label row (237 px of a 371 px row at the default panel width), which
 * leaves Operator and Value 47 px each, too narrow to read. Placeholders say what an empty input
 * wants instead.
 */

/** The value inputs re-read when these change: the field's values depend on the field and the resource. */
const VALUES_DEPEND_ON = ['&field', 'resource'];

const FILTER_INPUTS: Record<FilterInput, Omit<INodeProperties, 'name'>> = {
	value: { displayName: 'Value', type: 'string', default: '', placeholder: 'Value', description: D.filterValue },
	numberValue: { displayName: 'Value', type: 'number', default: 0, description: D.filterValue },
	dateValue: { displayName: 'Value', type: 'dateTime', default: '', placeholder: 'Date and time', description: D.filterDate },
	booleanValue: { displayName: 'Value', type: 'boolean', default: true, description: D.filterValue },
	enumValue: {
		displayName: 'Value Name or ID',
		type: 'options',
		default: '',
		placeholder: 'Pick a value',
		typeOptions: { loadOptionsMethod: FILTER_VALUES_METHOD, loadOptionsDependsOn: VALUES_DEPEND_ON },
		description: 'The value to compare with. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	enumValues: {
		displayName: 'Value Names or IDs',
		type: 'multiOptions',
		default: [],
		placeholder: 'Pick values',
		typeOptions: { loadOptionsMethod: FILTER_VALUES_METHOD, loadOptionsDependsOn: VALUES_DEPEND_ON },
		description: 'The values to compare with. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	isEmpty: { displayName: 'Is Empty', type: 'boolean', default: true, description: 'Whether the field must be empty (on) or filled (off)' },
};

/** A text input that takes a list (In, Not In): its placeholder says so. */
const LIST_PLACEHOLDER = 'Values, comma-separated';

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
		// one input per set of operators; a text input for lists (In, Not In) apart, for its placeholder
		const groups = new Map<string, string[]>();
		for (const f of types) {
			const mine = orderedOps(f.ops).filter((o) => filterInput(f, o) === input);
			const takesList = (o: string) => input === 'value' && f.listOps?.includes(o) === true;
			for (const ops of [mine.filter((o) => !takesList(o)), mine.filter(takesList)]) {
				if (!ops.length) continue;
				const key = `${ops.join(',')}${takesList(ops[0]) ? '*' : ''}`;
				groups.set(key, [...(groups.get(key) ?? []), filterSignature(f)]);
			}
		}
		return [...groups].map(
			([key, sigs]): INodeProperties => ({
				...FILTER_INPUTS[input],
				...(key.endsWith('*') ? { placeholder: LIST_PLACEHOLDER } : {}),
				name: input,
				displayOptions: { show: { field: startsWith(sigs), operator: key.replace(/\*$/, '').split(',') } },
			}),
		);
	});
	return [
		{
			displayName: 'Field Name or ID',
			name: 'field',
			type: 'options',
			// reloaded when the resource changes: a field the new resource lacks is then flagged
			typeOptions: { loadOptionsMethod: FILTER_FIELDS_METHOD, loadOptionsDependsOn: ['resource'] },
			default: '',
			placeholder: 'Pick a field',
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

/*
 * The filter builder as the editor shows it, on Get Many and on the polling trigger: labels that
 * read as English, inputs that say what they want while empty, the fields people filter by most
 * at the top, and a condition left over from another resource flagged by the editor (its
 * dropdowns reload with the resource) and named, with the values that would do, by the run's error.
 */
const { NodeHelpers } = require('n8n-workflow');
const { useFakeMvmnt } = require('../support/setup');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { MvmntPollingTrigger } = require('../../dist/nodes/MvmntPollingTrigger/MvmntPollingTrigger.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { labelOf, optionLabel } = require('../../dist/nodes/foundation/labels.js');
const { filterFieldValue } = require('../../dist/nodes/foundation/filter/operators.js');
const { FIRST_FILTER_FIELDS } = require('../../dist/nodes/foundation/filter/loadOptions.js');

const ctx = useFakeMvmnt();
const action = new Mvmnt().description;
const trigger = new MvmntPollingTrigger().description;
const getAlls = OPERATIONS.filter((op) => op.kind === 'getAll');
const listOf = (resource) => getAlls.find((op) => op.resource === resource);
const fieldOf = (resource, name) => listOf(resource).filterFields.find((f) => f.name === name);
/** every Conditions parameter of a node */
const conditionsOf = (description) => description.properties.filter((p) => p.name === 'conditions');
const conditionValues = conditionsOf(action)[0].options[0].values;

/** Every parameter at any depth. */
function everyParameter(props) {
	return props.flatMap((p) => [p, ...everyParameter((Array.isArray(p.options) ? p.options : []).flatMap((o) => o.values ?? []))]);
}

describe('labels and layout', () => {
	test('the value dropdowns read "Value Name or ID" / "Value Names or IDs", never "Values Names or IDs"', () => {
		for (const description of [action, trigger]) {
			const all = everyParameter(description.properties);
			expect(all.map((p) => p.displayName)).not.toContain('Values Names or IDs');
			const dynamic = all.filter((p) => ['options', 'multiOptions'].includes(p.type) && p.typeOptions?.loadOptionsMethod?.startsWith('getFilter'));
			expect([...new Set(dynamic.map((p) => `${p.type}: ${p.displayName}`))].sort()).toEqual([
				'multiOptions: Value Names or IDs',
				'options: Field Name or ID',
				'options: Value Name or ID',
			]);
		}
	});

	test('conditions stay stacked: n8n 2.x\'s one-row layout leaves Operator and Value too narrow to read', () => {
		// measured in the 2.41 editor at its default panel width: the first input of an inline row
		// keeps a full label row's width (237 of 371 px), Operator and Value get 47 px each
		const all = [...conditionsOf(action), ...conditionsOf(trigger)];
		expect(conditionsOf(action).length).toBeGreaterThan(0);
		expect(conditionsOf(trigger)).toHaveLength(1);
		for (const p of all) expect(p.typeOptions).toEqual({ multipleValues: true });
		// what a saved condition is made of is unchanged: the same stored names and types
		expect([...new Set(conditionValues.map((p) => `${p.name}:${p.type}`))].sort()).toEqual(
			['booleanValue:boolean', 'dateValue:dateTime', 'enumValue:options', 'enumValues:multiOptions', 'field:options', 'isEmpty:boolean', 'numberValue:number', 'operator:options', 'value:string'].sort(),
		);
	});

	test('an empty input says what it wants: placeholders, a list input asks for commas', () => {
		const shownIn = (condition) => conditionValues.filter((p) => NodeHelpers.displayParameter(condition, p, { typeVersion: 1.3 }, action));
		expect(conditionValues.find((p) => p.name === 'field').placeholder).toBe('Pick a field');
		let checked = 0;
		for (const op of getAlls) {
			for (const f of op.filterFields) {
				for (const operator of f.ops) {
					const [input] = shownIn({ field: filterFieldValue(f), operator }).filter((p) => !['field', 'operator'].includes(p.name));
					const where = `${op.resource}.${f.name} ${operator}`;
					if (input.type === 'string') {
						const list = f.listOps?.includes(operator) === true;
						expect({ where, placeholder: input.placeholder }).toEqual({ where, placeholder: list ? 'Values, comma-separated' : 'Value' });
					} else if (['options', 'multiOptions', 'dateTime'].includes(input.type)) {
						expect({ where, placeholder: input.placeholder }).toEqual({ where, placeholder: expect.any(String) });
					}
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(1000);
	});
});

describe('the field list', () => {
	const fieldsFor = (resource) => ctx.rig.loadOptions('getFilterFields', { resource, operation: 'getAll', filterType: 'builder' }, 'conditions.condition[0].field');

	test('the fields people filter by most come first (status, name, friendly ID, key, created, updated), then the rest alphabetically', async () => {
		const customer = (await fieldsFor('customer')).map((o) => o.name);
		expect(customer.slice(0, 6)).toEqual(['Status', 'Name', 'Friendly ID', 'Key', 'Created At', 'Updated At']);
		expect(customer.slice(6)).toEqual([...customer.slice(6)].sort((a, b) => a.localeCompare(b)));
		expect(customer).toHaveLength(listOf('customer').filterFields.length);
		expect((await fieldsFor('shipment')).map((o) => o.name).slice(0, 4)).toEqual(['Status', 'Key', 'Created At', 'Updated At']);
		for (const op of getAlls) {
			const names = (await fieldsFor(op.resource)).map((o) => o.value.split('|')[1]);
			const first = FIRST_FILTER_FIELDS.filter((n) => op.filterFields.some((f) => f.name === n));
			expect(names.slice(0, first.length)).toEqual(first);
			const rest = names.slice(first.length).map(labelOf);
			expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b)));
		}
	});
});

describe('a condition left over from another resource', () => {
	const customerStatus = filterFieldValue(fieldOf('customer', 'status'));
	const industry = filterFieldValue(fieldOf('customer', 'industry'));
	const stale = { filterType: 'builder', conditions: { condition: [{ field: customerStatus, operator: 'equalTo', enumValue: 'INACTIVE' }] } };

	test('its dropdowns reload when the resource changes, so n8n marks the value the new resource lacks', async () => {
		// n8n's editor reloads a dropdown when a parameter named in loadOptionsDependsOn changes, and
		// marks a value missing from the loaded options ("The value … is not supported!") unless the
		// parameter allows arbitrary values
		for (const p of conditionValues.filter((x) => x.typeOptions?.loadOptionsMethod)) {
			expect(p.typeOptions.loadOptionsDependsOn).toContain('resource');
			expect(p.allowArbitraryValues).toBeUndefined();
		}
		for (const p of conditionValues.filter((x) => x.name.startsWith('enumValue'))) expect(p.typeOptions.loadOptionsDependsOn).toContain('&field');
		const load = (resource, method, path) => ctx.rig.poller({ resource, ...stale }).loadOptions(method, path);
		// on Customer the condition is fine …
		expect((await load('customer', 'getFilterFields', 'conditions.condition[0].field')).map((o) => o.value)).toContain(customerStatus);
		expect((await load('customer', 'getFilterValues', 'conditions.condition[0].enumValue')).map((o) => o.value)).toContain('INACTIVE');
		// … after switching to Shipment neither the field (its status has other operators) nor the value is offered
		expect((await load('shipment', 'getFilterFields', 'conditions.condition[0].field')).map((o) => o.value)).not.toContain(customerStatus);
		const shipmentValues = (await load('shipment', 'getFilterValues', 'conditions.condition[0].enumValue')).map((o) => o.value);
		expect([...shipmentValues].sort()).toEqual([...fieldOf('shipment', 'status').options].sort());
		expect(shipmentValues).not.toContain('INACTIVE');
	});

	test('the run names the condition, the resource and the values that would do', async () => {
		const statuses = fieldOf('shipment', 'status').options.map(optionLabel).join(', ');
		const message = `Condition 1: Filter on Status can't be "INACTIVE" for Shipment records: use one of ${statuses}`;
		const poller = ctx.rig.poller({ resource: 'shipment', event: 'createdOrUpdated', ...stale });
		await expect(poller.test()).rejects.toThrow(message);
		await expect(poller.poll()).rejects.toThrow(message);
		expect(poller.state()).toEqual({});
		// Get Many says the same
		await expect(ctx.rig.run({ resource: 'shipment', operation: 'getAll', ...stale })).rejects.toThrow(message);
		// a field the resource doesn't have: its number, and the fields there are
		const second = { field: industry, operator: 'equalTo', value: 'Retail' };
		const both = { ...stale, conditions: { condition: [{ field: filterFieldValue(fieldOf('shipment', 'status')), operator: 'equalTo', enumValue: 'DELIVERED' }, second] } };
		await expect(ctx.rig.poller({ resource: 'shipment', event: 'createdOrUpdated', ...both }).test()).rejects.toThrow(
			/^Condition 2: Filter field "industry" doesn't exist for Shipment records; use one of .*Status/,
		);
	});
});

describe('Filter (JSON): checked against the list’s fields and operators before anything is sent', () => {
	const getAll = (filterJson) => ctx.rig.run({ resource: 'customer', operation: 'getAll', limit: 5, filterType: 'json', filterJson }, [{}], { typeVersion: 1.4 });

	test('unknown field, operator or value: refused with what is accepted, 0 requests; a valid filter is sent as written', async () => {
		const { server } = ctx;
		const from = server.stats.requests.length;
		await expect(getAll('{"statuz": {"equalTo": "ACTIVE"}}')).rejects.toThrow(/Filter \(JSON\): "statuz" is not a filter field of Customer records; use one of id, name, friendlyId, status, .*\(or and, or, not\)/);
		await expect(getAll('{"status": {"lessThan": "ACTIVE"}}')).rejects.toThrow(/Filter \(JSON\): status can't use "lessThan"; its operators: equalTo, notEqualTo, in, notIn, isNull/);
		await expect(getAll('{"status": {"equalTo": "ACTIVATED"}}')).rejects.toThrow(/status can't be "ACTIVATED"; use one of NEW, CONTACTED, .*ACTIVE/);
		await expect(getAll('{"status": {"in": "ACTIVE"}}')).rejects.toThrow(/status in takes a list/);
		await expect(getAll('{"status": "ACTIVE"}')).rejects.toThrow(/status takes an operator, e.g. \{"status": \{"equalTo": …\}\}/);
		await expect(getAll('{"or": [{"name": {"startsWith": "A"}}, {"nme": {"equalTo": "B"}}]}')).rejects.toThrow(/Filter \(JSON\) › or\[1\]: "nme" is not a filter field/);
		await expect(getAll('{"and": {"name": {"equalTo": "A"}}}')).rejects.toThrow(/"and" takes a list of filters/);
		expect(server.stats.requests.slice(from).filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
		await getAll('{"and": [{"status": {"in": ["ACTIVE", "NEW"]}}, {"not": {"name": {"startsWith": "Z"}}}]}');
		const sent = server.stats.requests.slice(from).find((r) => r.path === '/v1/customers/filter');
		expect(sent.body.filter).toEqual({ and: [{ status: { in: ['ACTIVE', 'NEW'] } }, { not: { name: { startsWith: 'Z' } } }] });
	});
});

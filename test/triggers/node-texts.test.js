'use strict';
/*
 * What the editor shows of the triggers outside their forms: the webhook trigger's canvas subtitle
 * (evaluated by n8n-workflow's own expression engine, as the canvas does), and the MVMNT entry of
 * n8n's node creator. The creator's rule (its actions generation, the same in n8n 1.123 and 2.41):
 * a trigger whose type name with "Trigger" taken out is an action node's name joins that node's
 * entry, and the entry then carries the trigger's description.
 */
const path = require('path');
const { Workflow } = require('n8n-workflow');

const repo = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(repo, 'package.json'));
const { MvmntTrigger } = require(path.join(repo, 'dist/nodes/MvmntTrigger/MvmntTrigger.node.js'));
const { EVENT_OPTIONS } = require(path.join(repo, 'dist/nodes/MvmntTrigger/events.js'));

const trigger = new MvmntTrigger();

/** The canvas subtitle for these Events, through n8n's expression engine. */
function subtitleFor(events) {
	const types = { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) };
	const node = { id: 'n1', name: 'MVMNT Trigger', type: `${pkg.name}.mvmntTrigger`, typeVersion: 1, position: [0, 0], parameters: { events } };
	const workflow = new Workflow({ id: 'w1', nodes: [node], connections: {}, active: false, nodeTypes: types });
	return workflow.expression.getSimpleParameterValue(workflow.getNode(node.name), trigger.description.subtitle, 'internal', {});
}

describe('the webhook trigger on the canvas', () => {
	test('one event: its name; several: the first and how many more; All Events; none chosen', () => {
		expect(subtitleFor(['SHIPMENT_DELIVERED'])).toBe('Shipment Delivered');
		expect(subtitleFor(['SHIPMENT_DELIVERED', 'SHIPMENT_IN_TRANSIT', 'QUOTE_WON'])).toBe('Shipment Delivered +2');
		expect(subtitleFor(['QUOTE_QUOTED', 'QUOTE_WON'])).toBe('Quote Priced +1');
		expect(subtitleFor(['*'])).toBe('All events');
		expect(subtitleFor(['SHIPMENT_DELIVERED', '*'])).toBe('All events');
		expect(subtitleFor([])).toBe('No events chosen');
		// a type this version doesn't know (saved by a newer one, or set by hand) shows as it is
		expect(subtitleFor(['SHIPMENT_TELEPORTED'])).toBe('SHIPMENT_TELEPORTED');
	});

	test('every event type shows by the name the Events list gives it', () => {
		for (const option of EVENT_OPTIONS.filter((o) => o.value !== '*')) expect(subtitleFor([option.value])).toBe(option.name);
	});
});

describe("n8n's node creator", () => {
	const nodes = pkg.n8n.nodes.map((file) => {
		const mod = require(path.join(repo, file));
		const Type = Object.values(mod).find((v) => typeof v === 'function');
		return new Type().description;
	});

	/** The creator's entries for the package: name → description, by n8n's merge rule. */
	function creatorEntries() {
		const entries = new Map();
		for (const d of nodes.filter((n) => !n.group.includes('trigger'))) entries.set(d.name, { title: d.displayName, description: d.description });
		for (const d of nodes.filter((n) => n.group.includes('trigger'))) {
			const app = entries.get(d.name.replace('Trigger', ''));
			if (app) app.description = d.description;
			else entries.set(d.name, { title: d.displayName, description: d.description });
		}
		return [...entries.values()];
	}

	test("the MVMNT entry reads as the action node (the webhook trigger joins it); the polling trigger has its own", () => {
		const action = nodes.find((d) => d.name === 'mvmnt');
		const polling = nodes.find((d) => d.name === 'mvmntPollingTrigger');
		expect(creatorEntries()).toEqual([
			{ title: 'MVMNT', description: action.description },
			{ title: 'MVMNT Polling Trigger', description: polling.description },
		]);
		expect(action.description).toMatch(/^Work with shipments, quotes, customers, carriers and billing in MVMNT$/);
		expect(polling.description).toMatch(/^Starts the workflow when MVMNT records are/);
	});
});

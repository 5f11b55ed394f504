'use strict';
/**
 * Builds minimal spec-valid requests for any operation: required body fields with plausible values,
 * `xxxId` / `xxx: {id}` references filled from a map of known record ids (keyed by singular camelCase
 * name: customer, carrier, order, ...). Used by the every-operation acceptance test; handy for other tests.
 */
const { Conformer } = require('./conform');
const { singularCamel } = require('./spec');

/** property-name stems that reference a differently named record type */
const ALIASES = { assignee: 'user', customerRep: 'user', accountOwner: 'user', operatedBy: 'user', entity: 'carrier', group: 'team' };

function isReferenceInput(schema) {
	const p = schema && schema.properties;
	return Boolean(p && p.id && p.key && !schema.required && Object.keys(p).length === 2);
}

/**
 * @param {import('./spec').Spec} spec
 * @param {Record<string,string>} ids singular name -> record id
 */
function exampleFactory(spec, ids) {
	const conformer = new Conformer(spec);
	const idFor = (stem) => ids[ALIASES[stem] || stem];

	function hints(name, schema) {
		const s = spec.deref(schema) || {};
		const stem = name.replace(/Ids?$/, '');
		if (/Ids$/.test(name) && idFor(stem)) return [idFor(stem)];
		if (/Id$/.test(name) && idFor(stem) && s.type !== 'array') return idFor(stem);
		if (isReferenceInput(s)) return idFor(name) ? { id: idFor(name) } : {};
		if (name === 'contentType') return 'application/pdf';
		if (name === 'fileName') return 'example.pdf';
		if (name === 'amount' && (s.type === 'number' || s.type === 'integer')) return 100;
		return undefined;
	}

	/** minimal JSON body (undefined when the operation takes none or it is optional) */
	function body(operation) {
		const rb = spec.requestSchema(operation);
		if (!rb) return undefined;
		return conformer.synth(rb.schema, operation.operationId, hints);
	}

	/** concrete API path: `{id}` -> id of the first segment's record type, `{xId}` -> ids[x] or extra[x] */
	function path(operation, extra = {}) {
		return operation.template.replace(/\{([^}]+)\}/g, (_, name) => {
			if (extra[name] !== undefined) return encodeURIComponent(extra[name]);
			const stem = name === 'id' ? singularCamel(operation.collection) : name.replace(/Id$/, '');
			const value = idFor(stem);
			if (value === undefined) throw new Error(`no id known for {${name}} in ${operation.template}`);
			return encodeURIComponent(value);
		});
	}

	return { body, path, hints };
}

module.exports = { exampleFactory, ALIASES };

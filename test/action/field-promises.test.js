/*
 * Descriptions promise only fields that exist: a description that names a part of a record
 * (state, ZIP, street, commodity, size…) sits on an object that has a field for it. MVMNT's
 * address has line 1 and 2, city, country, market and coordinates, but no state or ZIP; an
 * order's freight has no commodity or size. Over the built catalog and its texts.
 */
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { fieldDescription } = require('../../dist/nodes/foundation/labels.js');

/** Words that promise a field, and the API field names that keep the promise. */
const PROMISES = [
	[/\bstates?\b|\bprovinces?\b/i, ['state', 'stateProvince', 'province']],
	[/\bzip\b|\bpostal\b/i, ['zip', 'zipCode', 'postalCode']],
	[/\bstreet\b/i, ['line1', 'addressLine1', 'street1', 'street']],
	[/\bcity\b/i, ['city', 'cityId']],
	[/\bcountry\b/i, ['country']],
	[/\blatitude\b/i, ['latitude']],
	[/\blongitude\b/i, ['longitude']],
	[/\bmarket\b/i, ['market']],
	[/\bcommodity\b/i, ['commodityDescription', 'commodity']],
	[/\bweight\b/i, ['weight']],
	[/\bsize\b|\bdimensions?\b/i, ['length', 'width', 'height', 'volume']],
	[/\bhandling units?\b/i, ['handlingUnits', 'handlingUnitQuantity', 'handlingUnitType']],
	[/\bemails?\b/i, ['email', 'toEmail', 'toEmails', 'ccEmails']],
	[/\bphone\b/i, ['phone', 'phoneNumber']],
	[/\btitle\b/i, ['title']],
	[/\bdriver\b/i, ['driverName', 'driverPhone']],
	[/what the email says|\bsubject\b|\bmessage\b/i, ['message', 'subject']],
];

/** The words of the address family, checked in every description at any depth. */
const ADDRESS_WORDS = PROMISES.slice(0, 2);

/** What a text says exists: negations ("MVMNT's address has no state or ZIP field") promise nothing. */
const affirmed = (text) => text.replace(/\bno\b[^.:;]*/gi, ' ');

/** The promises in `text` that none of `names` keeps. */
function broken(text, names, promises = PROMISES) {
	const said = affirmed(text ?? '');
	return promises.filter(([word, fields]) => word.test(said) && !fields.some((f) => names.includes(f))).map(([word]) => word.source);
}

/** Every field of every operation at any depth, with its description where it sits and the names around it. */
function everyField() {
	const out = [];
	const walk = (fields, op, parent, where) => {
		const siblings = (fields ?? []).map((f) => f.name);
		// search criteria: objects keyed by the record field they test, each described as that field
		const criteria = (fields ?? []).length >= 8 && fields.every((f) => f.type === 'object');
		for (const f of fields ?? []) {
			const own = (f.fields ?? []).map((x) => x.name);
			const place = { resource: op.resource, ...(parent ? { parent } : {}) };
			out.push({ field: f, where: `${where}.${f.name}`, text: fieldDescription(f.name, place), own, siblings, criterion: criteria });
			walk(f.fields, op, f.name, `${where}.${f.name}`);
		}
	};
	for (const op of OPERATIONS) {
		const where = `${op.resource}:${op.operation}`;
		walk(op.body, op, undefined, where);
		walk(op.query, op, undefined, `${where}?`);
	}
	return out;
}

const fields = everyField();
const addressLike = fields.filter(({ field, own }) => !field.fields?.every((f) => f.type === 'object') && own.includes('city') && own.some((n) => /^(line1|addressLine1)$/.test(n)));

test('the checker finds a broken promise (the old address text) and reads negations as none', () => {
	const address = addressLike[0].own;
	expect(broken('Where the stop is: street, city, state, postal code and country', address)).toEqual([ADDRESS_WORDS[0][0].source, ADDRESS_WORDS[1][0].source]);
	expect(broken("MVMNT's address has no state or ZIP field: give the street", address)).toEqual([]);
	expect(broken('What is moved: commodity, handling units, weight and size', ['handlingUnits', 'handlingUnitType', 'weight', 'weightUnit'])).toHaveLength(2);
});

test('address-like objects (stops, head-office and billing addresses) promise only their own fields', () => {
	expect(addressLike.length).toBeGreaterThan(5);
	expect(addressLike.map((a) => a.field.fields.map((f) => f.name)).every((names) => !names.includes('state'))).toBe(true);
	const problems = addressLike.map(({ where, text, own }) => [where, broken(text, own)]).filter(([, p]) => p.length);
	expect(problems).toEqual([]);
});

test('no description, at any depth, names a state, ZIP or postal code its record lacks', () => {
	const problems = fields
		.map(({ where, text, own, siblings }) => [where, broken(text, [...own, ...siblings], ADDRESS_WORDS)])
		.filter(([, p]) => p.length);
	expect(problems).toEqual([]);
});

test('no object or list of objects is described with a field it does not have', () => {
	const objects = fields.filter(({ field, criterion }) => field.fields?.length && !criterion);
	expect(objects.length).toBeGreaterThan(30);
	const problems = objects.map(({ where, text, own }) => [where, broken(text, own)]).filter(([, p]) => p.length);
	expect(problems).toEqual([]);
});

test("a stop's address says how to give a US address with the fields MVMNT has", () => {
	const stop = addressLike.find(({ where }) => /stops\.address$/.test(where));
	expect(stop.text).toMatch(/no state or ZIP/);
	expect(stop.text).toMatch(/USA/);
	expect(stop.text).toMatch(/market/);
	// the market is required by MVMNT's address, so the text tells what to put there
	expect(stop.field.fields.find((f) => f.name === 'market').required).toBe(true);
});

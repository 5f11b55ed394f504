/** A mistake in what the user entered (not an API failure): the item fails with this message. */
export class InputError extends Error {}

export function fail(message: string): never {
	throw new InputError(message);
}

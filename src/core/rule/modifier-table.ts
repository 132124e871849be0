/**
 * The value modifiers pySigma 1.5.0 knows (`modifier_mapping`), with the class name its type
 * errors quote and the value types each accepts.
 */

/** The kinds of value a modifier may receive. */
export type ValueKind = 'string' | 'regex' | 'fieldref' | 'number' | 'bool' | 'any';

/** A modifier's pySigma class and accepted input. `list` modifiers act on the whole value list. */
export interface ModifierSpec {
	className: string;
	accepts: readonly ValueKind[];
	list?: boolean;
}

const str: ValueKind[] = ['string'];
const glob: ValueKind[] = ['string', 'regex', 'fieldref'];
const num: ValueKind[] = ['number'];
const re: ValueKind[] = ['regex'];

/** Every modifier identifier of pySigma 1.5.0 (`utf16le` is not one of them). */
export const modifierSpecs: Readonly<Record<string, ModifierSpec>> = {
	all: { className: 'SigmaAllModifier', accepts: ['any'], list: true },
	neq: { className: 'SigmaNegateModifier', accepts: ['any'], list: true },
	base64: { className: 'SigmaBase64Modifier', accepts: str },
	base64offset: { className: 'SigmaBase64OffsetModifier', accepts: str },
	cased: { className: 'SigmaCaseSensitiveModifier', accepts: str },
	cidr: { className: 'SigmaCIDRModifier', accepts: str },
	contains: { className: 'SigmaContainsModifier', accepts: glob },
	day: { className: 'SigmaTimestampDayModifier', accepts: num },
	dotall: { className: 'SigmaRegularExpressionDotAllFlagModifier', accepts: re },
	endswith: { className: 'SigmaEndswithModifier', accepts: glob },
	exists: { className: 'SigmaExistsModifier', accepts: ['bool'] },
	expand: { className: 'SigmaExpandModifier', accepts: ['string', 'regex'] },
	fieldref: { className: 'SigmaFieldReferenceModifier', accepts: str },
	gt: { className: 'SigmaGreaterThanModifier', accepts: num },
	gte: { className: 'SigmaGreaterThanEqualModifier', accepts: num },
	hour: { className: 'SigmaTimestampHourModifier', accepts: num },
	i: { className: 'SigmaRegularExpressionIgnoreCaseFlagModifier', accepts: re },
	ignorecase: { className: 'SigmaRegularExpressionIgnoreCaseFlagModifier', accepts: re },
	lt: { className: 'SigmaLessThanModifier', accepts: num },
	lte: { className: 'SigmaLessThanEqualModifier', accepts: num },
	m: { className: 'SigmaRegularExpressionMultilineFlagModifier', accepts: re },
	minute: { className: 'SigmaTimestampMinuteModifier', accepts: num },
	month: { className: 'SigmaTimestampMonthModifier', accepts: num },
	multiline: { className: 'SigmaRegularExpressionMultilineFlagModifier', accepts: re },
	re: { className: 'SigmaRegularExpressionModifier', accepts: str },
	utf16: { className: 'SigmaUTF16Modifier', accepts: str },
	utf16be: { className: 'SigmaUTF16BEModifier', accepts: str },
	s: { className: 'SigmaRegularExpressionDotAllFlagModifier', accepts: re },
	startswith: { className: 'SigmaStartswithModifier', accepts: glob },
	week: { className: 'SigmaTimestampWeekModifier', accepts: num },
	wide: { className: 'SigmaWideModifier', accepts: str },
	windash: { className: 'SigmaWindowsDashModifier', accepts: str },
	year: { className: 'SigmaTimestampYearModifier', accepts: num }
};

/** True when `id` names a pySigma 1.5.0 modifier. */
export function isModifier(id: string): boolean {
	return Object.prototype.hasOwnProperty.call(modifierSpecs, id);
}

/**
 * Zoho CRM API credits: the one cost table (./creditRules.ts) and how a call is priced by it. The
 * transport prices every call it sends with `zohoCredits` (beside the call counter,
 * nodes/shared/serviceClient.ts), and the test sandbox imports the same function to tally what it
 * serves, so both count with one definition.
 */
import { CREDIT_RULES, VERSION, type CreditRule, type PricedCall } from './creditRules';

export { CREDIT_RULES, coqlCredits, type CreditRule, type PricedCall } from './creditRules';
export { coqlLimit, splitCoqlLimit } from './coqlLimit';

/** Every call no rule names. */
export const DEFAULT_CREDITS = 1;

function pathPattern(apiPath: string): RegExp {
	const source = apiPath
		.split('/')
		.map((part) => {
			if (part === VERSION) return 'v\\d+';
			if (part.startsWith('{')) return '[^/]+';
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return new RegExp(`^${source}/?$`);
}

const COMPILED = CREDIT_RULES.map((rule) => ({ rule, pattern: pathPattern(rule.apiPath) }));

/** The rule that prices a call, if any (rules are tried in table order; any API version). */
export function creditRuleFor(method: string, path: string): CreditRule | undefined {
	const upper = method.toUpperCase();
	return COMPILED.find((c) => c.rule.method === upper && c.pattern.test(path))?.rule;
}

/** Credits one call costs. */
export function zohoCredits(call: PricedCall): number {
	const rule = creditRuleFor(call.method, call.path);
	return rule ? rule.price(call) : DEFAULT_CREDITS;
}

/**
 * Whether an answer with this status is counted. Zoho cannot bill an org for a request it did not
 * accept: token and scope rejections (401), throttling (429) and its own failures (5xx) are not
 * priced; every other answer is (unverified: Zoho does not publish which answers it bills).
 * A request whose answer never arrived is not priced either.
 */
export function isPricedStatus(status: number): boolean {
	return status > 0 && status < 500 && status !== 401 && status !== 429;
}

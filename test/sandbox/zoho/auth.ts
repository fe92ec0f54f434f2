import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import { authFailure, invalidToken, scopeMismatch, tooManyRequests } from './errors';
import type { TokenStore } from './tokens';

export type ScopeOp = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';

export interface ScopeNeed {
	group: 'modules' | 'settings' | 'users' | 'coql' | 'notifications' | 'bulk';
	/** Module (modules.leads.READ) or settings part (settings.fields.READ) a narrower scope may name. */
	sub?: string;
	ops: ScopeOp[];
}

export function opForMethod(method: string): ScopeOp {
	if (method === 'GET') return 'READ';
	if (method === 'POST') return 'CREATE';
	if (method === 'DELETE') return 'DELETE';
	return 'UPDATE';
}

function grants(scope: string, need: ScopeNeed, op: ScopeOp): boolean {
	const parts = scope.split('.');
	if (parts.length < 3 || parts[0].toLowerCase() !== 'zohocrm' || parts[1].toLowerCase() !== need.group) return false;
	const granted = parts[parts.length - 1].toUpperCase();
	const middle = parts.slice(2, -1);
	if (middle.length > 1) return false;
	if (middle.length === 1 && middle[0].toLowerCase() !== (need.sub ?? '').toLowerCase()) return false;
	if (granted === 'ALL') return true;
	if (granted === 'WRITE') return op !== 'READ';
	return granted === op;
}

/** Checks CRM calls in Zoho's order: concurrency (429), token (401), scope (401 OAUTH_SCOPE_MISMATCH). */
export class CrmAuth {
	concurrencyLimit: number;

	constructor(private readonly server: SandboxServer, private readonly tokens: TokenStore, concurrencyLimit: number) {
		this.concurrencyLimit = concurrencyLimit;
	}

	check(ctx: RequestContext, needs: ScopeNeed[]): Reply | undefined {
		// The in-flight gauge counts this request too.
		if (this.server.inflight('zoho-crm') > this.concurrencyLimit) {
			ctx.note({ rejected: 'concurrency' });
			return tooManyRequests();
		}
		const header = ctx.headers.authorization;
		if (!header) return authFailure();
		const m = /^(Zoho-oauthtoken|Bearer) (\S+)$/.exec(header);
		if (!m) {
			ctx.note({ rejected: 'auth scheme' });
			return invalidToken();
		}
		const access = this.tokens.validAccess(m[2]);
		if (!access) {
			ctx.note({ rejected: 'invalid or expired token' });
			return invalidToken();
		}
		for (const need of needs) {
			for (const op of need.ops) {
				if (!access.scope.some((s) => grants(s, need, op))) {
					ctx.note({ rejected: 'scope', needed: `ZohoCRM.${need.group}${need.sub ? `.${need.sub}` : ''}.${op}` });
					return scopeMismatch();
				}
			}
		}
		return undefined;
	}
}

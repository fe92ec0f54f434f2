export interface ZohoUser {
	id: string;
	first_name: string;
	last_name: string;
	full_name: string;
	email: string;
	status: 'active' | 'disabled';
	role: { name: string; id: string };
	profile: { name: string; id: string };
	type: 'AdminUsers' | 'ActiveUsers';
}

const admin = { name: 'CEO', id: '5725767000000026005' };
const manager = { name: 'Manager', id: '5725767000000026008' };
const adminProfile = { name: 'Administrator', id: '5725767000000026011' };
const standard = { name: 'Standard', id: '5725767000000026014' };

function user(id: string, first: string, last: string, role: typeof admin, profile: typeof admin, status: 'active' | 'disabled' = 'active'): ZohoUser {
	return {
		id,
		first_name: first,
		last_name: last,
		full_name: `${first} ${last}`,
		email: `${first.toLowerCase()}.${last.toLowerCase()}@sandbox-crm.example`,
		status,
		role,
		profile,
		type: profile === adminProfile ? 'AdminUsers' : 'ActiveUsers',
	};
}

/** The first user is the one every token acts as (the "current user"). */
export const USERS: ZohoUser[] = [
	user('5725767000000113001', 'Sandra', 'Box', admin, adminProfile),
	user('5725767000000113002', 'Ravi', 'Kumar', manager, standard),
	user('5725767000000113003', 'Ana', 'Lopez', manager, standard),
	user('5725767000000113004', 'Tom', 'Weber', manager, standard, 'disabled'),
];

export const CURRENT_USER = USERS[0];

export function userRef(u: ZohoUser): { id: string; name: string; email: string } {
	return { id: u.id, name: u.full_name, email: u.email };
}

export function findUser(id: string): ZohoUser | undefined {
	return USERS.find((u) => u.id === id);
}

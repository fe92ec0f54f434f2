/**
 * What users see in the n8n editor, proven in headless Chromium against a real n8n (the pinned host,
 * loading dist/) and the sandbox: owner setup, the node panel, the Zoho CRM Connect node (sandbox
 * credential, module list with the custom module, typed resource mapper, execution), the MailChimp
 * Campaigns node (report operation) and the Custom Service credential form. Each step asserts the
 * elements it expects and a clean page (no "undefined", empty dropdowns, raw JSON errors or error
 * toasts), then saves a screenshot to docs/images/ for the README (see docs/editor.md).
 */
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt } from '../e2e/harness/buildCheck';
import { importCredentials, type PlainCredential } from '../e2e/harness/credentials';
import {
	customServiceCredential,
	mailchimpApiKeyCredential,
	mailchimpOAuth2Credential,
	zohoCrmCredential,
} from '../e2e/harness/credentialBuilders';
import { startN8n, type N8nInstance } from '../e2e/harness/n8n';
import { DEFAULT_OWNER } from '../e2e/harness/rest';
import {
	customServiceCredential as customServiceData,
	mailchimpApiKeyCredential as mailchimpApiKeyData,
	mailchimpOAuthCredential,
	zohoCredential,
} from '../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../sandbox';
import {
	choosePickedCredential,
	chooseOpenOption,
	executeStep,
	expectCleanPage,
	expectIconsLoaded,
	expectTexts,
	expectVisible,
	fillOwnerSetup,
	inputValue,
	launchBrowser,
	newEditorPage,
	newWorkflowWithManualTrigger,
	nodePanelItem,
	nodePanelResults,
	openNodePanelAfterTrigger,
	openOptions,
	option,
	pickCredential,
	screenshot,
	searchNodePanel,
	WAIT_MS,
} from './editorPage';

jest.setTimeout(240_000);

const ZOHO = 'Zoho CRM (sandbox)';
const MAILCHIMP_OAUTH = 'MailChimp OAuth2 (sandbox)';
const MAILCHIMP_KEY = 'MailChimp API key (sandbox)';
const SEEDED_LEADS = 12;
const SEEDED_CAMPAIGNS = 8;

let sandbox: Sandbox;
let n8n: N8nInstance;
let browser: Browser;
let page: Page;

/** Steps depend on each other (one browser session); after a failure the rest are skipped. */
let failed = false;
function step(name: string, body: () => Promise<void>): void {
	it(name, async () => {
		if (failed) throw new Error('skipped: an earlier step failed');
		try {
			await body();
		} catch (error) {
			failed = true;
			throw error;
		}
	});
}

beforeAll(async () => {
	ensureBuilt();
	sandbox = await startSandbox();
	sandbox.zoho.seed({ module: 'Leads', count: SEEDED_LEADS, seed: 11 });
	sandbox.mailchimp.seed({ campaigns: SEEDED_CAMPAIGNS, seed: 11 });
	const [instance, launched] = await Promise.all([startN8n({ name: 'browser' }), launchBrowser()]);
	n8n = instance;
	browser = launched;
	// Credentials pointing at the sandbox, with tokens: no OAuth consent screen is involved.
	const credentials: PlainCredential[] = [
		zohoCrmCredential(ZOHO, zohoCredential(sandbox.url, sandbox.zoho.issueTokens())),
		mailchimpOAuth2Credential(MAILCHIMP_OAUTH, mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken())),
		mailchimpApiKeyCredential(MAILCHIMP_KEY, mailchimpApiKeyData(sandbox.url, sandbox.mailchimp.createApiKey())),
		customServiceCredential('Custom Service (sandbox)', customServiceData(sandbox.url, sandbox.custom.issueTokens())),
	];
	await importCredentials(n8n, credentials);
	page = await newEditorPage(browser);
});

afterAll(async () => {
	await browser?.close().catch(() => undefined);
	await n8n?.stop();
	await sandbox?.close();
});

describe('the n8n editor with our nodes (headless Chromium)', () => {
	step('creates the owner account on a fresh n8n', async () => {
		await page.goto(n8n.baseUrl);
		await page.waitForURL(/\/setup/, { timeout: WAIT_MS });
		await fillOwnerSetup(page, DEFAULT_OWNER);
		await screenshot(page, '01-owner-setup', 'owner setup');
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: WAIT_MS });
		await expectVisible(page.getByTestId('main-sidebar-settings'), 'the editor after the owner setup');
	});

	step('finds our nodes in the node panel by "zoho", "crm", "mailchimp", "campaign" and "oauth"', async () => {
		await newWorkflowWithManualTrigger(page, n8n.baseUrl);
		await openNodePanelAfterTrigger(page);
		const expected: Array<[string, string[]]> = [
			['crm', ['Zoho CRM Connect']],
			['mailchimp', ['MailChimp Campaigns']],
			['campaign', ['MailChimp Campaigns']],
			['oauth', ['Custom Service Request', 'Zoho CRM Connect', 'MailChimp Campaigns']],
			['zoho', ['Zoho CRM Connect', 'Custom Service Request']],
		];
		for (const [query, names] of expected) {
			const found = await nodePanelResults(page, query, names[0]);
			for (const name of names) {
				if (!found.includes(name)) throw new Error(`Searching the node panel for "${query}" does not list "${name}": ${found.join(' | ')}`);
			}
		}
		const panel = page.getByTestId('node-creator');
		await expectIconsLoaded(panel, 'zohoCrmConnect.svg', 'Zoho CRM Connect');
		await expectIconsLoaded(panel, 'customServiceRequest.svg', 'Custom Service Request');
		await screenshot(page, '02-node-panel-search', 'node panel search "zoho"');
	});

	step('adds the Zoho CRM Connect node from the node panel', async () => {
		await (await expectVisible(nodePanelItem(page, 'Zoho CRM Connect'), 'Zoho CRM Connect in the node panel')).click();
		const actions = await expectTexts(page.getByTestId('node-creator').getByTestId('node-creator-item-name'), 'Zoho CRM Connect actions', 10);
		for (const action of ['Create records', 'Create or update records', 'Get many records', 'Search records', 'Run a COQL query']) {
			if (!actions.includes(action)) throw new Error(`The Zoho CRM Connect actions lack "${action}": ${actions.join(' | ')}`);
		}
		await screenshot(page, '03-zoho-actions', 'Zoho CRM Connect actions');
		await nodePanelItem(page, 'Create records').click();
		await expectVisible(page.getByTestId('ndv'), 'the node details view of the new Zoho CRM Connect node');
		await expectVisible(page.getByTestId('parameter-input-resource'), 'the Resource parameter');
	});

	step('picks the sandbox credential', async () => {
		const listed = await pickCredential(page, ZOHO);
		if (!listed.some((text) => text.includes(ZOHO))) throw new Error(`The credential picker lists ${listed.join(' | ')}`);
		await screenshot(page, '04-zoho-credential', 'Zoho credential picker');
		await choosePickedCredential(page, ZOHO);
		if ((await inputValue(page.getByTestId('parameter-input-resource'))) !== 'Record') throw new Error('Resource is not "Record"');
		if ((await inputValue(page.getByTestId('parameter-input-operation'))) !== 'Create') throw new Error('Operation is not "Create"');
	});

	step('opens the module list loaded from the sandbox, custom module included', async () => {
		await (await expectVisible(page.getByTestId('resource-locator-module').getByTestId('rlc-input'), 'the Module list')).click();
		const modules = await expectTexts(page.getByTestId('rlc-item'), 'modules in the Module list', 6);
		for (const module of ['Leads', 'Contacts', 'Accounts', 'Deals', 'Projects (custom)']) {
			if (!modules.includes(module)) throw new Error(`The Module list lacks "${module}": ${modules.join(' | ')}`);
		}
		await screenshot(page, '05-zoho-modules', 'Zoho module list');
		await chooseOpenOption(page, 'Leads', 'the Module list');
	});

	step('loads typed fields for Leads into the resource mapper', async () => {
		// The mandatory fields come first, then we add a picklist, a number and a boolean field.
		await expectVisible(page.getByTestId('parameter-input-Last_Name'), 'the mandatory Last Name field in the resource mapper');
		await expectVisible(page.getByTestId('parameter-input-Company'), 'the mandatory Company field in the resource mapper');
		const addField = page.getByTestId('add-fields-select').getByRole('button');
		await addField.click();
		const fields = await expectTexts(page.locator('[role="menuitem"]:visible'), 'Leads fields to add', 20);
		for (const field of ['Email', 'Lead Status', 'Annual Revenue', 'Email Opt Out', 'Date of Birth (YYYY-MM-DD)', 'Record Owner']) {
			if (!fields.includes(field)) throw new Error(`"Add field to send" lacks "${field}": ${fields.join(' | ')}`);
		}
		await screenshot(page, '06-zoho-fields-to-add', 'Leads fields to add in the resource mapper');
		await chooseOpenOption(page, 'Lead Status', '"Add field to send"');
		for (const field of ['Annual Revenue', 'Email Opt Out']) {
			await addField.click();
			await chooseOpenOption(page, field, '"Add field to send"');
		}
		await page.getByTestId('parameter-input-Last_Name').locator('input').fill('Browser');
		await page.getByTestId('parameter-input-Company').locator('input').fill('Playwright Ltd');
		// Typed inputs: a picklist with Zoho's values, a number input, a switch.
		await (await expectVisible(page.getByTestId('parameter-input-Lead_Status'), 'the Lead Status picklist')).click();
		const statuses = await expectTexts(page.locator('.el-select-dropdown__item:visible'), 'Lead Status values', 3);
		if (!statuses.includes('Contacted')) throw new Error(`Lead Status values lack "Contacted": ${statuses.join(' | ')}`);
		await chooseOpenOption(page, 'Contacted', 'the Lead Status picklist');
		const revenue = await expectVisible(page.getByTestId('parameter-input-Annual_Revenue').locator('.el-input-number input, input[type="number"]'), 'a number input for Annual Revenue');
		await revenue.fill('250000');
		await expectVisible(page.getByTestId('parameter-input-Email_Opt_Out').locator('.el-switch'), 'a switch for Email Opt Out');
		await page.getByTestId('parameter-input-Email_Opt_Out').locator('.el-switch').click();
		await page.getByTestId('resource-mapper-container').evaluate((element) => element.scrollIntoView({ block: 'start' }));
		await screenshot(page, '07-zoho-resource-mapper', 'Leads fields in the resource mapper');
	});

	step('executes the node and shows the created record', async () => {
		const before = sandbox.zoho.records('Leads').length;
		const items = await executeStep(page);
		if (items !== 1) throw new Error(`Expected 1 output item for one created record, got ${items}`);
		await expectVisible(page.getByTestId('output-panel').getByText('record added'), 'Zoho\'s "record added" in the output');
		const created = sandbox.zoho.records('Leads');
		if (created.length !== before + 1) throw new Error(`The sandbox has ${created.length} Leads, expected ${before + 1}`);
		const lead = created.find((record) => record.Last_Name === 'Browser') as Record<string, unknown> | undefined;
		if (!lead || lead.Company !== 'Playwright Ltd' || lead.Lead_Status !== 'Contacted' || lead.Annual_Revenue !== 250000 || lead.Email_Opt_Out !== true) {
			throw new Error(`The created lead does not carry the mapped fields: ${JSON.stringify(lead)}`);
		}
		await screenshot(page, '08-zoho-create-output', 'Zoho create output');
	});

	step('switches to Get Many and shows the Leads as output rows', async () => {
		await page.getByTestId('parameter-input-operation').click();
		await chooseOpenOption(page, 'Get Many', 'the Operation list');
		await expectVisible(page.getByTestId('parameter-input-returnAll'), 'the Return All switch of Get Many');
		// A few readable columns instead of every field (the field list is loaded from the sandbox).
		await expectVisible(page.getByTestId('node-parameters').getByText('Leave empty to return every field'), 'the hint under the field list');
		await page.getByTestId('parameter-input-fields').click();
		await expectTexts(page.locator('.el-select-dropdown__item:visible'), 'Leads fields to return', 20);
		for (const field of ['Last Name (Last_Name)', 'Company (Company)', 'Email (Email)', 'Lead Status (Lead_Status)']) {
			await chooseOpenOption(page, field, 'the field list');
		}
		await page.keyboard.press('Escape');
		const items = await executeStep(page);
		if (items < SEEDED_LEADS) throw new Error(`Get Many returned ${items} items, expected at least ${SEEDED_LEADS}`);
		await expectVisible(page.getByTestId('output-panel').locator('table tbody tr').nth(SEEDED_LEADS - 1), `${SEEDED_LEADS} rows in the output table`);
		await expectVisible(page.getByTestId('output-panel').getByText('Playwright Ltd'), 'the lead created in the previous step among the rows');
		await screenshot(page, '09-zoho-get-many-output', 'Zoho get many output');
		await page.getByTestId('ndv-close-button').click();
		const node = await expectVisible(page.getByTestId('canvas-default-node'), 'the Zoho CRM Connect node on the canvas');
		await expectVisible(node.getByText('getMany: record'), 'the subtitle "getMany: record" on the canvas node');
		await expectVisible(page.getByTestId('canvas-node-status-success'), 'the success mark on the canvas node');
		await screenshot(page, '10-zoho-canvas', 'canvas with the executed Zoho CRM Connect node');
	});

	step('runs a MailChimp Campaigns report from the node panel', async () => {
		await newWorkflowWithManualTrigger(page, n8n.baseUrl);
		await openNodePanelAfterTrigger(page);
		await searchNodePanel(page, 'campaign');
		await (await expectVisible(nodePanelItem(page, 'MailChimp Campaigns'), 'MailChimp Campaigns in the node panel')).click();
		const actions = await expectTexts(page.getByTestId('node-creator').getByTestId('node-creator-item-name'), 'MailChimp Campaigns actions', 10);
		for (const action of ['Get many campaign reports', 'Get a campaign report', 'Get email activity of a campaign']) {
			if (!actions.includes(action)) throw new Error(`The MailChimp Campaigns actions lack "${action}": ${actions.join(' | ')}`);
		}
		await expectIconsLoaded(page.getByTestId('node-creator'), 'mailchimpCampaigns.svg', 'MailChimp Campaigns');
		await nodePanelItem(page, 'Get many campaign reports').click();
		await expectVisible(page.getByTestId('ndv'), 'the node details view of the new MailChimp Campaigns node');
		const listed = await pickCredential(page, MAILCHIMP_OAUTH);
		for (const name of [MAILCHIMP_OAUTH, MAILCHIMP_KEY]) {
			if (!listed.some((text) => text.includes(name))) throw new Error(`The credential picker lacks "${name}": ${listed.join(' | ')}`);
		}
		await screenshot(page, '11-mailchimp-credential', 'MailChimp credential picker');
		await choosePickedCredential(page, MAILCHIMP_OAUTH);
		if ((await inputValue(page.getByTestId('parameter-input-resource'))) !== 'Report') throw new Error('Resource is not "Report"');
		if ((await inputValue(page.getByTestId('parameter-input-operation'))) !== 'Get Many') throw new Error('Operation is not "Get Many"');
		// Simplified: one flat row per campaign with the fields a CRM campaign needs.
		await (await expectVisible(page.getByTestId('parameter-input-simplify').locator('.el-switch'), 'the Simplify switch')).click();
		const items = await executeStep(page);
		await expectVisible(page.getByTestId('output-panel').locator('th', { hasText: 'open_rate' }), 'the open_rate column of the simplified report');
		const sent = sandbox.mailchimp.campaigns().filter((campaign) => campaign.status === 'sent').length;
		if (items !== sent || items === 0) throw new Error(`The report listing returned ${items} items, the sandbox has ${sent} sent campaigns`);
		await expectVisible(page.getByTestId('output-panel').locator('table tbody tr').nth(items - 1), `${items} report rows in the output table`);
		await screenshot(page, '12-mailchimp-report-output', 'MailChimp report output');
	});

	step('shows the Custom Service credential form with every URL field and the presets', async () => {
		await page.goto(`${n8n.baseUrl}/home/credentials`);
		await (await expectVisible(page.getByTestId('add-resource-credential'), 'the "Create credential" button')).click();
		const typeSelect = await expectVisible(page.getByTestId('new-credential-type-select'), 'the credential type picker');
		await typeSelect.locator('input').fill('Custom Service');
		await (await expectVisible(page.getByTestId('new-credential-type-select-option').filter({ hasText: 'Custom Service OAuth2 API' }), 'Custom Service OAuth2 API among the credential types')).click();
		await page.getByTestId('new-credential-type-button').click();
		const modal = await expectVisible(page.getByTestId('editCredential-modal'), 'the credential form');
		await expectVisible(modal.getByTestId('copy-input'), 'the OAuth redirect URL to register with the service');
		for (const field of ['clientId', 'clientSecret', 'preset', 'serviceName', 'authorizeUrl', 'tokenUrl', 'refreshTokenUrl', 'scope', 'extraAuthParameters', 'apiBaseUrl', 'allowedHosts', 'sendAs', 'expiredStatusCodes']) {
			await expectVisible(modal.getByTestId(`parameter-input-${field}`), `the "${field}" field of the Custom Service credential`);
		}
		await expectIconsLoaded(modal, 'customService', 'Custom Service credential');
		await modal.getByTestId('parameter-input-preset').click();
		const presets = await expectTexts(openOptions(page), 'service presets', 5);
		for (const preset of ['Custom', 'Google', 'HubSpot', 'MailChimp', 'Zoho (US)']) {
			if (!presets.includes(preset)) throw new Error(`The presets lack "${preset}": ${presets.join(' | ')}`);
		}
		await screenshot(page, '13-custom-service-presets', 'Custom Service presets');
		await option(page, 'MailChimp').click();
		await expectVisible(modal.getByText(/MailChimp preset, used where the fields below are empty/), 'the MailChimp preset notice');
		// The whole preset parameter (label included) at the top of the form's scroll area.
		await modal.getByTestId('preset').first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
		await expectVisible(modal.getByTestId('parameter-input-authorizeUrl'), 'the Authorize URL next to the preset notice');
		await screenshot(page, '14-custom-service-urls', 'Custom Service URL fields');
		await modal.getByTestId('parameter-input-apiBaseUrl').scrollIntoViewIfNeeded();
		await expectCleanPage(page, 'Custom Service form, lower part');
	});
});

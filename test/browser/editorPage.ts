/**
 * Small helpers for driving the real n8n editor in headless Chromium (the build `@sparticuz/chromium`
 * ships on npm, see chromium.ts, driven by playwright-core: no browser download). Every helper
 * waits for what it needs and throws a message naming the missing element, so the browser test
 * fails instead of taking a picture of a broken page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';
import { trackChild } from '../../scripts/childProcesses';
import { REPO_ROOT } from '../../scripts/host';
import { chromiumExecutable } from './chromium';
import { waitFor } from '../helpers/waitFor';

export const IMAGES_DIR = join(REPO_ROOT, 'docs', 'images');
/** Fixed so the screenshots in docs/images/ stay comparable between runs. */
export const VIEWPORT = { width: 1440, height: 900 };
/** The machine is shared and has 2 cores: n8n's editor can take seconds to answer. */
export const WAIT_MS = 30_000;

/** Where the browser comes from (CHROMIUM_PATH or @sparticuz/chromium, unpacked on first use). */
export async function chromiumPath(): Promise<string> {
	return (await chromiumExecutable()).executablePath;
}

/**
 * Headless Chromium as a browser server we hold the process of (recorded in scripts/childProcesses.ts,
 * so a failing run never leaves it behind), connected over its websocket. Closing the returned
 * browser closes the server, i.e. ends the Chromium process.
 */
export async function launchBrowser(): Promise<Browser> {
	// n8n's editor marks its elements with data-test-id (not playwright's default data-testid).
	selectors.setTestIdAttribute('data-test-id');
	const { executablePath, env } = await chromiumExecutable();
	const server = await chromium.launchServer({
		executablePath,
		env: { ...process.env, ...env },
		// We run as root in CI; no GPU in containers.
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
	});
	trackChild(server.process(), 'chromium');
	let browser: Browser;
	try {
		browser = await chromium.connect(server.wsEndpoint());
	} catch (error) {
		await server.close();
		throw error;
	}
	const disconnect = browser.close.bind(browser);
	browser.close = async (options) => {
		await disconnect(options).catch(() => undefined);
		await server.close();
	};
	return browser;
}

export async function newEditorPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' });
	const page = await context.newPage();
	page.setDefaultTimeout(WAIT_MS);
	return page;
}

/** Waits until `locator` is visible; the error names what was expected. */
export async function expectVisible(locator: Locator, what: string, timeout = WAIT_MS): Promise<Locator> {
	try {
		await locator.first().waitFor({ state: 'visible', timeout });
	} catch {
		throw new Error(`Expected to see ${what} in the editor, but it did not appear within ${timeout / 1000} s`);
	}
	return locator.first();
}

/** Waits until `locator` has at least `min` elements and returns their texts. */
export async function expectTexts(locator: Locator, what: string, min = 1, timeout = WAIT_MS): Promise<string[]> {
	let texts: string[] = [];
	return await waitFor(
		async () => {
			texts = (await locator.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
			return texts.length >= min ? texts : undefined;
		},
		{ what: `at least ${min} ${what}`, timeoutMs: timeout, describe: () => `found ${texts.length}${texts.length ? `: ${texts.join(' | ')}` : ''}` },
	);
}

/** The option elements of every open dropdown (element-plus selects, reka menus, n8n's resource locator). */
export function openOptions(page: Page): Locator {
	return page.locator('.el-select-dropdown__item:visible, [role="menuitem"]:visible, [data-test-id="rlc-item"]:visible');
}

/** An option of an open dropdown by its exact text (or headline, for options with a description). */
export function option(page: Page, text: string): Locator {
	const exact = new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
	const options = openOptions(page);
	return options.filter({ hasText: exact }).or(options.filter({ has: page.locator('.option-headline', { hasText: exact }) }));
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const RAW_JSON_ERROR = /\{\s*"(?:message|error|code|status|errorMessage|description)"\s*:/;
const UNDEFINED_TEXT = /\bundefined\b|\[object Object\]|\bNaN\b/;

/**
 * What a user must never see on a normal path: the word "undefined" (or [object Object], NaN),
 * raw JSON error bodies, an open dropdown without options, or an error toast.
 */
export async function expectCleanPage(page: Page, step: string): Promise<void> {
	const problems: string[] = [];
	const text = await page.locator('body').innerText();
	const undefinedLine = text.split('\n').find((line) => UNDEFINED_TEXT.test(line));
	if (undefinedLine) problems.push(`shows "${undefinedLine.trim().slice(0, 200)}"`);
	const jsonLine = text.split('\n').find((line) => RAW_JSON_ERROR.test(line));
	if (jsonLine) problems.push(`shows raw JSON: "${jsonLine.trim().slice(0, 200)}"`);
	const emptyDropdowns = await page
		.locator('.el-select-dropdown:visible, .el-select__popper:visible')
		.filter({ has: page.locator('.el-select-dropdown__empty') })
		.count();
	if (emptyDropdowns) problems.push(`has ${emptyDropdowns} open dropdown(s) without options`);
	// In one evaluation: a dropdown that closes between counting and reading (its leave transition)
	// would otherwise leave a locator waiting for an element that is gone.
	const emptyOpenLists = await page.locator('.el-select-dropdown:visible').evaluateAll(
		(lists) =>
			lists.filter((list) => {
				// tsconfig has no DOM lib: the element properties we read.
				const element = list as unknown as { innerText: string; querySelectorAll(selector: string): { length: number } };
				return element.querySelectorAll('.el-select-dropdown__item').length === 0 && element.innerText.trim() === '';
			}).length,
	);
	if (emptyOpenLists) problems.push('has an open, empty dropdown');
	const errorToasts = await page.locator('.el-notification--error:visible, .el-notification .el-icon-error:visible').allInnerTexts();
	for (const toast of errorToasts) problems.push(`shows an error toast: "${toast.trim().slice(0, 300)}"`);
	const errorNotifications = await page.locator('.el-notification:visible').filter({ has: page.locator('.el-notification__icon.el-notification--error, .n8n-notification-error') }).allInnerTexts();
	for (const toast of errorNotifications) problems.push(`shows an error notification: "${toast.trim().slice(0, 300)}"`);
	if (problems.length) throw new Error(`Step "${step}": the editor ${problems.join('; ')}`);
}

/** Checks the page, then saves docs/images/<name>.png (overwritten each run). */
export async function screenshot(page: Page, name: string, step: string): Promise<void> {
	await expectCleanPage(page, step);
	mkdirSync(IMAGES_DIR, { recursive: true });
	// No hover toolbars or tooltips in the picture (a corner no control sits in).
	await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
	await transitionsSettled(page, step);
	await page.screenshot({ path: join(IMAGES_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/**
 * Waits until no transition or finite animation (dropdowns, NDV slide-in, tooltips fading out) is
 * running on the page, seen on two animation frames in a row (one that starts on the next frame
 * counts too), so the picture is stable. Endless animations (spinners) do not count.
 */
export async function transitionsSettled(page: Page, step: string): Promise<void> {
	// tsconfig has no DOM lib: the piece of the Web Animations API used here, and our frame counter.
	type Animation = { playState: string; effect: { getComputedTiming(): { iterations?: number } } | null };
	type Scope = { document: { getAnimations(): Animation[] }; __settle?: { token: string; quietFrames: number } };
	const token = `${Date.now()}-${Math.random()}`;
	try {
		// Polled on every animation frame; settled once two frames in a row had nothing running.
		await page.waitForFunction(
			(call) => {
				const scope = globalThis as unknown as Scope;
				if (scope.__settle?.token !== call) scope.__settle = { token: call, quietFrames: 0 };
				const running = scope.document
					.getAnimations()
					.some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
				scope.__settle.quietFrames = running ? 0 : scope.__settle.quietFrames + 1;
				return scope.__settle.quietFrames >= 2;
			},
			token,
			{ timeout: WAIT_MS, polling: 'raf' },
		);
	} catch {
		throw new Error(`Step "${step}": the editor's transitions did not come to rest within ${WAIT_MS / 1000} s`);
	}
}

/** Every <img> in `scope` whose src contains `fragment` has loaded (a broken icon has naturalWidth 0). */
export async function expectIconsLoaded(scope: Locator, fragment: string, what: string): Promise<string[]> {
	const images = scope.locator(`img[src*="${fragment}"]`);
	await expectVisible(images, `the ${what} icon`);
	let states: Array<{ src: string; ok: boolean }> = [];
	return await waitFor(
		async () => {
			states = await images.evaluateAll((elements) =>
				elements.map((element) => {
					// tsconfig has no DOM lib: the <img> properties we read.
					const image = element as unknown as { complete: boolean; naturalWidth: number; getAttribute(name: string): string | null };
					return { src: image.getAttribute('src') ?? '', ok: image.complete && image.naturalWidth > 0 };
				}),
			);
			return states.length && states.every((state) => state.ok) ? states.map((state) => state.src) : undefined;
		},
		{ what: `the ${what} icon to load`, timeoutMs: WAIT_MS, describe: () => JSON.stringify(states) },
	);
}

export interface OwnerForm {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** Fills n8n's "Set up owner account" page (shown by a fresh instance). Leaves the form submitted. */
export async function fillOwnerSetup(page: Page, owner: OwnerForm): Promise<void> {
	await expectVisible(page.getByTestId('setup-form'), 'the owner setup form');
	for (const field of ['email', 'firstName', 'lastName', 'password'] as const) {
		await page.getByTestId(field).locator('input').fill(owner[field]);
	}
}

/** A new, empty workflow with a Manual Trigger added from the node panel. */
export async function newWorkflowWithManualTrigger(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`);
	await (await expectVisible(page.getByTestId('canvas-plus-button'), 'the "Add first step" button of an empty canvas')).click();
	await searchNodePanel(page, 'manual');
	await (await expectVisible(page.getByTestId('node-creator-node-item').filter({ hasText: 'Manual Trigger' }), 'the Manual Trigger in the node panel')).click();
	await expectVisible(page.getByTestId('canvas-trigger-node'), 'the Manual Trigger on the canvas');
}

export async function searchNodePanel(page: Page, query: string): Promise<void> {
	const search = await expectVisible(page.getByTestId('node-creator-search-bar'), 'the node panel search bar');
	await search.fill(query);
}

/** Names of the nodes the node panel lists for `query` (waits until `expected` is among them). */
export async function nodePanelResults(page: Page, query: string, expected: string): Promise<string[]> {
	await searchNodePanel(page, query);
	const names = page.getByTestId('node-creator-item-name');
	await expectVisible(names.filter({ hasText: new RegExp(`^${escapeRegExp(expected)}$`) }), `"${expected}" when searching the node panel for "${query}"`);
	return (await names.allInnerTexts()).map((name) => name.trim());
}

/** Opens the node panel from the (only) trigger's output handle. */
export async function openNodePanelAfterTrigger(page: Page): Promise<void> {
	await (await expectVisible(page.getByTestId('canvas-handle-plus'), 'the + handle after the trigger')).click();
	await expectVisible(page.getByTestId('node-creator-search-bar'), 'the node panel');
}

export function nodePanelItem(page: Page, name: string): Locator {
	return page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) });
}

/** Opens the credential dropdown of the open node and chooses `name`; returns every credential listed. */
export async function pickCredential(page: Page, name: string): Promise<string[]> {
	await (await expectVisible(page.getByTestId('node-credentials-select'), 'the credential picker of the node')).click();
	const items = page.locator('.el-select-dropdown__item:visible');
	await expectVisible(items.filter({ hasText: name }), `the credential "${name}" in the credential picker`);
	return await expectTexts(items, 'credentials in the credential picker');
}

/** After pickCredential(): chooses `name` and checks the node shows it. */
export async function choosePickedCredential(page: Page, name: string): Promise<void> {
	await page.locator('.el-select-dropdown__item:visible').filter({ hasText: name }).first().click();
	const select = page.getByTestId('node-credentials-select');
	let shown = '';
	await waitFor(async () => (shown = await inputValue(select)) === name, {
		what: `the node to show the chosen credential "${name}"`,
		timeoutMs: WAIT_MS,
		describe: () => `it shows "${shown}"`,
	});
}

export async function chooseOpenOption(page: Page, text: string, what: string): Promise<void> {
	await (await expectVisible(option(page, text), `"${text}" in ${what}`)).click();
}

/** The value an n8n parameter input shows (select or text input). */
export async function inputValue(scope: Locator): Promise<string> {
	return (await scope.locator('input').first().inputValue()).trim();
}

/** Clicks "Execute step" in the open node and waits for its output; returns the "N items" count. */
export async function executeStep(page: Page): Promise<number> {
	await (await expectVisible(page.getByTestId('node-execute-button'), 'the "Execute step" button')).click();
	const outputPanel = page.getByTestId('output-panel');
	await expectVisible(outputPanel.getByTestId('node-run-status-success'), 'a successful run of the node (green check in the output panel)', 60_000);
	const count = await expectVisible(outputPanel.getByTestId('ndv-items-count'), 'the item count of the output');
	await dismissToasts(page);
	const match = /(\d+)\s+items?/.exec(await count.innerText());
	if (!match) throw new Error(`The output panel shows no item count: "${await count.innerText()}"`);
	return Number(match[1]);
}

/** Closes the "Node executed successfully" toasts so they do not cover the output in screenshots. */
export async function dismissToasts(page: Page): Promise<void> {
	const close = page.locator('.el-notification:visible .el-notification__closeBtn');
	for (let attempt = 0; attempt < 10; attempt++) {
		const open = await close.count();
		if (open === 0) return;
		await close.first().click({ timeout: 2_000 }).catch(() => undefined);
		// The clicked toast leaves (its close transition ends and it is removed) before the next one.
		await waitFor(async () => (await close.count()) < open, { what: 'the toast to close', timeoutMs: 5_000 }).catch(() => undefined);
	}
}

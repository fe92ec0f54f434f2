/**
 * Chromium for the browser test, from the npm registry: `@sparticuz/chromium` carries a
 * brotli-compressed headless Chromium build (bin/chromium.br), the NSS libraries it links against
 * (bin/al2023.tar.br) and a font (bin/fonts.tar.br, Open Sans). We unpack them once into
 * node_modules/.cache/zoho-connect-chromium/<version>/ and start the binary with playwright-core.
 *
 * We do not run the package's own JavaScript (an ES module that unpacks into the shared /tmp and
 * sets AWS Lambda flags such as --single-process), only take its files; so its Node engine field
 * (22+) does not concern us. From the system the binary needs only glibc and libgcc: NSS, NSPR
 * and expat come from al2023.tar.br (LD_LIBRARY_PATH), fonts through a fontconfig file of our own
 * (the system's font folders plus the bundled Open Sans, so text renders even where no font
 * package is installed).
 *
 * CHROMIUM_PATH=<binary> uses another Chromium instead (e.g. Debian's /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { REPO_ROOT } from '../../scripts/host';

export interface ChromiumExecutable {
	executablePath: string;
	/** Environment the binary needs on top of ours (empty for CHROMIUM_PATH). */
	env: Record<string, string>;
	/** Where it comes from, for messages. */
	source: string;
}

const PACKAGE = '@sparticuz/chromium';

function packageDir(): { dir: string; version: string } {
	let dir: string;
	try {
		// Its export is build/index.js; the binaries are in bin/.
		dir = dirname(dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve(PACKAGE)));
	} catch {
		throw new Error(`${PACKAGE} is not installed: run \`npm install\` (a devDependency: the Chromium the browser test drives), or set CHROMIUM_PATH to a Chromium binary`);
	}
	const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
	return { dir, version };
}

async function unbrotli(source: string, target: string, mode: number): Promise<void> {
	await pipeline(createReadStream(source), createBrotliDecompress(), createWriteStream(target, { mode }));
}

/** Unpacks a (small) .tar.br with the system's tar (Debian's is essential). */
function untarBrotli(source: string, targetDir: string): void {
	mkdirSync(targetDir, { recursive: true });
	const tarFile = join(targetDir, `${basename(source, '.br')}`);
	writeFileSync(tarFile, brotliDecompressSync(readFileSync(source)));
	const result = spawnSync('tar', ['-x', '--no-same-owner', '-f', tarFile, '-C', targetDir], { encoding: 'utf8' });
	rmSync(tarFile, { force: true });
	if (result.status !== 0) throw new Error(`tar -x of ${source} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`);
}

function fontsConf(cacheDir: string): string {
	const dirs = [join(cacheDir, 'fonts'), '/usr/share/fonts', '/usr/local/share/fonts'];
	return [
		'<?xml version="1.0"?>',
		'<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
		'<fontconfig>',
		...dirs.map((dir) => `  <dir>${dir}</dir>`),
		`  <cachedir>${join(cacheDir, 'fontconfig-cache')}</cachedir>`,
		'</fontconfig>',
		'',
	].join('\n');
}

let prepared: Promise<ChromiumExecutable> | undefined;

/** The Chromium to launch: CHROMIUM_PATH, else @sparticuz/chromium's, unpacked on first use (about 6 s). */
export function chromiumExecutable(): Promise<ChromiumExecutable> {
	prepared ??= prepare().catch((error: unknown) => {
		prepared = undefined;
		throw error;
	});
	return prepared;
}

async function prepare(): Promise<ChromiumExecutable> {
	const override = process.env.CHROMIUM_PATH;
	if (override) {
		if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
		return { executablePath: override, env: {}, source: `CHROMIUM_PATH (${override})` };
	}
	const { dir, version } = packageDir();
	const cacheDir = join(REPO_ROOT, 'node_modules', '.cache', 'zoho-connect-chromium', version);
	const executablePath = join(cacheDir, 'chromium');
	// The binary is written last: its presence means the folder is complete.
	if (!existsSync(executablePath)) {
		mkdirSync(dirname(cacheDir), { recursive: true });
		const staging = mkdtempSync(`${cacheDir}.tmp-`);
		chmodSync(staging, 0o755);
		try {
			untarBrotli(join(dir, 'bin', 'al2023.tar.br'), staging);
			untarBrotli(join(dir, 'bin', 'fonts.tar.br'), staging);
			writeFileSync(join(staging, 'fonts.conf'), fontsConf(cacheDir));
			await unbrotli(join(dir, 'bin', 'chromium.br'), join(staging, 'chromium.part'), 0o755);
			chmodSync(join(staging, 'chromium.part'), 0o755);
			renameSync(join(staging, 'chromium.part'), join(staging, 'chromium'));
			try {
				renameSync(staging, cacheDir);
			} catch (error) {
				// Another run unpacked it meanwhile; use theirs.
				if (!existsSync(executablePath)) throw error;
			}
		} finally {
			rmSync(staging, { recursive: true, force: true });
		}
	}
	return {
		executablePath,
		env: { LD_LIBRARY_PATH: join(cacheDir, 'lib'), FONTCONFIG_FILE: join(cacheDir, 'fonts.conf') },
		source: `${PACKAGE} ${version}`,
	};
}

/**
 * The only file that imports the bulk libraries. They are devDependencies: `npm run build`
 * (scripts/bundle-libraries.mjs) replaces this file's compiled output with a bundle of them, so
 * dist/ requires none of them at run time.
 */
export { DecodeUTF8, Unzip, UnzipInflate, zipSync } from 'fflate';
export { parse as parseCsv } from 'csv-parse/sync';
export { stringify as stringifyCsv } from 'csv-stringify/sync';

// The folder walk of `lint <folder>`: finds spark-defaults.conf(.template), conf/servers|leads|
// locators(.template) and SparkApplication YAML. Links are followed, but every folder and file is
// visited once by its real path, so `ln -s . loop` neither hangs the walk nor lints a file twice.
// A subfolder or file that cannot be read is skipped with a warning; the rest is still linted.
import { type Stats, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isSparkApplicationYaml, memberRoleOf } from '../core/document/kind';
import { InputError, readText, reasonOf } from './input';

const SKIP_DIRS = new Set(['node_modules', '.git']);

function isConfigName(path: string): boolean {
  const name = basename(path);
  if (name === 'spark-defaults.conf' || name === 'spark-defaults.conf.template') return true;
  if (memberRoleOf(path) !== undefined) return basename(join(path, '..')) === 'conf';
  return false;
}

export interface Walk {
  /** Config files found, in a stable order (names sorted within each folder). */
  readonly files: string[];
  /** Real paths already visited (folders and files), shared across the folders given. */
  readonly seen: Set<string>;
  readonly warn: (message: string) => void;
}

export function newWalk(warn: (message: string) => void): Walk {
  return { files: [], seen: new Set(), warn };
}

/** Marks a path visited by its real path; false when it was visited before (or cannot be resolved). */
export function firstVisit(walk: Walk, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    walk.warn(`${path}: ${reasonOf(e)}, skipped`);
    return false;
  }
  if (walk.seen.has(real)) return false;
  walk.seen.add(real);
  return true;
}

function visitFile(walk: Walk, path: string, name: string, st: Stats): void {
  const config = isConfigName(path);
  const yaml = /\.ya?ml$/i.test(name);
  if (!config && !yaml) return;
  if (!st.isFile()) {
    if (config) walk.warn(`${path}: not a regular file, skipped`);
    return;
  }
  if (!firstVisit(walk, path)) return;
  if (config) {
    walk.files.push(path);
    return;
  }
  try {
    if (isSparkApplicationYaml(readText(path))) walk.files.push(path);
  } catch (e) {
    // A YAML file that is not a SparkApplication is not one the user asked for; say why it was not looked at.
    walk.warn(`${e instanceof InputError ? e.message : `${path}: ${reasonOf(e)}`}, skipped`);
  }
}

/** Walks `dir` (a folder the user named: one that cannot be read is an input error). */
export function walkFolder(walk: Walk, dir: string): void {
  if (!firstVisit(walk, dir)) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(`${dir}: ${reasonOf(e)}`);
  }
  visitEntries(walk, dir, names);
}

function visitEntries(walk: Walk, dir: string, names: readonly string[]): void {
  for (const name of names) {
    const path = join(dir, name);
    let st: Stats;
    try {
      st = statSync(path);
    } catch (e) {
      walk.warn(`${path}: ${reasonOf(e)}, skipped`);
      continue;
    }
    if (!st.isDirectory()) {
      visitFile(walk, path, name, st);
      continue;
    }
    if (SKIP_DIRS.has(name) || !firstVisit(walk, path)) continue;
    let sub: string[];
    try {
      sub = readdirSync(path).sort();
    } catch (e) {
      walk.warn(`${path}: ${reasonOf(e)}, skipped`);
      continue;
    }
    visitEntries(walk, path, sub);
  }
}

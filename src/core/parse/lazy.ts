// The entry of dist/yaml.js: the YAML parser and the SparkApplication reader built on it, which only
// YAML documents need. The Node build (scripts/build.mjs) gives the extension bundle a stand-in for
// `yaml` and for ./sparkApplication whose exports load dist/yaml.js on first use, so activation and
// .conf files never pay for either; the web worker build bundles them as they are.
export * as yaml from 'yaml';
export * as sparkApplication from './sparkApplication';

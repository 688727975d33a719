// The entry of dist/panel.js: the host side of the two panels (the simulation panel, the event log's
// Run view) and what only they use (the event log reader, the History Server client, the workload
// engine). The Node build (scripts/build.mjs) gives the extension bundle a stand-in for each module
// below whose exports load dist/panel.js on first use, so activation does not pay for them; the web
// worker build bundles them as they are. Each module is one namespace here, so equal names in two
// modules cannot collide.
export * as simulationPanel from './simulationPanel';
export * as configPayload from './configPayload';
export * as scenarios from './scenarios';
export * as eventLogRead from './eventLogRead';
export * as eventLogHtml from './eventLogHtml';
export * as runView from './runView';
export * as protocol from '../../shared/protocol';
export * as historyServer from '../../cli/historyServer';
export * as eventlog from '../../core/eventlog';
export * as workload from '../../core/workload';

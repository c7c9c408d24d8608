/**
 * Model descriptions: spikeforge networks as brian2tools' baseexport JSON
 * (and back), as Brian2 scripts, and as Markdown.
 */
export { exportModel, EXPORTER, type ExportOptions } from './baseexport.ts';
export { importModel, ModelFileError, type ImportedModel, type ImportedRun } from './import.ts';
export { toBrian2Script, brian2ScriptFromModel } from './brian2script.ts';
export { toMarkdown, markdownFromModel, latex } from './markdown.ts';
export { monitorResults, resultsFigure, type MonitorResults, type EventResults, type StateResults, type RateResults } from './results.ts';
export { formatNumpyArray, formatQuantityArray } from './numpy-format.ts';
export type * from './format.ts';

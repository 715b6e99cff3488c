// The linkage module (issue 18, models 20, 34–36): sector lists matched to the registry. Other modules import only this file.
export { RegistryIndex, linkRows, statusAt, DEFAULT_THRESHOLDS, type LinkResult, type RegistryRecord, type Thresholds } from './engine.js';
export { readListFile, ListFileError, type ListRow } from './input.js';
export { resultColumns, resultLine } from './output.js';
export { syntheticList, syntheticRegistry, type SyntheticRow } from './synthetic.js';

export { bandwidthFromRule, bandwidthRules, ruleOfThumb } from './rules.js';
export type { BandwidthChoice, BandwidthRule, BandwidthSelection, SelectorMethod } from './rules.js';
export { checkWidths, resolveBandwidth } from './resolve.js';
export type { BandwidthInput } from './resolve.js';
export { iqr, quantile7, sampleSd } from './statistics.js';

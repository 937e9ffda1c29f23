/**
 * nadaraya — attention pooling by similarity: Nadaraya–Watson regression and classification and Parzen
 * density estimation on one streaming, exact weights engine.
 */
export { NadarayaError } from './errors.js';
export type { ErrorCode, ErrorDetail, SerializedNadarayaError } from './errors.js';

export * from './kernels/index.js';

export { estimateGradient } from './engine/gradient.js';
export { pool, estimates, diagnostics, denseAttention, topKAttention, referencePool, referenceSimilarity, makeKeySet, toUnitSphere } from './engine/index.js';
export type { KeySet, PoolSums, PoolOptions, Similarity, Diagnostics, DenseAttention, TopKAttention } from './engine/index.js';

export * from './bandwidth/index.js';

export { KernelRegression, FittedKernelRegression, regression } from './estimators/regression.js';
export type { DetailedPrediction, LeaveOneOutRegression } from './estimators/regression.js';
export { KernelClassifier, FittedKernelClassifier, classifier } from './estimators/classification.js';
export type { ClassPrediction, LeaveOneOutClassification } from './estimators/classification.js';
export { KernelDensity, FittedKernelDensity, density } from './estimators/density.js';
export type { LeaveOneOutDensity, DetailedDensity } from './estimators/density.js';
export { POOL_METHODS, approxPool } from './approx/index.js';
export { ERROR_SCALES } from './approx/scale.js';
export type { ErrorScale } from './approx/scale.js';
export type { PoolMethod, ConcreteMethod, MethodReport, FallbackReport, PoolRequest } from './approx/index.js';
export type { EstimatorOptions, EmptyPolicy, MissingPolicy, WarningInfo } from './estimators/options.js';
export type { FitOptions, RecordAccessors } from './estimators/fit-input.js';
export type { Accessor, PointsInput, QueryInput, ValuesInput } from './data/input.js';

export { seededRandom } from './data/random.js';
export type { Random } from './data/random.js';
export { chapterData, chapterFunction, CHAPTER_SEED } from './data/chapter.js';
export type { ChapterData } from './data/chapter.js';
export { backendStatus } from './backends/registry.js';
export type { BackendChoice, BackendName, Precision } from './backends/types.js';

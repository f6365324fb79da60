export { FilterEvaluationError, FilterParseError, type SourcePosition } from './filter-errors';
export type { PropertyLookup } from './evaluator';
export { compileSql92, type IgnoredTail, SQL92, type Sql92Filter } from './sql92-filter';
export { type CompileOutcome, Sql92FilterCache } from './sql92-filter-cache';

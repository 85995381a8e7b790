/**
 * @quiver/exec — execution: physical operators that stream Apache Arrow record batches, the
 * vectorized kernels and physical expressions they evaluate, built-in functions, data sources
 * (memory, Parquet, CSV, Arrow IPC), memory accounting, and the physical planner.
 */
export type { ExecutionPlan, TaskContext } from './execution-plan.js';
export { OperatorMetrics } from './execution-plan.js';
export { ExecBase, MemoryReservation, batchBytes } from './operators/exec-base.js';
export { makeBatch, columnsOf, takeBatch, filterBatch, sliceBatch, concatBatches } from './selection/record-batch.js';
export type { PhysicalExpr } from './physical-expr.js';
export { MemoryPool, formatBytes } from './memory.js';
export { createPhysicalPlan, collectBatches } from './physical-planner.js';
export type { ExtensionPlanner, PhysicalOptimizerRule, PhysicalPlannerOptions } from './extension-planner.js';
export { physicalPlanToString } from './display.js';
export * from './expressions/index.js';
export { builtinScalarFunctions, builtinTableFunctions } from './functions/index.js';
export { builtinAggregateFunctions } from './aggregates/builtin.js';
export type { TableProvider } from './sources/table-provider.js';
export { MemTable } from './sources/mem-table.js';
export { ParquetTable } from './sources/parquet-table.js';
export { ArrowIpcTable } from './sources/arrow-ipc-table.js';
export { CsvTable, type CsvOptions } from './sources/csv-table.js';
export { withStatistics, type SuppliedStatistics } from './sources/with-statistics.js';
export { FilterExec } from './operators/filter-exec.js';
export { ProjectionExec } from './operators/projection-exec.js';
export { HashAggregateExec, type AggregateCall, type GroupExpr } from './operators/hash-aggregate-exec.js';
export { HashJoinExec } from './operators/hash-join-exec.js';
export { NestedLoopJoinExec } from './operators/nested-loop-join-exec.js';
export type { PhysicalJoinType } from './operators/join-type.js';
export { SortExec } from './operators/sort-exec.js';
export { TopKExec } from './operators/top-k-exec.js';
export { WindowExec, type WindowCall } from './operators/window-exec.js';
export type { PhysicalSortKey } from './operators/sort-key.js';
export { LimitExec } from './operators/limit-exec.js';
export { UnionExec } from './operators/union-exec.js';
export { ValuesExec, EmptyExec } from './operators/values-exec.js';
export { MemoryScanExec } from './operators/memory-scan-exec.js';

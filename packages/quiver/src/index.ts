/**
 * quiver — the facade: `SessionContext` (tables, functions, SQL, optimizer rules, extension
 * planners), the lazy `DataFrame` with its typed expression helpers (`col`, `lit`, `sum`, …),
 * schema/catalog providers, file formats, and result rendering. The `quiver` command lives in `./cli`.
 * Guides: docs/README.md.
 */
export { SessionContext } from './session/context.js';
export { Catalog } from './session/catalog.js';
export { MemoryCatalogProvider, MemorySchemaProvider, type CatalogProvider, type SchemaProvider } from './session/schema-provider.js';
export { FileFormatRegistry, type FileFormat, type FileOptions } from './session/file-formats.js';
export { DataFrame, type ColumnArg, type SortArg } from './dataframe.js';
export {
  Expression,
  SortExpression,
  CaseBuilder,
  col,
  lit,
  fn,
  sum,
  avg,
  min,
  max,
  count,
  countDistinct,
  when,
  toExpression,
  type ExprArg,
  type AggregateArg,
  type FrameBoundArg,
  type FrameSpec,
  type WindowSpec,
} from './expr-helpers.js';
export {
  WindowFunctionCall,
  rowNumber,
  rank,
  denseRank,
  percentRank,
  cumeDist,
  ntile,
  lag,
  lead,
  firstValue,
  lastValue,
  nthValue,
} from './window-helpers.js';
export { render, renderCsv, renderJson, renderTable, type OutputFormat } from './format/render.js';
export { columnText } from './format/values.js';
export { runSltFile, SLT_ENGINE, type SltFileResult, type SltOptions, type SltRecordResult } from './slt/runner.js';
export { runSltCli } from './slt/cli.js';
export * from '@quiver/common';
export * as planner from '@quiver/planner';

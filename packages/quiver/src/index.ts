/**
 * quiver — the facade: `SessionContext` (tables, functions, SQL) and the lazy `DataFrame`, plus
 * result rendering. The `quiver` command lives in `./cli`.
 */
export { SessionContext } from './session/context.js';
export { Catalog } from './session/catalog.js';
export { FileFormatRegistry, type FileFormat, type FileOptions } from './session/file-formats.js';
export { DataFrame } from './dataframe.js';
export { render, renderCsv, renderJson, renderTable, type OutputFormat } from './format/render.js';
export { columnText } from './format/values.js';
export * from '@quiver/common';
export * as planner from '@quiver/planner';

/**
 * @quiver/udf — the function registry and user-defined function interfaces. Built-in and
 * user-defined functions register here; SQL planning resolves names through it.
 */
export { FunctionRegistry } from './registry.js';

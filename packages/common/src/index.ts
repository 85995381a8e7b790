/**
 * @quiver/common — what every Quiver layer shares: data types and their Arrow mapping, schemas,
 * scalar values, the error type with "did you mean" suggestions, and session configuration.
 */
export * from './types.js';
export * from './schema.js';
export * from './scalar.js';
export * from './error.js';
export * from './config.js';

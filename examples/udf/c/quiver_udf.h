/*
 * quiver_udf.h — write Quiver UDF ABI v1 guests (docs/udf-abi.md) in C.
 *
 * Build with wasi-libc (libm, malloc):
 *   clang --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -o f.wasm f.c
 * or freestanding (no libc; a bump allocator is used):
 *   clang --target=wasm32 -nostdlib -O2 -mbulk-memory -Wl,--no-entry -o f.wasm f.c
 *
 * In exactly one file, declare the manifest once:
 *   QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":[...]}")
 * which exports qe_udf_abi and qe_udf_manifest; then add the qe_udf.manifest custom section with
 * `node examples/udf/embed-manifest.mjs f.wasm`. Write
 * each entry point with QE_EXPORT(name) and the scalar or aggregate signature below.
 */
#ifndef QUIVER_UDF_H
#define QUIVER_UDF_H

#include <stddef.h>
#include <stdint.h>

#define QE_EXPORT(name) __attribute__((export_name(#name)))
#define QE_IMPORT(name) __attribute__((import_module("qe_udf"), import_name(#name)))

enum qe_type_id {
  QE_BOOLEAN = 1, QE_INT8 = 2, QE_INT16 = 3, QE_INT32 = 4, QE_INT64 = 5,
  QE_FLOAT32 = 10, QE_FLOAT64 = 11, QE_DATE32 = 12, QE_TIMESTAMP = 13, QE_DECIMAL128 = 14, QE_UTF8 = 15,
};

/* The 32-byte column descriptor (§5). */
typedef struct qe_column {
  uint32_t type;       /* type id | param1 << 8 | param2 << 16 */
  uint32_t length;     /* rows */
  int32_t null_count;  /* -1: unknown */
  uint8_t *validity;   /* NULL: no NULLs; bit set = valid */
  int32_t *offsets;    /* utf8 only: length + 1 offsets */
  uint8_t *data;
  uint32_t data_len;
  uint32_t reserved;
} qe_column;

_Static_assert(sizeof(qe_column) == 32, "qe_column is 32 bytes");

static inline uint32_t qe_type_id(const qe_column *c) { return c->type & 0xff; }
static inline uint32_t qe_decimal_scale(const qe_column *c) { return (c->type >> 16) & 0xff; }

/* Whether row i is not NULL. */
static inline int qe_is_valid(const qe_column *c, uint32_t i) {
  return c->validity == 0 || ((c->validity[i >> 3] >> (i & 7)) & 1);
}

/* Make row i of a result NULL (called-on-null functions and aggregates: the host prepared a bitmap). */
static inline void qe_set_null(qe_column *out, uint32_t i) {
  out->validity[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

static inline void qe_set_bool(qe_column *out, uint32_t i, int value) {
  if (value) out->data[i >> 3] |= (uint8_t)(1u << (i & 7));
  else out->data[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

/* Row i of a utf8 column: its bytes and length. */
static inline const uint8_t *qe_str(const qe_column *c, uint32_t i, uint32_t *len) {
  *len = (uint32_t)(c->offsets[i + 1] - c->offsets[i]);
  return c->data + c->offsets[i];
}

/* Host imports (§9). */
QE_IMPORT(log) void qe_log(int32_t level, const char *msg, uint32_t len);
QE_IMPORT(fail) __attribute__((noreturn)) void qe_fail(const char *msg, uint32_t len, int32_t row);

/* ---- memory: qe_alloc / qe_free ---- */
#ifdef __wasi__
#include <stdlib.h>
QE_EXPORT(qe_alloc) void *qe_alloc(uint32_t size, uint32_t align) {
  return aligned_alloc(align < sizeof(void *) ? sizeof(void *) : align, (size + align - 1) & ~(align - 1));
}
QE_EXPORT(qe_free) void qe_free(void *ptr, uint32_t size, uint32_t align) {
  (void)size, (void)align;
  free(ptr);
}
#else
extern unsigned char __heap_base;
static uintptr_t qe_heap_top = (uintptr_t)&__heap_base;
/* A bump allocator that reclaims the most recent block when it is freed. */
QE_EXPORT(qe_alloc) void *qe_alloc(uint32_t size, uint32_t align) {
  uintptr_t p = (qe_heap_top + align - 1) & ~(uintptr_t)(align - 1);
  uintptr_t end = p + size;
  uintptr_t limit = __builtin_wasm_memory_size(0) << 16;
  if (end > limit && __builtin_wasm_memory_grow(0, ((end - limit) + 65535) >> 16) == (size_t)-1) return 0;
  qe_heap_top = end;
  return (void *)p;
}
QE_EXPORT(qe_free) void qe_free(void *ptr, uint32_t size, uint32_t align) {
  (void)align;
  if ((uintptr_t)ptr + size == qe_heap_top) qe_heap_top = (uintptr_t)ptr;
}
#endif

/* ---- errors (§8) ---- */
typedef struct qe_error_info {
  const char *msg;
  uint32_t len;
  int32_t row;
} qe_error_info;
static qe_error_info qe_last_error_info = {0, 0, -1};
QE_EXPORT(qe_last_error) qe_error_info *qe_last_error(void) { return &qe_last_error_info; }

/* Record an error for row `row` (-1: none) and return the status to give back. */
static inline int32_t qe_error(const char *msg, int32_t row) {
  uint32_t len = 0;
  while (msg[len]) len++;
  qe_last_error_info.msg = msg;
  qe_last_error_info.len = len;
  qe_last_error_info.row = row;
  return 1;
}

/*
 * A utf8 result buffer of at least `bytes`: the host's scratch buffer when it is big enough,
 * otherwise a fresh block (the host frees it). Returns NULL when out of memory.
 */
static inline uint8_t *qe_utf8_reserve(qe_column *out, uint32_t bytes) {
  if (bytes > out->data_len) {
    out->data = (uint8_t *)qe_alloc(bytes ? bytes : 1, 1);
    if (!out->data) return 0;
  }
  out->data_len = bytes;
  return out->data;
}

/*
 * ---- the manifest (§2) ----
 * Exported through qe_udf_manifest. The qe_udf.manifest custom section is added after linking
 * (clang 14's wasm-ld cannot emit it): node examples/udf/embed-manifest.mjs f.wasm
 */
#define QE_MANIFEST(json)                                                                      \
  static const char qe_manifest_text[] = json;                                                 \
  static const uint32_t qe_manifest_header[2] = {(uint32_t)(uintptr_t)qe_manifest_text, sizeof(json) - 1}; \
  QE_EXPORT(qe_udf_abi) int32_t qe_udf_abi(void) { return 0x10000; }                           \
  QE_EXPORT(qe_udf_manifest) const uint32_t *qe_udf_manifest(void) { return qe_manifest_header; }

#endif

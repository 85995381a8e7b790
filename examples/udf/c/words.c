/* split_words(text) table function -> (word utf8, position int32): the words of a text (runs of
 * characters between ASCII whitespace), numbered from 1. Freestanding or wasi-libc. */
#include "quiver_udf.h"

QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":[{\"name\":\"split_words\",\"kind\":\"table\",\"args\":[\"utf8\"],"
            "\"columns\":[{\"name\":\"word\",\"type\":\"utf8\"},{\"name\":\"position\",\"type\":\"int32\"}]}]}")

typedef struct cursor {
  const uint8_t *text; /* the argument stays valid until _close */
  uint32_t len;
  uint32_t at;
  int32_t words;
} cursor;

static int is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

QE_EXPORT(split_words_open) cursor *split_words_open(const qe_column *args, uint32_t nargs, uint32_t nrows) {
  (void)nargs, (void)nrows;
  cursor *c = (cursor *)qe_alloc(sizeof(cursor), 8);
  if (!c) return 0;
  uint32_t len;
  c->text = qe_str(&args[0], 0, &len);
  c->len = len;
  c->at = 0;
  c->words = 0;
  return c;
}

QE_EXPORT(split_words_next)
int32_t split_words_next(cursor *c, uint32_t max_rows, qe_column *out, qe_column *row_index) {
  /* The words left fit in the remaining text, so one buffer of that size holds them all. */
  uint8_t *dst = qe_utf8_reserve(&out[0], c->len - c->at);
  if (!dst) return -qe_error("out of memory", -1);
  int32_t *position = (int32_t *)out[1].data, *input_row = (int32_t *)row_index->data;
  uint32_t rows = 0, o = 0;
  out[0].offsets[0] = 0;
  while (rows < max_rows) {
    while (c->at < c->len && is_space(c->text[c->at])) c->at++;
    if (c->at == c->len) break;
    while (c->at < c->len && !is_space(c->text[c->at])) dst[o++] = c->text[c->at++];
    out[0].offsets[rows + 1] = (int32_t)o;
    position[rows] = ++c->words;
    input_row[rows] = 0;
    rows++;
  }
  out[0].data_len = o;
  return (int32_t)rows;
}

QE_EXPORT(split_words_close) int32_t split_words_close(cursor *c) {
  qe_free(c, sizeof(cursor), 8);
  return 0;
}

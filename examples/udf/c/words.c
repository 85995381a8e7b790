/* split_words(text) table function -> (word utf8, position int32): the words of a text (runs of
 * characters between ASCII whitespace), numbered from 1. It takes a whole column of texts (one
 * row in FROM split_words('…'), a batch of rows in FROM t, LATERAL split_words(t.text)) and gives
 * every word the index of the row it came from. Freestanding or wasi-libc. */
#include "quiver_udf.h"

QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":[{\"name\":\"split_words\",\"kind\":\"table\",\"args\":[\"utf8\"],"
            "\"columns\":[{\"name\":\"word\",\"type\":\"utf8\"},{\"name\":\"position\",\"type\":\"int32\"}]}]}")

typedef struct cursor {
  const qe_column *texts; /* the argument stays valid until _close */
  uint32_t nrows;
  uint32_t row; /* the input row being split */
  uint32_t at;  /* byte offset within that row */
  int32_t words; /* words of that row so far */
} cursor;

static int is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

QE_EXPORT(split_words_open) cursor *split_words_open(const qe_column *args, uint32_t nargs, uint32_t nrows) {
  (void)nargs;
  cursor *c = (cursor *)qe_alloc(sizeof(cursor), 8);
  if (!c) return 0;
  c->texts = &args[0];
  c->nrows = nrows;
  c->row = 0;
  c->at = 0;
  c->words = 0;
  return c;
}

QE_EXPORT(split_words_next)
int32_t split_words_next(cursor *c, uint32_t max_rows, qe_column *out, qe_column *row_index) {
  if (c->row >= c->nrows) return 0;
  /* The words left fit in the text left, so one buffer of that size holds them all. */
  const int32_t *offsets = c->texts->offsets;
  uint8_t *dst = qe_utf8_reserve(&out[0], (uint32_t)(offsets[c->nrows] - offsets[c->row]) - c->at);
  if (!dst) return -qe_error("out of memory", -1);
  int32_t *position = (int32_t *)out[1].data, *input_row = (int32_t *)row_index->data;
  uint32_t rows = 0, o = 0;
  out[0].offsets[0] = 0;
  while (rows < max_rows && c->row < c->nrows) {
    uint32_t len;
    const uint8_t *text = qe_str(c->texts, c->row, &len);
    while (c->at < len && is_space(text[c->at])) c->at++;
    if (c->at == len) {
      c->row++, c->at = 0, c->words = 0;
      continue;
    }
    while (c->at < len && !is_space(text[c->at])) dst[o++] = text[c->at++];
    out[0].offsets[rows + 1] = (int32_t)o;
    position[rows] = ++c->words;
    input_row[rows] = (int32_t)c->row;
    rows++;
  }
  out[0].data_len = o;
  return (int32_t)rows;
}

QE_EXPORT(split_words_close) int32_t split_words_close(cursor *c) {
  qe_free(c, sizeof(cursor), 8);
  return 0;
}

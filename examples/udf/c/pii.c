/* GDPR masking: mask_email keeps the first character of the local part and the domain
 * ("jane.doe@example.com" -> "j*******@example.com"; no '@': every character masked);
 * mask_phone keeps the last four digits and all punctuation ("+44 20 7946 0958" -> "+** ** **** 0958").
 * Masking works on characters, not bytes, so UTF-8 stays valid. */
#include "quiver_udf.h"

QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":["
            "{\"name\":\"mask_email\",\"args\":[\"utf8\"],\"ret\":\"utf8\"},"
            "{\"name\":\"mask_phone\",\"args\":[\"utf8\"],\"ret\":\"utf8\"}]}")

static int is_continuation(uint8_t b) { return (b & 0xc0) == 0x80; }

static uint32_t mask_one_email(const uint8_t *s, uint32_t len, uint8_t *dst) {
  uint32_t at = len;
  for (uint32_t i = 0; i < len; i++) if (s[i] == '@') { at = i; break; }
  uint32_t o = 0, i = 0;
  if (at < len && at > 0) { /* keep the first character */
    dst[o++] = s[i++];
    while (i < at && is_continuation(s[i])) dst[o++] = s[i++];
  }
  for (; i < at; i++) if (!is_continuation(s[i])) dst[o++] = '*';
  for (; i < len; i++) dst[o++] = s[i];
  return o;
}

static uint32_t mask_one_phone(const uint8_t *s, uint32_t len, uint8_t *dst) {
  uint32_t digits = 0;
  for (uint32_t i = 0; i < len; i++) digits += s[i] >= '0' && s[i] <= '9';
  uint32_t seen = 0;
  for (uint32_t i = 0; i < len; i++) {
    int digit = s[i] >= '0' && s[i] <= '9';
    dst[i] = digit && seen++ < digits - (digits < 4 ? digits : 4) ? '*' : s[i];
  }
  return len;
}

typedef uint32_t (*mask_fn)(const uint8_t *, uint32_t, uint8_t *);

/* Output is never longer than input, so one buffer of the input's size suffices. */
static int32_t map_strings(const qe_column *in, uint32_t n, qe_column *out, mask_fn fn) {
  uint8_t *dst = qe_utf8_reserve(out, in->data_len);
  if (!dst) return qe_error("out of memory", -1);
  uint32_t o = 0;
  out->offsets[0] = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len;
    const uint8_t *s = qe_str(in, i, &len);
    if (qe_is_valid(in, i)) o += fn(s, len, dst + o);
    out->offsets[i + 1] = (int32_t)o;
  }
  out->data_len = o;
  return 0;
}

QE_EXPORT(mask_email) int32_t mask_email(const qe_column *args, uint32_t nargs, uint32_t n, qe_column *out) {
  (void)nargs;
  return map_strings(&args[0], n, out, mask_one_email);
}

QE_EXPORT(mask_phone) int32_t mask_phone(const qe_column *args, uint32_t nargs, uint32_t n, qe_column *out) {
  (void)nargs;
  return map_strings(&args[0], n, out, mask_one_phone);
}

/* luhn_check(text) -> boolean: whether the digits of a card or account number (spaces and dashes
 * allowed) pass the Luhn checksum; false for any other character or fewer than two digits. */
#include "quiver_udf.h"

QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":[{\"name\":\"luhn_check\",\"args\":[\"utf8\"],\"ret\":\"boolean\"}]}")

static int luhn(const uint8_t *s, uint32_t len) {
  uint32_t sum = 0, digits = 0;
  for (uint32_t k = len; k-- > 0;) {
    uint8_t c = s[k];
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return 0;
    uint32_t d = c - '0';
    if (digits++ & 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits >= 2 && sum % 10 == 0;
}

QE_EXPORT(luhn_check) int32_t luhn_check(const qe_column *args, uint32_t nargs, uint32_t n, qe_column *out) {
  (void)nargs;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t len;
    const uint8_t *s = qe_str(&args[0], i, &len);
    qe_set_bool(out, i, luhn(s, len));
  }
  return 0;
}

/* geomean(x) aggregate -> float64: the geometric mean of the non-NULL values, NULL for a group
 * without any; fails on a value <= 0. State per group: {sum of logarithms, count}. */
#include <math.h>
#include "quiver_udf.h"

QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":[{\"name\":\"geomean\",\"kind\":\"aggregate\","
            "\"args\":[\"float64\"],\"ret\":\"float64\",\"state_size\":16}]}")

typedef struct state {
  double log_sum;
  int64_t count;
} state;

QE_EXPORT(geomean_init) int32_t geomean_init(state *states, uint32_t count) {
  for (uint32_t g = 0; g < count; g++) states[g] = (state){0, 0};
  return 0;
}

QE_EXPORT(geomean_update)
int32_t geomean_update(state *states, const int32_t *groups, const qe_column *args, uint32_t nargs, uint32_t n) {
  (void)nargs;
  const double *x = (const double *)args[0].data;
  for (uint32_t i = 0; i < n; i++) {
    if (groups[i] < 0) continue; /* a NULL argument (strict) */
    if (!(x[i] > 0)) return qe_error("geomean needs positive values", (int32_t)i);
    states[groups[i]].log_sum += log(x[i]);
    states[groups[i]].count++;
  }
  return 0;
}

QE_EXPORT(geomean_merge) int32_t geomean_merge(state *states, const state *others, const int32_t *map, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    states[map[i]].log_sum += others[i].log_sum;
    states[map[i]].count += others[i].count;
  }
  return 0;
}

QE_EXPORT(geomean_finalize) int32_t geomean_finalize(const state *states, uint32_t ngroups, qe_column *out) {
  double *result = (double *)out->data;
  for (uint32_t g = 0; g < ngroups; g++) {
    if (states[g].count == 0) qe_set_null(out, g);
    else result[g] = exp(states[g].log_sum / (double)states[g].count);
  }
  return 0;
}

/* haversine_km(lat1, lon1, lat2, lon2) -> float64: great-circle distance in kilometres on a sphere
 * of radius 6371 km, from coordinates in degrees. */
#include <math.h>
#include "quiver_udf.h"

QE_MANIFEST("{\"abi\":\"1.0\",\"functions\":[{\"name\":\"haversine_km\","
            "\"args\":[\"float64\",\"float64\",\"float64\",\"float64\"],\"ret\":\"float64\"}]}")

QE_EXPORT(haversine_km) int32_t haversine_km(const qe_column *args, uint32_t nargs, uint32_t n, qe_column *out) {
  (void)nargs;
  const double *lat1 = (const double *)args[0].data, *lon1 = (const double *)args[1].data;
  const double *lat2 = (const double *)args[2].data, *lon2 = (const double *)args[3].data;
  double *km = (double *)out->data;
  const double rad = M_PI / 180.0;
  for (uint32_t i = 0; i < n; i++) {
    double dlat = (lat2[i] - lat1[i]) * rad, dlon = (lon2[i] - lon1[i]) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1[i] * rad) * cos(lat2[i] * rad) * sin(dlon / 2) * sin(dlon / 2);
    km[i] = 2 * 6371.0 * asin(sqrt(a));
  }
  return 0;
}

#pragma once
// An indicator's value from a region's figures and its denominators, under the definition version
// in force (indicator_catalogue.h). Pure: the same figures give the same value, so a replayed
// projection gives the same indicators.
#include "jindu/reporting/v1/figures.pb.h"
#include "jindu/reporting/v1/indicator.pb.h"

namespace jindu::reporting {

// A region's yearly denominators (registration's RegionDenominatorsUpserted).
struct RegionDenominators {
  int64_t population = 0;
  int64_t students_enrolled = 0;
};

v1::IndicatorValue IndicatorValueOf(const v1::IndicatorDefinition& definition,
                                    const v1::RegionFigures& figures,
                                    const RegionDenominators& denominators);

}  // namespace jindu::reporting

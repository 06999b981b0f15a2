#pragma once
// The one place indicator definitions live (../shared/DOMAIN.md): every version of every KPI with
// the words for its numerator and denominator. A changed definition is a new version with its own
// effective day; values name the version they used, so an old answer stays explainable.
#include <optional>
#include <vector>

#include "jindu/reporting/v1/indicator.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::reporting {

// Every version, by indicator then effective day.
const std::vector<v1::IndicatorDefinition>& IndicatorDefinitions();

// The version of `indicator` in force on `day` (the latest effective on or before it; the first
// version for days before any).
const v1::IndicatorDefinition& DefinitionOn(v1::Indicator indicator, runtime::CivilDate day);

}  // namespace jindu::reporting

#pragma once
// The criteria of seed 003 (../shared/DOMAIN.md "Drug-free community criteria") evaluated from a
// village's indicator values for the year assessed and the county office's inspection results.
// Pure: the same values and inspections give the same results, so a test can state the rules.
#include <map>
#include <vector>

#include "jindu/reporting/v1/drug_free_community.pb.h"
#include "jindu/reporting/v1/indicator.pb.h"

namespace jindu::reporting {

// Every criterion of the DrugFreeCriterion enum, in enum order.
const std::vector<v1::DrugFreeCriterion>& AllDrugFreeCriteria();

// Whether `criterion` is judged by inspection (otherwise it is computed from figures).
bool IsInspectionCriterion(v1::DrugFreeCriterion criterion);

// The indicators the figure criteria read.
const std::vector<v1::Indicator>& DrugFreeIndicators();

// One result per criterion, in enum order. A figure criterion reads `values` (missing = zero
// counts); an inspection criterion its latest result in `inspections`, pending (not met) without
// one.
//
// Rates over an empty denominator: control, assistance, urine-test and isolation rates count
// persons or tests that do not exist, so with nobody to count they are met; awareness coverage
// needs the population (or students) registration recorded, so without a denominator it is not
// shown and not met.
std::vector<v1::CriterionResult> EvaluateDrugFreeCriteria(
    v1::SettlementType settlement, const std::map<v1::Indicator, v1::IndicatorValue>& values,
    const std::vector<v1::InspectionResult>& inspections);

// Whether every result is met.
bool AllMet(const std::vector<v1::CriterionResult>& results);

}  // namespace jindu::reporting

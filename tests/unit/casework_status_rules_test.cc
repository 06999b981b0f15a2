// The status rules of a case (case_status_machine.h) and the field rules of cases and decisions
// (case_validation.h), without servers.
#include <gtest/gtest.h>

#include "casework/cases/case_status_machine.h"
#include "casework/cases/case_validation.h"

namespace jindu::casework {
namespace {

using enum CaseTransition;

TEST(CaseStatusRules, EveryTransitionFromEveryStatus) {
  struct Expectation {
    v1::CaseStatus from;
    CaseTransition transition;
    std::optional<v1::CaseStatus> to;
  };
  const std::vector<Expectation> table = {
      {v1::CASE_STATUS_ACTIVE, kReportLostContact, v1::CASE_STATUS_LOST_CONTACT},
      {v1::CASE_STATUS_LOST_CONTACT, kReportLostContact, std::nullopt},
      {v1::CASE_STATUS_RELAPSED, kReportLostContact, std::nullopt},
      {v1::CASE_STATUS_LOST_CONTACT, kRestoreContact, v1::CASE_STATUS_ACTIVE},
      {v1::CASE_STATUS_ACTIVE, kRestoreContact, std::nullopt},
      {v1::CASE_STATUS_ACTIVE, kConfirmRelapse, v1::CASE_STATUS_RELAPSED},
      {v1::CASE_STATUS_LOST_CONTACT, kConfirmRelapse, v1::CASE_STATUS_RELAPSED},
      {v1::CASE_STATUS_RELAPSED, kConfirmRelapse, std::nullopt},
      {v1::CASE_STATUS_ABSTINENCE_CONFIRMED, kConfirmRelapse, std::nullopt},
      {v1::CASE_STATUS_RELAPSED, kNewMeasureDecision, v1::CASE_STATUS_ACTIVE},
      {v1::CASE_STATUS_ABSTINENCE_CONFIRMED, kNewMeasureDecision, v1::CASE_STATUS_ACTIVE},
      {v1::CASE_STATUS_LOST_CONTACT, kNewMeasureDecision, v1::CASE_STATUS_LOST_CONTACT},
      {v1::CASE_STATUS_ACTIVE, kNewMeasureDecision, v1::CASE_STATUS_ACTIVE},
      {v1::CASE_STATUS_CLOSED, kNewMeasureDecision, std::nullopt},
      {v1::CASE_STATUS_TRANSFERRED_OUT, kNewMeasureDecision, std::nullopt},
      {v1::CASE_STATUS_ACTIVE, kConfirmAbstinence, v1::CASE_STATUS_ABSTINENCE_CONFIRMED},
      {v1::CASE_STATUS_LOST_CONTACT, kConfirmAbstinence, std::nullopt},
      {v1::CASE_STATUS_RELAPSED, kTransferOut, v1::CASE_STATUS_TRANSFERRED_OUT},
      {v1::CASE_STATUS_TRANSFERRED_OUT, kTransferOut, std::nullopt},
      {v1::CASE_STATUS_CLOSED, kTransferOut, std::nullopt},
      {v1::CASE_STATUS_TRANSFERRED_OUT, kClose, v1::CASE_STATUS_CLOSED},
      {v1::CASE_STATUS_ABSTINENCE_CONFIRMED, kClose, v1::CASE_STATUS_CLOSED},
      {v1::CASE_STATUS_CLOSED, kClose, std::nullopt},
  };
  for (const Expectation& expected : table) {
    EXPECT_EQ(NextStatus(expected.from, expected.transition), expected.to)
        << StatusLabel(expected.from) << " via " << static_cast<int>(expected.transition);
  }
}

TEST(CaseStatusRules, AbstinenceCountsThreeYearsFromTheLaterOfOpeningAndRelapse) {
  EXPECT_EQ(AbstinenceEligibleFrom({2021, 5, 10}, std::nullopt), (runtime::CivilDate{2024, 5, 10}));
  EXPECT_EQ(AbstinenceEligibleFrom({2021, 5, 10}, runtime::CivilDate{2022, 1, 3}),
            (runtime::CivilDate{2025, 1, 3}));
  EXPECT_EQ(AbstinenceEligibleFrom({2024, 2, 29}, std::nullopt), (runtime::CivilDate{2027, 2, 28}));
}

TEST(CaseMasks, ShowOnlyWhatListsNeed) {
  EXPECT_EQ(MaskFullName("王建国"), "王*");
  EXPECT_EQ(MaskFullName("Li"), "L*");
  EXPECT_EQ(MaskFullName(""), "");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("073184567890"), "0731****");
}

TEST(MeasureRules, DecisionFieldsAreRequiredExceptForNoMeasure) {
  runtime::FieldViolations violations;
  v1::Measure none;
  none.set_type(v1::MEASURE_TYPE_NONE);
  CheckMeasure(none, "measure.", {2026, 11, 23}, &violations);
  EXPECT_TRUE(violations.empty());
  v1::Measure rehabilitation;
  rehabilitation.set_type(v1::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  rehabilitation.set_decision_number("D-1");
  rehabilitation.set_issuing_authority("公安局");
  rehabilitation.mutable_decision_date()->set_year(2026);
  rehabilitation.mutable_decision_date()->set_month(12);  // after "today"
  rehabilitation.mutable_decision_date()->set_day(1);
  *rehabilitation.mutable_start_date() = rehabilitation.decision_date();
  *rehabilitation.mutable_end_date() = rehabilitation.decision_date();  // not after start
  CheckMeasure(rehabilitation, "measure.", {2026, 11, 23}, &violations);
  std::vector<std::string> fields;
  for (const auto& violation : violations.violations()) fields.push_back(violation.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"measure.decision_date", "measure.end_date"}));
  EXPECT_EQ(violations.violations()[1].reason, common::v1::END_BEFORE_START);
}

}  // namespace
}  // namespace jindu::casework

// Tip rules that need no database (casework/tips/): the state machine, the fields of a new tip and
// of an outcome, the list filters, what each kind of reader is shown, and the events' payloads.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "casework/tips/tip_events.h"
#include "casework/tips/tip_presentation.h"
#include "casework/tips/tip_state_machine.h"
#include "casework/tips/tip_validation.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::casework {
namespace {

using runtime::CivilDate;
using runtime::FieldViolations;

constexpr CivilDate kToday{2026, 3, 15};

std::vector<std::string> Summary(const FieldViolations& violations) {
  std::vector<std::string> lines;
  for (const auto& violation : violations.violations()) {
    lines.push_back(violation.field + "=" +
                    common::v1::FieldViolationReason_Name(violation.reason));
  }
  return lines;
}

std::string Repeat(const std::string& piece, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += piece;
  return text;
}

runtime::RegionEntry Entry(std::string code, common::v1::RegionLevel level, std::string parent,
                           std::optional<CivilDate> valid_to = std::nullopt) {
  runtime::RegionEntry entry;
  entry.code = std::move(code);
  entry.display_name = entry.code;
  entry.level = level;
  entry.parent = std::move(parent);
  entry.valid_from = {1996, 5, 1};
  entry.valid_to = valid_to;
  entry.revision = 1;
  return entry;
}

class TipRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    regions_.Upsert(Entry("430000", common::v1::REGION_LEVEL_PROVINCE, ""));
    regions_.Upsert(Entry("430100", common::v1::REGION_LEVEL_CITY, "430000"));
    regions_.Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100"));
    regions_.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102"));
    regions_.Upsert(Entry("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001"));
    // 宁乡县 became 宁乡市 in 2017.
    regions_.Upsert(
        Entry("430124", common::v1::REGION_LEVEL_COUNTY, "430100", CivilDate{2017, 4, 10}));
  }

  static v1::Tip GoodTip() {
    v1::Tip tip;
    tip.set_kind(v1::TIP_KIND_CULTIVATION);
    tip.set_region_code("430102001001");
    tip.mutable_observed_date()->set_year(2026);
    tip.mutable_observed_date()->set_month(3);
    tip.mutable_observed_date()->set_day(14);
    tip.set_description("后山菜地里种有罂粟约三十株");
    tip.set_plant_count(30);
    tip.set_source_volunteer("volunteers/abc123");
    return tip;
  }

  std::vector<std::string> Check(const v1::Tip& tip) {
    FieldViolations violations;
    auto checked = CheckNewTip(tip, regions_, kToday, &violations);
    EXPECT_EQ(checked.has_value(), violations.empty());
    return Summary(violations);
  }

  runtime::RegionDirectory regions_;
};

TEST(TipStateMachineTest, EveryStateAndTransition) {
  using enum TipTransition;
  struct Case {
    v1::TipState from;
    TipTransition transition;
    std::optional<v1::TipState> to;
  };
  const std::vector<Case> cases = {
      {v1::TIP_STATE_RECEIVED, kForward, v1::TIP_STATE_FORWARDED},
      {v1::TIP_STATE_RECEIVED, kConfirm, std::nullopt},
      {v1::TIP_STATE_RECEIVED, kDismiss, v1::TIP_STATE_UNFOUNDED},
      {v1::TIP_STATE_FORWARDED, kForward, std::nullopt},
      {v1::TIP_STATE_FORWARDED, kConfirm, v1::TIP_STATE_CONFIRMED},
      {v1::TIP_STATE_FORWARDED, kDismiss, v1::TIP_STATE_UNFOUNDED},
      {v1::TIP_STATE_CONFIRMED, kForward, std::nullopt},
      {v1::TIP_STATE_CONFIRMED, kConfirm, std::nullopt},
      {v1::TIP_STATE_CONFIRMED, kDismiss, std::nullopt},
      {v1::TIP_STATE_UNFOUNDED, kForward, std::nullopt},
      {v1::TIP_STATE_UNFOUNDED, kConfirm, std::nullopt},
      {v1::TIP_STATE_UNFOUNDED, kDismiss, std::nullopt},
      {v1::TIP_STATE_UNSPECIFIED, kForward, std::nullopt},
      {v1::TIP_STATE_UNSPECIFIED, kDismiss, std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NextTipState(c.from, c.transition), c.to)
        << TipStateLabel(c.from) << " transition " << static_cast<int>(c.transition);
  }
}

TEST(TipStateMachineTest, OutcomesOnlyForConfirmedTips) {
  EXPECT_TRUE(MayRecordOutcome(v1::TIP_STATE_CONFIRMED));
  for (v1::TipState state : {v1::TIP_STATE_UNSPECIFIED, v1::TIP_STATE_RECEIVED,
                             v1::TIP_STATE_FORWARDED, v1::TIP_STATE_UNFOUNDED}) {
    EXPECT_FALSE(MayRecordOutcome(state)) << TipStateLabel(state);
  }
  EXPECT_EQ(TipStateLabel(v1::TIP_STATE_FORWARDED), "FORWARDED");
}

TEST_F(TipRulesTest, AGoodTipPassesAndKeepsItsFields) {
  FieldViolations violations;
  auto checked = CheckNewTip(GoodTip(), regions_, kToday, &violations);
  ASSERT_TRUE(checked.has_value()) << testing::PrintToString(Summary(violations));
  EXPECT_EQ(checked->kind, v1::TIP_KIND_CULTIVATION);
  EXPECT_EQ(checked->region_code, "430102001001");
  EXPECT_EQ(checked->observed_date, (CivilDate{2026, 3, 14}));
  EXPECT_EQ(checked->plant_count, 30);
  EXPECT_EQ(checked->source_volunteer, "volunteers/abc123");

  // Output-only fields are ignored; counties and townships are fine; today is not the future.
  v1::Tip tip = GoodTip();
  tip.set_kind(v1::TIP_KIND_TRAFFICKING);
  tip.set_plant_count(0);
  tip.set_region_code("430102");
  tip.set_state(v1::TIP_STATE_CONFIRMED);
  tip.set_submitter_subject("someone-else");
  tip.set_police_reference("A-1");
  tip.mutable_observed_date()->set_day(15);
  tip.clear_source_volunteer();
  EXPECT_TRUE(Check(tip).empty());
  tip.set_region_code("430102001");
  EXPECT_TRUE(Check(tip).empty());
  // 4000 characters of Chinese are 4000 characters, not 12000 bytes.
  tip.set_description(Repeat("毒", 4000));
  EXPECT_TRUE(Check(tip).empty());
}

TEST_F(TipRulesTest, EveryBadFieldIsNamed) {
  v1::Tip empty;
  EXPECT_EQ(Check(empty),
            (std::vector<std::string>{"tip.kind=FIELD_REQUIRED", "tip.region_code=FIELD_REQUIRED",
                                      "tip.observed_date=FIELD_REQUIRED",
                                      "tip.description=FIELD_REQUIRED"}));

  v1::Tip tip = GoodTip();
  tip.set_kind(static_cast<v1::TipKind>(42));
  tip.set_region_code("430100");             // a city
  tip.mutable_observed_date()->set_day(16);  // tomorrow
  tip.set_description(Repeat("a", 4001));
  tip.set_plant_count(3);  // not a cultivation tip (unknown kind)
  tip.set_source_volunteer("people/abc");
  EXPECT_EQ(Check(tip),
            (std::vector<std::string>{
                "tip.kind=VALUE_NOT_ALLOWED", "tip.region_code=VALUE_NOT_ALLOWED",
                "tip.observed_date=DATE_IN_FUTURE", "tip.description=FIELD_TOO_LONG",
                "tip.plant_count=VALUE_NOT_ALLOWED", "tip.source_volunteer=FIELD_MALFORMED"}));

  tip = GoodTip();
  tip.set_region_code("439999");
  tip.mutable_observed_date()->set_month(2);
  tip.mutable_observed_date()->set_day(30);
  tip.set_plant_count(0);
  EXPECT_EQ(Check(tip), (std::vector<std::string>{"tip.region_code=REFERENCE_NOT_FOUND",
                                                  "tip.observed_date=FIELD_MALFORMED",
                                                  "tip.plant_count=FIELD_REQUIRED"}));

  tip = GoodTip();
  tip.set_region_code("430124");  // no longer valid
  tip.set_plant_count(-1);
  EXPECT_EQ(Check(tip), (std::vector<std::string>{"tip.region_code=VALUE_NOT_ALLOWED",
                                                  "tip.plant_count=FIELD_OUT_OF_RANGE"}));
}

TEST(TipOutcomeRulesTest, CountsSeizuresAndTheirBounds) {
  auto check = [](bool present, const v1::TipOutcome& outcome) {
    FieldViolations violations;
    CheckTipOutcome(present, outcome, &violations);
    return Summary(violations);
  };
  EXPECT_EQ(check(false, {}), std::vector<std::string>{"outcome=FIELD_REQUIRED"});
  EXPECT_TRUE(check(true, {}).empty());  // a confirmed tip may have led to nothing yet

  v1::TipOutcome outcome;
  outcome.set_suspects_identified(3);
  outcome.set_users_identified(2);
  outcome.set_cases_solved(1);
  outcome.set_prosecutions(1);
  outcome.set_plants_eradicated(30);
  auto* heroin = outcome.add_seizures();
  heroin->set_substance("海洛因");
  heroin->set_milligrams(20235000);
  auto* ice = outcome.add_seizures();
  ice->set_substance("甲基苯丙胺");
  ice->set_milligrams(1500);
  EXPECT_TRUE(check(true, outcome).empty());
  EXPECT_EQ(SeizedMilligrams(outcome), 20236500);

  v1::TipOutcome bad = outcome;
  bad.set_suspects_identified(1);  // fewer than the users among them
  bad.set_cases_solved(-1);
  bad.set_prosecutions(-2);
  bad.set_plants_eradicated(-3);
  bad.mutable_seizures(1)->set_substance("海洛因");  // twice
  bad.mutable_seizures(1)->set_milligrams(0);
  auto* unnamed = bad.add_seizures();
  unnamed->set_milligrams(kMaxSeizureMilligrams + 1);
  auto* long_name = bad.add_seizures();
  long_name->set_substance(Repeat("x", 33));
  long_name->set_milligrams(1);
  EXPECT_EQ(
      check(true, bad),
      (std::vector<std::string>{
          "outcome.users_identified=FIELD_OUT_OF_RANGE", "outcome.cases_solved=FIELD_OUT_OF_RANGE",
          "outcome.prosecutions=FIELD_OUT_OF_RANGE", "outcome.plants_eradicated=FIELD_OUT_OF_RANGE",
          "outcome.seizures[1].substance=DUPLICATE_IN_REQUEST",
          "outcome.seizures[1].milligrams=FIELD_OUT_OF_RANGE",
          "outcome.seizures[2].substance=FIELD_REQUIRED",
          "outcome.seizures[2].milligrams=FIELD_OUT_OF_RANGE",
          "outcome.seizures[3].substance=FIELD_TOO_LONG"}));

  v1::TipOutcome negative;
  negative.set_suspects_identified(-1);
  negative.set_users_identified(-1);
  EXPECT_EQ(check(true, negative),
            (std::vector<std::string>{"outcome.suspects_identified=FIELD_OUT_OF_RANGE",
                                      "outcome.users_identified=FIELD_OUT_OF_RANGE"}));

  v1::TipOutcome many;
  for (int i = 0; i <= kMaxSeizures; ++i) {
    auto* seizure = many.add_seizures();
    seizure->set_substance("s" + std::to_string(i));
    seizure->set_milligrams(1);
  }
  EXPECT_EQ(check(true, many), std::vector<std::string>{"outcome.seizures=FIELD_OUT_OF_RANGE"});
}

TEST(TipRequestRulesTest, PurposeAndListFilters) {
  EXPECT_FALSE(IsValidTipPurpose(""));
  EXPECT_TRUE(IsValidTipPurpose("核查线索"));
  EXPECT_TRUE(IsValidTipPurpose(Repeat("查", 200)));
  EXPECT_FALSE(IsValidTipPurpose(Repeat("查", 201)));

  v1::ListTipsRequest request;
  request.add_states(v1::TIP_STATE_FORWARDED);
  request.add_states(v1::TIP_STATE_UNSPECIFIED);
  request.add_states(static_cast<v1::TipState>(9));
  request.add_kinds(v1::TIP_KIND_USE);
  request.add_kinds(v1::TIP_KIND_UNSPECIFIED);
  FieldViolations violations;
  EXPECT_EQ(CheckTipStateFilter(request, &violations), std::vector<int>{v1::TIP_STATE_FORWARDED});
  EXPECT_EQ(CheckTipKindFilter(request, &violations), std::vector<int>{v1::TIP_KIND_USE});
  EXPECT_EQ(Summary(violations),
            (std::vector<std::string>{"states[1]=VALUE_NOT_ALLOWED", "states[2]=VALUE_NOT_ALLOWED",
                                      "kinds[1]=VALUE_NOT_ALLOWED"}));
}

TipRecord SealedRecord() {
  TipRecord record;
  record.id = "t0000000000000000001";
  record.kind = v1::TIP_KIND_TRAFFICKING;
  record.region_code = "430102";
  record.observed_date = {2026, 3, 1};
  record.filed_date = {2026, 3, 2};
  record.state = v1::TIP_STATE_FORWARDED;
  record.submitter_hash = "h";
  record.description = "张三在网吧贩卖冰毒";
  record.submitter_subject = "worker-7";
  record.source_volunteer = "volunteers/v1";
  record.police_reference = "芙公刑线[2026]17号";
  record.has_police_reference = true;
  record.revision = 3;
  record.update_subject = "police-1";
  return record;
}

TEST(TipPresentationTest, EachReaderSeesOnlyWhatIsTheirs) {
  const TipRecord record = SealedRecord();

  const v1::Tip plain = PresentTip(record, {});
  EXPECT_EQ(plain.name(), "tips/t0000000000000000001");
  EXPECT_EQ(plain.state(), v1::TIP_STATE_FORWARDED);
  EXPECT_EQ(plain.audit().etag(), "3");
  EXPECT_EQ(plain.audit().update_subject(), "police-1");
  EXPECT_TRUE(plain.description().empty());
  EXPECT_TRUE(plain.police_reference().empty());
  EXPECT_TRUE(plain.submitter_subject().empty());
  EXPECT_TRUE(plain.source_volunteer().empty());
  EXPECT_TRUE(plain.audit().create_subject().empty());
  EXPECT_FALSE(plain.has_outcome());

  const v1::Tip police = PresentTip(record, {.handler_fields = true});
  EXPECT_EQ(police.description(), record.description);
  EXPECT_EQ(police.police_reference(), record.police_reference);
  EXPECT_TRUE(police.submitter_subject().empty());
  EXPECT_TRUE(police.source_volunteer().empty());
  EXPECT_TRUE(police.audit().create_subject().empty());
  EXPECT_EQ(HandlerClearFieldPaths(record),
            (std::vector<std::string>{"description", "police_reference"}));

  const v1::Tip own = PresentTip(record, {.submitter_fields = true});
  EXPECT_EQ(own.description(), record.description);
  EXPECT_EQ(own.submitter_subject(), "worker-7");
  EXPECT_EQ(own.source_volunteer(), "volunteers/v1");
  EXPECT_EQ(own.audit().create_subject(), "worker-7");
  EXPECT_TRUE(own.police_reference().empty());

  // Before police touch it, the submitter was also the last to change it; no one else learns so.
  TipRecord fresh = record;
  fresh.update_subject.clear();
  fresh.has_police_reference = false;
  EXPECT_EQ(PresentTip(fresh, {.submitter_fields = true}).audit().update_subject(), "worker-7");
  EXPECT_TRUE(PresentTip(fresh, {.handler_fields = true}).audit().update_subject().empty());
  EXPECT_EQ(HandlerClearFieldPaths(fresh), std::vector<std::string>{"description"});
}

TEST(TipEventsTest, PayloadsCarryNoSensitiveField) {
  TipRecord record = SealedRecord();
  record.outcome.emplace();
  record.outcome->set_suspects_identified(2);
  auto* seizure = record.outcome->add_seizures();
  seizure->set_substance("海洛因");
  seizure->set_milligrams(5000);

  const auto filed = TipFiledEvent(record);
  EXPECT_EQ(filed.tip(), "tips/t0000000000000000001");
  EXPECT_EQ(filed.kind(), v1::TIP_KIND_TRAFFICKING);
  EXPECT_EQ(filed.filed_date().day(), 2);
  const auto changed = TipStateChangedEvent(record, v1::TIP_STATE_RECEIVED, {2026, 3, 5});
  EXPECT_EQ(changed.previous_state(), v1::TIP_STATE_RECEIVED);
  EXPECT_EQ(changed.state(), v1::TIP_STATE_FORWARDED);
  const auto outcome = TipOutcomeRecordedEvent(record, {2026, 3, 6});
  EXPECT_EQ(outcome.outcome().seizures(0).milligrams(), 5000);

  for (const google::protobuf::Message* event :
       std::vector<const google::protobuf::Message*>{&filed, &changed, &outcome}) {
    const std::string bytes = event->SerializeAsString();
    for (const std::string& secret : {record.description, record.submitter_subject,
                                      record.source_volunteer, record.police_reference}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos)
          << event->GetTypeName() << " carries " << secret;
    }
  }
}

}  // namespace
}  // namespace jindu::casework

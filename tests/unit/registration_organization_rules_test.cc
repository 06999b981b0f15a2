// Organisation rules that need no database (registration/organizations/): the village budget
// rule, field validation, the events an organisation publishes (facts without names, public
// officer profiles) and the resource ids of registration/storage/resource_ids.h.

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "jindu/common/v1/annotations.pb.h"
#include "registration/organizations/organization_events.h"
#include "registration/organizations/organization_validation.h"
#include "registration/organizations/village_budget_rule.h"
#include "runtime/api/api_error.h"
#include "runtime/api/request_checks.h"
#include "runtime/crypto/keyed_hash.h"
#include "runtime/crypto/secret_key_file.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {
namespace {

using runtime::CivilDate;
using runtime::FieldViolations;

constexpr CivilDate kToday{2024, 6, 1};

std::vector<std::string> Summary(const FieldViolations& violations) {
  std::vector<std::string> lines;
  for (const auto& violation : violations.violations()) {
    lines.push_back(violation.field + " " +
                    common::v1::FieldViolationReason_Name(violation.reason));
  }
  return lines;
}

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::string Repeat(const std::string& piece, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += piece;
  return text;
}

// ---------------------------------------------------------------------------------------------
// VillageBudgetRule

TEST(VillageBudgetRule, DefaultsAreSeed002) {
  VillageBudgetRule rule;
  EXPECT_EQ(rule.version, "village-budget-2021");
  EXPECT_EQ(rule.BudgetFen(3000), 300000);  // 3000 people or more: 3000 yuan
  EXPECT_EQ(rule.BudgetFen(120000), 300000);
  EXPECT_EQ(rule.BudgetFen(2999), 250000);  // below: 2500 yuan
  EXPECT_EQ(rule.BudgetFen(0), 250000);
}

TEST(VillageBudgetRule, ParsesAllFourParts) {
  auto rule = ParseVillageBudgetRule("village-budget-2025:5000:400000:350000");
  ASSERT_TRUE(rule.has_value());
  EXPECT_EQ(rule->version, "village-budget-2025");
  EXPECT_EQ(rule->population_threshold, 5000);
  EXPECT_EQ(rule->fen_at_or_above, 400000);
  EXPECT_EQ(rule->fen_below, 350000);
  EXPECT_EQ(rule->BudgetFen(4999), 350000);
  EXPECT_EQ(rule->BudgetFen(5000), 400000);

  auto seed = ParseVillageBudgetRule("village-budget-2021:3000:300000:250000");
  ASSERT_TRUE(seed.has_value());
  EXPECT_EQ(seed->version, VillageBudgetRule{}.version);
  EXPECT_EQ(seed->population_threshold, VillageBudgetRule{}.population_threshold);
  EXPECT_EQ(seed->fen_at_or_above, VillageBudgetRule{}.fen_at_or_above);
  EXPECT_EQ(seed->fen_below, VillageBudgetRule{}.fen_below);

  auto zero = ParseVillageBudgetRule("free:0:0:0");
  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(zero->BudgetFen(0), 0);
}

TEST(VillageBudgetRule, RefusesMalformedText) {
  for (const char* text : {
           "", "village-budget-2021", "village-budget-2021:3000:300000",
           "village-budget-2021:3000:300000:250000:1",
           ":3000:300000:250000",                   // no version
           "village-budget-2021:-1:300000:250000",  // negative
           "village-budget-2021:3000:-300000:250000", "village-budget-2021:3000:300000:-1",
           "village-budget-2021:3000::250000",  // empty number
           "village-budget-2021: 3000:300000:250000", "village-budget-2021:+3000:300000:250000",
           "village-budget-2021:3000:3000.00:250000", "village-budget-2021:3000:300000:250000 ",
           "village-budget-2021:3000:99999999999999999999:250000",  // beyond int64
       }) {
    EXPECT_FALSE(ParseVillageBudgetRule(text).has_value()) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// runtime::ResourceIdFromName, runtime::NewResourceId, runtime::CheckResourceName

TEST(ResourceIds, NewIdsAreTwentyRandomLowerCaseLettersAndDigits) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = runtime::NewResourceId();
    ASSERT_EQ(id.size(), 20u) << id;
    ASSERT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789"), std::string::npos)
        << id;
    EXPECT_EQ(runtime::ResourceIdFromName("volunteers/" + id, "volunteers/"), id);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(ResourceIds, IdFromName) {
  EXPECT_EQ(runtime::ResourceIdFromName("volunteers/abc", "volunteers/"), "abc");
  EXPECT_EQ(runtime::ResourceIdFromName("organizations/furong-assoc-1", "organizations/"),
            "furong-assoc-1");
  EXPECT_EQ(runtime::ResourceIdFromName("volunteers/" + std::string(40, 'a'), "volunteers/"),
            std::string(40, 'a'));
  for (const std::string& name : {
           std::string("volunteers/"),            // no id
           "volunteers/" + std::string(41, 'a'),  // too long
           std::string("volunteers/ABC"),         // upper case
           std::string("volunteers/a_b"),         // underscore
           std::string("volunteers/a/b"),         // nested
           std::string("volunteers/a b"),         // space
           std::string("volunteers/张三"),        // not ASCII
           std::string("organizations/abc"),      // other collection
           std::string("volunteer/abc"),          // prefix without the s
           std::string("Volunteers/abc"),         // case of the prefix
           std::string("abc"),                    // bare id
           std::string(""),
       }) {
    EXPECT_EQ(runtime::ResourceIdFromName(name, "volunteers/"), "") << name;
  }
}

TEST(CheckResourceName, ReturnsTheIdOrAddsOneViolation) {
  FieldViolations violations;
  EXPECT_EQ(
      runtime::CheckResourceName(violations, "organization.parent", "organizations/changsha-assoc",
                                 "organizations/", /*required=*/true),
      "changsha-assoc");
  EXPECT_TRUE(violations.empty());

  EXPECT_EQ(runtime::CheckResourceName(violations, "organization.parent", "", "organizations/",
                                       /*required=*/true),
            "");
  EXPECT_EQ(runtime::CheckResourceName(violations, "organization.parent", "organizations/",
                                       "organizations/",
                                       /*required=*/true),
            "");
  EXPECT_EQ(runtime::CheckResourceName(violations, "volunteer.organizations[2]", "volunteers/abc",
                                       "organizations/", /*required=*/true),
            "");
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "organization.parent FIELD_REQUIRED",
                                     "organization.parent FIELD_MALFORMED",
                                     "volunteer.organizations[2] FIELD_MALFORMED",
                                 }));
  EXPECT_EQ(violations.violations()[0].description, "required: organizations/{id}");
}

// ---------------------------------------------------------------------------------------------
// ValidateOrganizationFields

const std::vector<std::string> kAllPaths = {"display_name", "kind",          "sector",
                                            "region_code",  "founding_date", "officers"};

runtime::RegionEntry Entry(std::string code, common::v1::RegionLevel level, std::string parent) {
  runtime::RegionEntry entry;
  entry.code = std::move(code);
  entry.display_name = entry.code;
  entry.level = level;
  entry.parent = std::move(parent);
  entry.valid_from = {1996, 5, 1};
  entry.revision = 1;
  return entry;
}

v1::Officer Officer(v1::OfficerRole role, const std::string& name, google::type::Date start) {
  v1::Officer officer;
  officer.set_role(role);
  officer.set_display_name(name);
  *officer.mutable_term_start_date() = start;
  return officer;
}

class OrganizationValidationTest : public ::testing::Test {
 protected:
  OrganizationValidationTest() {
    regions_.Upsert(Entry("430000", common::v1::REGION_LEVEL_PROVINCE, ""));
    regions_.Upsert(Entry("430100", common::v1::REGION_LEVEL_CITY, "430000"));
    regions_.Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100"));
    regions_.Upsert(Entry("430104", common::v1::REGION_LEVEL_COUNTY, "430100"));
    regions_.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102"));
    regions_.Upsert(Entry("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001"));

    // 芙蓉区禁毒协会 with a president and a former secretary general.
    association_.set_display_name("芙蓉区禁毒协会");
    association_.set_kind(v1::ORGANIZATION_KIND_ASSOCIATION);
    association_.set_region_code("430102");
    *association_.mutable_founding_date() = Date(2015, 6, 26);
    *association_.add_officers() = Officer(v1::OFFICER_ROLE_PRESIDENT, "李四", Date(2020, 1, 1));
    v1::Officer former = Officer(v1::OFFICER_ROLE_SECRETARY_GENERAL, "王五", Date(2018, 1, 1));
    *former.mutable_term_end_date() = Date(2021, 1, 1);
    former.set_volunteer("volunteers/wangwu01");
    *association_.add_officers() = former;
  }

  std::vector<std::string> Validate(const v1::Organization& organization,
                                    const std::vector<std::string>& paths = kAllPaths) {
    FieldViolations violations;
    ValidateOrganizationFields(organization, paths, "organization.", regions_, kToday, &violations);
    descriptions_.clear();
    for (const auto& violation : violations.violations()) {
      descriptions_.push_back(violation.description);
    }
    return Summary(violations);
  }

  runtime::RegionDirectory regions_;
  v1::Organization association_;
  std::vector<std::string> descriptions_;
};

TEST_F(OrganizationValidationTest, AValidAssociationPasses) {
  EXPECT_EQ(Validate(association_), std::vector<std::string>{});
}

TEST_F(OrganizationValidationTest, OnlyTheNamedPathsAreChecked) {
  v1::Organization empty;
  EXPECT_EQ(Validate(empty, {}), std::vector<std::string>{});
  EXPECT_EQ(Validate(empty, {"region_code"}),
            std::vector<std::string>{"organization.region_code FIELD_REQUIRED"});
  EXPECT_EQ(Validate(empty, {"unknown_path", "audit"}), std::vector<std::string>{});
  EXPECT_EQ(Validate(empty), (std::vector<std::string>{
                                 "organization.display_name FIELD_REQUIRED",
                                 "organization.kind FIELD_REQUIRED",
                                 "organization.region_code FIELD_REQUIRED",
                                 "organization.founding_date FIELD_REQUIRED",
                             }));
}

TEST_F(OrganizationValidationTest, ThePrefixIsPrepended) {
  v1::Organization empty;
  FieldViolations violations;
  ValidateOrganizationFields(empty, {"display_name"}, "", regions_, kToday, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"display_name FIELD_REQUIRED"});
}

TEST_F(OrganizationValidationTest, DisplayNameIsOneTo128Characters) {
  v1::Organization organization = association_;
  organization.set_display_name(Repeat("禁", 128));
  EXPECT_EQ(Validate(organization, {"display_name"}), std::vector<std::string>{});
  organization.set_display_name(Repeat("禁", 129));
  EXPECT_EQ(Validate(organization, {"display_name"}),
            std::vector<std::string>{"organization.display_name FIELD_TOO_LONG"});
  EXPECT_EQ(descriptions_, std::vector<std::string>{"at most 128 characters"});
  organization.set_display_name("");
  EXPECT_EQ(Validate(organization, {"display_name"}),
            std::vector<std::string>{"organization.display_name FIELD_REQUIRED"});
}

TEST_F(OrganizationValidationTest, KindMustBeAKnownValue) {
  v1::Organization organization = association_;
  organization.set_kind(v1::ORGANIZATION_KIND_UNSPECIFIED);
  EXPECT_EQ(Validate(organization, {"kind"}),
            std::vector<std::string>{"organization.kind FIELD_REQUIRED"});
  organization.set_kind(static_cast<v1::OrganizationKind>(99));  // from a newer client
  EXPECT_EQ(Validate(organization, {"kind"}),
            std::vector<std::string>{"organization.kind FIELD_REQUIRED"});
  organization.set_kind(v1::ORGANIZATION_KIND_STUDIO);
  EXPECT_EQ(Validate(organization, {"kind"}), std::vector<std::string>{});
}

TEST_F(OrganizationValidationTest, OnlyIndustryBranchesHaveASector) {
  v1::Organization organization = association_;
  organization.set_sector(v1::BRANCH_SECTOR_TRANSPORT);
  EXPECT_EQ(Validate(organization, {"sector"}),
            std::vector<std::string>{"organization.sector VALUE_NOT_ALLOWED"});
  EXPECT_EQ(descriptions_, std::vector<std::string>{"only an industry branch has a sector"});

  organization.set_kind(v1::ORGANIZATION_KIND_INDUSTRY_BRANCH);
  EXPECT_EQ(Validate(organization, {"sector"}), std::vector<std::string>{});
  organization.set_sector(v1::BRANCH_SECTOR_UNSPECIFIED);
  EXPECT_EQ(Validate(organization, {"sector"}),
            std::vector<std::string>{"organization.sector FIELD_REQUIRED"});
  organization.set_sector(static_cast<v1::BranchSector>(42));
  EXPECT_EQ(Validate(organization, {"sector"}),
            std::vector<std::string>{"organization.sector VALUE_NOT_ALLOWED"});
  EXPECT_EQ(descriptions_, std::vector<std::string>{"unknown sector"});
}

TEST_F(OrganizationValidationTest, RegionMustBeInTheTree) {
  v1::Organization organization = association_;
  for (const char* known : {"430000", "430104", "430102001001"}) {
    organization.set_region_code(known);
    EXPECT_EQ(Validate(organization, {"region_code"}), std::vector<std::string>{}) << known;
  }
  for (const char* unknown : {"430199", "110105", "43010", "Z43010001"}) {
    organization.set_region_code(unknown);
    EXPECT_EQ(Validate(organization, {"region_code"}),
              std::vector<std::string>{"organization.region_code REFERENCE_NOT_FOUND"})
        << unknown;
  }
}

TEST_F(OrganizationValidationTest, FoundingDateIsARealDateNotAfterToday) {
  v1::Organization organization = association_;
  *organization.mutable_founding_date() = Date(2024, 6, 1);  // today
  EXPECT_EQ(Validate(organization, {"founding_date"}), std::vector<std::string>{});
  *organization.mutable_founding_date() = Date(2024, 6, 2);
  EXPECT_EQ(Validate(organization, {"founding_date"}),
            std::vector<std::string>{"organization.founding_date DATE_IN_FUTURE"});
  *organization.mutable_founding_date() = Date(2023, 2, 29);
  EXPECT_EQ(Validate(organization, {"founding_date"}),
            std::vector<std::string>{"organization.founding_date FIELD_MALFORMED"});
  *organization.mutable_founding_date() = Date(0, 0, 0);  // set, but all zero
  EXPECT_EQ(Validate(organization, {"founding_date"}),
            std::vector<std::string>{"organization.founding_date FIELD_MALFORMED"});
  organization.clear_founding_date();
  EXPECT_EQ(Validate(organization, {"founding_date"}),
            std::vector<std::string>{"organization.founding_date FIELD_REQUIRED"});
}

TEST_F(OrganizationValidationTest, OfficerRules) {
  v1::Organization organization = association_;
  organization.clear_officers();
  // 0 no role
  *organization.add_officers() = Officer(v1::OFFICER_ROLE_UNSPECIFIED, "甲", Date(2020, 1, 1));
  // 1 unknown role, empty name
  *organization.add_officers() = Officer(static_cast<v1::OfficerRole>(77), "", Date(2020, 1, 1));
  // 2 name of 65 characters
  *organization.add_officers() = Officer(v1::OFFICER_ROLE_HEAD, Repeat("长", 65), Date(2020, 1, 1));
  // 3 malformed volunteer reference
  v1::Officer with_volunteer = Officer(v1::OFFICER_ROLE_HEAD, "乙", Date(2020, 1, 1));
  with_volunteer.set_volunteer("volunteers/Yi");
  *organization.add_officers() = with_volunteer;
  // 4 no term start
  v1::Officer no_start = Officer(v1::OFFICER_ROLE_HEAD, "丙", Date(2020, 1, 1));
  no_start.clear_term_start_date();
  *organization.add_officers() = no_start;
  // 5 term starting tomorrow
  *organization.add_officers() = Officer(v1::OFFICER_ROLE_HEAD, "丁", Date(2024, 6, 2));
  // 6 term ending the day it starts
  v1::Officer empty_term = Officer(v1::OFFICER_ROLE_HEAD, "戊", Date(2020, 1, 1));
  *empty_term.mutable_term_end_date() = Date(2020, 1, 1);
  *organization.add_officers() = empty_term;
  // 7 term end not a date
  v1::Officer bad_end = Officer(v1::OFFICER_ROLE_HEAD, "己", Date(2020, 1, 1));
  *bad_end.mutable_term_end_date() = Date(2021, 4, 31);
  *organization.add_officers() = bad_end;
  // 8 fine: 64 characters, a volunteer, a term ending in the future
  v1::Officer fine = Officer(v1::OFFICER_ROLE_VICE_PRESIDENT, Repeat("长", 64), Date(2020, 1, 1));
  fine.set_volunteer("volunteers/abc123");
  *fine.mutable_term_end_date() = Date(2026, 1, 1);
  *organization.add_officers() = fine;

  EXPECT_EQ(Validate(organization, {"officers"}),
            (std::vector<std::string>{
                "organization.officers[0].role FIELD_REQUIRED",
                "organization.officers[1].role FIELD_REQUIRED",
                "organization.officers[1].display_name FIELD_REQUIRED",
                "organization.officers[2].display_name FIELD_TOO_LONG",
                "organization.officers[3].volunteer FIELD_MALFORMED",
                "organization.officers[4].term_start_date FIELD_REQUIRED",
                "organization.officers[5].term_start_date DATE_IN_FUTURE",
                "organization.officers[6].term_end_date END_BEFORE_START",
                "organization.officers[7].term_end_date FIELD_MALFORMED",
            }));
}

TEST_F(OrganizationValidationTest, AtMostFiftyOfficersAndOnlyTheseAreChecked) {
  v1::Organization organization = association_;
  organization.clear_officers();
  for (int i = 0; i < 50; ++i) {
    *organization.add_officers() = Officer(v1::OFFICER_ROLE_HEAD, "组长", Date(2020, 1, 1));
  }
  EXPECT_EQ(Validate(organization, {"officers"}), std::vector<std::string>{});
  // The 51st is wrong in itself, but only the count is reported.
  *organization.add_officers() = Officer(v1::OFFICER_ROLE_UNSPECIFIED, "", Date(2020, 1, 1));
  EXPECT_EQ(Validate(organization, {"officers"}),
            std::vector<std::string>{"organization.officers FIELD_OUT_OF_RANGE"});
  EXPECT_EQ(descriptions_, std::vector<std::string>{"at most 50 officers"});
}

// ---------------------------------------------------------------------------------------------
// OrganizationFactsOf, OfficerProfilesOf

// base64 of the bytes 0x00 ... 0x1f: profile ids below are checked against
//   printf 'officer.profile\0organizations/furong-assoc\n李四' |
//     openssl dgst -sha256 -mac hmac -macopt hexkey:000102...1f
constexpr const char* kLookupKeyFile = "lookup-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

// 芙蓉区禁毒协会: president 李四 serving, secretary general 王五 until 2021, secretary general
// 赵六 since, vice president 钱七 serving a term that ends in 2030.
v1::Organization FurongAssociation() {
  v1::Organization organization;
  organization.set_name("organizations/furong-assoc");
  organization.set_display_name("芙蓉区禁毒协会");
  organization.set_kind(v1::ORGANIZATION_KIND_ASSOCIATION);
  organization.set_parent("organizations/changsha-assoc");
  organization.set_region_code("430102");
  *organization.mutable_founding_date() = Date(2015, 6, 26);
  organization.set_state(v1::ORGANIZATION_STATE_ACTIVE);
  v1::Officer president = Officer(v1::OFFICER_ROLE_PRESIDENT, "李四", Date(2020, 1, 1));
  president.set_volunteer("volunteers/lisi0001");
  *organization.add_officers() = president;
  v1::Officer former = Officer(v1::OFFICER_ROLE_SECRETARY_GENERAL, "王五", Date(2018, 1, 1));
  *former.mutable_term_end_date() = Date(2021, 1, 1);
  *organization.add_officers() = former;
  *organization.add_officers() =
      Officer(v1::OFFICER_ROLE_SECRETARY_GENERAL, "赵六", Date(2021, 1, 1));
  v1::Officer vice = Officer(v1::OFFICER_ROLE_VICE_PRESIDENT, "钱七", Date(2021, 1, 1));
  *vice.mutable_term_end_date() = Date(2030, 1, 1);
  *organization.add_officers() = vice;
  organization.mutable_audit()->set_etag("etag-1");
  return organization;
}

// Every field of `descriptor` and the messages it holds, marked (jindu.common.v1.sensitive).
void CollectSensitiveFields(const google::protobuf::Descriptor* descriptor,
                            std::set<std::string>* visited, std::vector<std::string>* marked) {
  if (!visited->insert(descriptor->full_name()).second) return;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (field->options().GetExtension(common::v1::sensitive)) marked->push_back(field->full_name());
    if (field->message_type() != nullptr) {
      CollectSensitiveFields(field->message_type(), visited, marked);
    }
  }
}

TEST(OrganizationFactsOf, CarriesTheFactsWhole) {
  v1::Organization organization = FurongAssociation();
  organization.set_kind(v1::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP);
  organization.set_region_code("430102001001");
  organization.set_state(v1::ORGANIZATION_STATE_DISSOLVED);
  *organization.mutable_dissolution_date() = Date(2024, 5, 31);
  organization.mutable_annual_budget()->set_year(2024);
  organization.mutable_annual_budget()->mutable_amount()->set_currency_code("CNY");
  organization.mutable_annual_budget()->mutable_amount()->set_minor_units(300000);
  organization.mutable_annual_budget()->set_population(3120);

  events::v1::OrganizationFacts facts = OrganizationFactsOf(organization);
  EXPECT_EQ(facts.organization(), "organizations/furong-assoc");
  EXPECT_EQ(facts.display_name(), "芙蓉区禁毒协会");
  EXPECT_EQ(facts.kind(), v1::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP);
  EXPECT_EQ(facts.sector(), v1::BRANCH_SECTOR_UNSPECIFIED);
  EXPECT_EQ(facts.parent(), "organizations/changsha-assoc");
  EXPECT_EQ(facts.region_code(), "430102001001");
  EXPECT_EQ(facts.founding_date().year(), 2015);
  EXPECT_EQ(facts.founding_date().month(), 6);
  EXPECT_EQ(facts.founding_date().day(), 26);
  EXPECT_EQ(facts.state(), v1::ORGANIZATION_STATE_DISSOLVED);
  ASSERT_TRUE(facts.has_dissolution_date());
  EXPECT_EQ(facts.dissolution_date().day(), 31);
  ASSERT_TRUE(facts.has_annual_budget());
  EXPECT_EQ(facts.annual_budget().currency_code(), "CNY");
  EXPECT_EQ(facts.annual_budget().minor_units(), 300000);
}

TEST(OrganizationFactsOf, LeavesOptionalFactsUnsetWhenAbsent) {
  v1::Organization organization = FurongAssociation();
  organization.set_kind(v1::ORGANIZATION_KIND_INDUSTRY_BRANCH);
  organization.set_sector(v1::BRANCH_SECTOR_POSTAL);
  events::v1::OrganizationFacts facts = OrganizationFactsOf(organization);
  EXPECT_EQ(facts.sector(), v1::BRANCH_SECTOR_POSTAL);
  EXPECT_FALSE(facts.has_dissolution_date());
  EXPECT_FALSE(facts.has_annual_budget());
}

TEST(OrganizationFactsOf, NamesTheOfficesFilledNeverTheOfficers) {
  v1::Organization organization = FurongAssociation();
  events::v1::OrganizationFacts facts = OrganizationFactsOf(organization);
  // 李四 (president), 赵六 (secretary general) and 钱七 (vice president until a planned end);
  // 王五's ended term does not count and the secretary general is listed once.
  ASSERT_EQ(facts.filled_officer_roles_size(), 3);
  EXPECT_EQ(facts.filled_officer_roles(0), v1::OFFICER_ROLE_PRESIDENT);
  EXPECT_EQ(facts.filled_officer_roles(1), v1::OFFICER_ROLE_SECRETARY_GENERAL);
  EXPECT_EQ(facts.filled_officer_roles(2), v1::OFFICER_ROLE_VICE_PRESIDENT);

  const std::string bytes = facts.SerializeAsString();
  for (const auto& officer : organization.officers()) {
    EXPECT_EQ(bytes.find(officer.display_name()), std::string::npos) << officer.display_name();
  }
  EXPECT_EQ(bytes.find("volunteers/lisi0001"), std::string::npos);
  EXPECT_EQ(facts.DebugString().find("李四"), std::string::npos);
}

TEST(OrganizationFactsOf, TheFactsMessageHasNoSensitiveFieldAtAll) {
  std::set<std::string> visited;
  std::vector<std::string> marked;
  CollectSensitiveFields(events::v1::OrganizationFacts::descriptor(), &visited, &marked);
  EXPECT_EQ(marked, std::vector<std::string>{});
  // The check itself works: the organisation resource does hold a marked field.
  visited.clear();
  CollectSensitiveFields(v1::Organization::descriptor(), &visited, &marked);
  EXPECT_EQ(marked, std::vector<std::string>{"jindu.registration.v1.Officer.display_name"});
}

TEST(OrganizationFactsOf, AnOfficerServingATermWithAPlannedEndFillsTheOffice) {
  // Regression (found by this test, fixed): OrganizationFactsOf skips every officer with a
  // term_end_date, even one in the future, while OfficerProfilesOf publishes that officer as
  // serving (its end is after today). The two events of one change disagree: 钱七 holds a public
  // vice-president profile, but the facts say no vice president is in office. filled_officer_roles
  // is "Officer roles currently filled".
  events::v1::OrganizationFacts facts = OrganizationFactsOf(FurongAssociation());
  std::vector<int> roles(facts.filled_officer_roles().begin(), facts.filled_officer_roles().end());
  EXPECT_EQ(roles, (std::vector<int>{v1::OFFICER_ROLE_PRESIDENT, v1::OFFICER_ROLE_SECRETARY_GENERAL,
                                     v1::OFFICER_ROLE_VICE_PRESIDENT}));
}

TEST(OfficerProfilesOf, OneProfilePerServingOfficerWithAStableKeyedId) {
  runtime::KeyedHash ids(runtime::ParseSecretKeyFile(kLookupKeyFile));
  std::vector<events::v1::PublicProfileUpserted> profiles =
      OfficerProfilesOf(FurongAssociation(), ids, kToday);
  ASSERT_EQ(profiles.size(), 3u);  // 王五's term ended in 2021

  EXPECT_EQ(profiles[0].profile_id(), "officer-d9f01c5f4235b2df151c16af");
  EXPECT_EQ(profiles[0].display_name(), "李四");
  EXPECT_EQ(profiles[0].volunteer(), "volunteers/lisi0001");
  EXPECT_EQ(profiles[0].lecture_teams_size(), 0);
  ASSERT_EQ(profiles[0].offices_size(), 1);
  EXPECT_EQ(profiles[0].offices(0).organization(), "organizations/furong-assoc");
  EXPECT_EQ(profiles[0].offices(0).role(), v1::OFFICER_ROLE_PRESIDENT);

  EXPECT_EQ(profiles[1].profile_id(), "officer-424931bb80eec5ef2f855dcc");
  EXPECT_EQ(profiles[1].display_name(), "赵六");
  EXPECT_EQ(profiles[1].volunteer(), "");
  EXPECT_EQ(profiles[1].offices(0).role(), v1::OFFICER_ROLE_SECRETARY_GENERAL);

  EXPECT_EQ(profiles[2].profile_id(), "officer-4c4595a70ecf0a3e961cf548");
  EXPECT_EQ(profiles[2].display_name(), "钱七");
  EXPECT_EQ(profiles[2].offices(0).role(), v1::OFFICER_ROLE_VICE_PRESIDENT);
}

TEST(OfficerProfilesOf, IdsDoNotDependOnTheOfficeOrTheDayButOnOrganisationAndName) {
  runtime::KeyedHash ids(runtime::ParseSecretKeyFile(kLookupKeyFile));
  v1::Organization organization = FurongAssociation();
  const std::string president_id = OfficerProfilesOf(organization, ids, kToday)[0].profile_id();

  organization.mutable_officers(0)->set_role(v1::OFFICER_ROLE_HEAD);
  organization.set_display_name("芙蓉区社会禁毒协会");  // renamed
  EXPECT_EQ(OfficerProfilesOf(organization, ids, CivilDate{2025, 1, 1})[0].profile_id(),
            president_id);

  organization.set_name("organizations/yuelu-assoc");  // same name in another organisation
  EXPECT_NE(OfficerProfilesOf(organization, ids, kToday)[0].profile_id(), president_id);

  // Another key gives unrelated ids.
  runtime::KeyedHash other(
      runtime::ParseSecretKeyFile("lookup-2 4dHtJiqbU7TPfoyFxmzdUlxHnLDWN0X6FSSNCNucRb4="));
  EXPECT_NE(OfficerProfilesOf(FurongAssociation(), other, kToday)[0].profile_id(), president_id);
}

TEST(OfficerProfilesOf, ATermEndsOnItsEndDate) {
  runtime::KeyedHash ids(runtime::ParseSecretKeyFile(kLookupKeyFile));
  v1::Organization organization = FurongAssociation();
  // 钱七's term ends on 2030-01-01, the first day after it.
  EXPECT_EQ(OfficerProfilesOf(organization, ids, CivilDate{2029, 12, 31}).size(), 3u);
  auto after = OfficerProfilesOf(organization, ids, CivilDate{2030, 1, 1});
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].display_name(), "李四");
  EXPECT_EQ(after[1].display_name(), "赵六");
}

TEST(OfficerProfilesOf, NoOfficersNoProfiles) {
  runtime::KeyedHash ids(runtime::ParseSecretKeyFile(kLookupKeyFile));
  v1::Organization organization = FurongAssociation();
  organization.clear_officers();
  EXPECT_TRUE(OfficerProfilesOf(organization, ids, kToday).empty());
}

TEST(OfficerProfilesOf, APersonHoldingTwoOfficesHasOneProfileWithBoth) {
  // Regression (found by this test, fixed): OfficerProfilesOf emits one PublicProfileUpserted per
  // officer entry, so 李四 serving as president and as secretary general yields two events with the
  // same profile_id (and, in OrganizationHandlers::Publish, the same aggregate_version), each
  // listing one office. Each event "carries the whole profile": a consumer keeping the latest event
  // per id loses the presidency.
  runtime::KeyedHash ids(runtime::ParseSecretKeyFile(kLookupKeyFile));
  v1::Organization organization = FurongAssociation();
  organization.mutable_officers(2)->set_display_name("李四");  // also secretary general
  std::vector<events::v1::PublicProfileUpserted> profiles =
      OfficerProfilesOf(organization, ids, kToday);
  std::set<std::string> distinct_ids;
  for (const auto& profile : profiles) distinct_ids.insert(profile.profile_id());
  EXPECT_EQ(distinct_ids.size(), profiles.size());
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[0].offices_size(), 2);
}

}  // namespace
}  // namespace jindu::registration

// Volunteer rules that need no database (registration/volunteers/): the national ID number as the
// registration service accepts it, the other fields, and how a stored volunteer is shown in the
// basic (masked) and the full view.
//
// ID numbers were computed with ISO 7064 MOD 11-2 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
// check characters "10X98765432"); none belongs to a real person.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "registration/volunteers/volunteer_presentation.h"
#include "registration/volunteers/volunteer_validation.h"
#include "runtime/access/national_id_field.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {
namespace {

using runtime::CivilDate;
using runtime::FieldViolations;

constexpr CivilDate kToday{2024, 6, 1};
constexpr const char* kField = "volunteer.national_id_number";

std::vector<std::string> Summary(const FieldViolations& violations) {
  std::vector<std::string> lines;
  for (const auto& violation : violations.violations()) {
    lines.push_back(violation.field + " " +
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

void FillHunan(runtime::RegionDirectory* regions) {
  regions->Upsert(Entry("430000", common::v1::REGION_LEVEL_PROVINCE, ""));
  regions->Upsert(Entry("430100", common::v1::REGION_LEVEL_CITY, "430000"));
  regions->Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100"));
  regions->Upsert(Entry("430104", common::v1::REGION_LEVEL_COUNTY, "430100"));
  regions->Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102"));
  regions->Upsert(Entry("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001"));
  // 望城县, replaced by 望城区 (430112) in 2011: people born there keep the old code.
  regions->Upsert(
      Entry("430122", common::v1::REGION_LEVEL_COUNTY, "430100", CivilDate{2011, 6, 1}));
  runtime::RegionEntry zone = Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100");
  zone.members = {"430104"};
  regions->Upsert(zone);
}

// ---------------------------------------------------------------------------------------------
// runtime::CheckNationalIdField

class VolunteerIdNumberTest : public ::testing::Test {
 protected:
  VolunteerIdNumberTest() { FillHunan(&regions_); }

  std::optional<runtime::ParsedNationalId> Check(const std::string& text) {
    violations_ = {};
    return runtime::CheckNationalIdField(kField, text, regions_, kToday, &violations_);
  }

  runtime::RegionDirectory regions_;
  FieldViolations violations_;
};

TEST_F(VolunteerIdNumberTest, AcceptsANumberOfAKnownCountyOfTheProvince) {
  auto parsed = Check("430102199003071234");
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->normalized, "430102199003071234");
  EXPECT_EQ(parsed->address_code, "430102");
  EXPECT_EQ(parsed->birth_year, 1990);
  EXPECT_EQ(parsed->birth_month, 3);
  EXPECT_EQ(parsed->birth_day, 7);
  EXPECT_TRUE(parsed->male);  // 17th digit 3

  auto female = Check("430104198511200029");
  ASSERT_TRUE(female.has_value());
  EXPECT_FALSE(female->male);  // 17th digit 2
  EXPECT_EQ(female->address_code, "430104");
}

TEST_F(VolunteerIdNumberTest, NormalisesALowerCaseCheckCharacter) {
  auto parsed = Check("43010419950508007x");
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->normalized, "43010419950508007X");
  EXPECT_TRUE(Check("43010419950508007X").has_value());
}

TEST_F(VolunteerIdNumberTest, AcceptsExpiredAndCityCodesTheTreeKnows) {
  EXPECT_TRUE(Check("430122198001010017").has_value());  // 望城县, expired 2011
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
  EXPECT_TRUE(Check("430100200001010019").has_value());  // the city code itself
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
}

TEST_F(VolunteerIdNumberTest, AcceptsNumbersOfOtherProvincesByTheirProvinceCode) {
  for (const char* number : {"110105199001010010",     // 北京市朝阳区
                             "440305199208150034",     // 深圳市南山区
                             "810000199001010019",     // 香港
                             "820000198808080023"}) {  // 澳门
    auto parsed = Check(number);
    ASSERT_EQ(Summary(violations_), std::vector<std::string>{}) << number;
    EXPECT_TRUE(parsed.has_value()) << number;
  }
}

TEST_F(VolunteerIdNumberTest, RefusesAnUnknownCodeOfTheTreesProvince) {
  EXPECT_FALSE(Check("430199199003071233").has_value());  // 4301 99 is no county of 长沙
  ASSERT_EQ(Summary(violations_),
            std::vector<std::string>{"volunteer.national_id_number ID_NUMBER_INCONSISTENT"});
  EXPECT_EQ(violations_.violations()[0].description,
            "the address code in the number is not a known region");
}

TEST_F(VolunteerIdNumberTest, RefusesAnAddressCodeOfNoProvince) {
  EXPECT_FALSE(Check("990101199001010019").has_value());
  ASSERT_EQ(Summary(violations_),
            std::vector<std::string>{"volunteer.national_id_number ID_NUMBER_INCONSISTENT"});
}

TEST_F(VolunteerIdNumberTest, TheProvinceIsTheOneTheTreeHolds) {
  // With a tree that holds no 湖南省 entry, a 43 number is "another province's" and passes on its
  // province code alone.
  runtime::RegionDirectory beijing;
  beijing.Upsert(Entry("110000", common::v1::REGION_LEVEL_PROVINCE, ""));
  beijing.Upsert(Entry("110105", common::v1::REGION_LEVEL_COUNTY, "110000"));
  FieldViolations violations;
  EXPECT_TRUE(
      runtime::CheckNationalIdField(kField, "430199199003071233", beijing, kToday, &violations)
          .has_value());
  EXPECT_TRUE(violations.empty());
  EXPECT_FALSE(
      runtime::CheckNationalIdField(kField, "110101199001010015", beijing, kToday, &violations)
          .has_value());  // 东城区 is not in this tree
  ASSERT_EQ(Summary(violations),
            std::vector<std::string>{"volunteer.national_id_number ID_NUMBER_INCONSISTENT"});
}

TEST_F(VolunteerIdNumberTest, ReportsTheFirstProblemWithItsReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "FIELD_REQUIRED"},
      {"43010219900307123", "FIELD_MALFORMED"},    // 17 characters
      {"4301021990030712345", "FIELD_MALFORMED"},  // 19
      {" 430102199003071234", "FIELD_MALFORMED"},  // no trimming
      {"43010219900307123Y", "FIELD_MALFORMED"},
      {"430102900307123", "FIELD_MALFORMED"},            // the old 15-digit form
      {"430102199003071235", "CHECK_DIGIT_MISMATCH"},    // last digit mistyped
      {"430102199003071243", "CHECK_DIGIT_MISMATCH"},    // two digits swapped
      {"430102199002301237", "ID_NUMBER_INCONSISTENT"},  // 30 February
      {"430102203001010015", "ID_NUMBER_INCONSISTENT"},  // born in 2030
      {"430102202406020014", "ID_NUMBER_INCONSISTENT"},  // born tomorrow
      {"430199199003071234", "CHECK_DIGIT_MISMATCH"},    // checked before the address code
  };
  for (const auto& [number, reason] : cases) {
    EXPECT_FALSE(Check(number).has_value()) << number;
    ASSERT_EQ(Summary(violations_), std::vector<std::string>{std::string(kField) + " " + reason})
        << number;
    // Details never echo the number.
    if (number.size() >= 6) {
      EXPECT_EQ(violations_.violations()[0].description.find(number.substr(0, 6)),
                std::string::npos)
          << violations_.violations()[0].description;
    }
  }
}

TEST_F(VolunteerIdNumberTest, ABirthTodayIsAccepted) {
  auto parsed = Check("43010420240601002X");
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->birth_year, 2024);
  EXPECT_FALSE(parsed->male);
}

TEST_F(VolunteerIdNumberTest, AddsToTheViolationsAlreadyCollected) {
  violations_.Add("volunteer.phone", common::v1::FIELD_MALFORMED, "earlier");
  EXPECT_FALSE(
      runtime::CheckNationalIdField(kField, "430102199003071235", regions_, kToday, &violations_));
  ASSERT_EQ(Summary(violations_),
            (std::vector<std::string>{"volunteer.phone FIELD_MALFORMED",
                                      "volunteer.national_id_number CHECK_DIGIT_MISMATCH"}));
}

// ---------------------------------------------------------------------------------------------
// ValidateVolunteerFields

const std::vector<std::string> kAllPaths = {"display_name", "phone", "residence_region_code",
                                            "roles", "skills"};

class VolunteerFieldsTest : public ::testing::Test {
 protected:
  VolunteerFieldsTest() {
    FillHunan(&regions_);
    volunteer_.set_display_name("张三");
    volunteer_.set_phone("+8613812345678");
    volunteer_.set_residence_region_code("430102001001");
    volunteer_.add_roles(v1::VOLUNTEER_ROLE_VOLUNTEER);
    volunteer_.add_roles(v1::VOLUNTEER_ROLE_ANTI_DRUG_MOTHER);
    volunteer_.add_skills("心理咨询");
    volunteer_.add_skills("法律");
  }

  std::vector<std::string> Validate(const v1::Volunteer& volunteer,
                                    const std::vector<std::string>& paths = kAllPaths) {
    FieldViolations violations;
    ValidateVolunteerFields(volunteer, paths, "volunteer.", regions_, &violations, &phone_);
    descriptions_.clear();
    for (const auto& violation : violations.violations()) {
      descriptions_.push_back(violation.description);
    }
    return Summary(violations);
  }

  runtime::RegionDirectory regions_;
  v1::Volunteer volunteer_;
  std::string phone_ = "unchanged";
  std::vector<std::string> descriptions_;
};

TEST_F(VolunteerFieldsTest, AValidVolunteerPassesAndThePhoneIsNormalised) {
  EXPECT_EQ(Validate(volunteer_), std::vector<std::string>{});
  EXPECT_EQ(phone_, "13812345678");
}

TEST_F(VolunteerFieldsTest, OnlyTheNamedPathsAreChecked) {
  v1::Volunteer empty;
  EXPECT_EQ(Validate(empty, {}), std::vector<std::string>{});
  EXPECT_EQ(phone_, "unchanged");
  EXPECT_EQ(Validate(empty, {"national_id_number", "state"}), std::vector<std::string>{});
  EXPECT_EQ(Validate(empty), (std::vector<std::string>{
                                 "volunteer.display_name FIELD_REQUIRED",
                                 "volunteer.phone FIELD_REQUIRED",
                                 "volunteer.residence_region_code FIELD_REQUIRED",
                             }));
  EXPECT_EQ(phone_, "unchanged");
}

TEST_F(VolunteerFieldsTest, DisplayNameIsOneTo64Characters) {
  v1::Volunteer volunteer = volunteer_;
  volunteer.set_display_name(Repeat("张", 64));
  EXPECT_EQ(Validate(volunteer, {"display_name"}), std::vector<std::string>{});
  volunteer.set_display_name(Repeat("张", 65));
  EXPECT_EQ(Validate(volunteer, {"display_name"}),
            std::vector<std::string>{"volunteer.display_name FIELD_TOO_LONG"});
  EXPECT_EQ(descriptions_, std::vector<std::string>{"at most 64 characters"});
}

TEST_F(VolunteerFieldsTest, PhoneRules) {
  v1::Volunteer volunteer = volunteer_;
  for (const auto& [typed, stored] :
       std::vector<std::pair<std::string, std::string>>{{"13812345678", "13812345678"},
                                                        {"8613812345678", "13812345678"},
                                                        {"+8619912345678", "19912345678"}}) {
    phone_.clear();
    volunteer.set_phone(typed);
    EXPECT_EQ(Validate(volunteer, {"phone"}), std::vector<std::string>{}) << typed;
    EXPECT_EQ(phone_, stored);
  }
  for (const char* bad : {"12812345678", "1381234567", "138123456789", "138 1234 5678",
                          "138-1234-5678", "+85213812345678", "01012345678", " 13812345678"}) {
    phone_ = "unchanged";
    volunteer.set_phone(bad);
    EXPECT_EQ(Validate(volunteer, {"phone"}),
              std::vector<std::string>{"volunteer.phone FIELD_MALFORMED"})
        << bad;
    EXPECT_EQ(phone_, "unchanged");
  }
}

TEST_F(VolunteerFieldsTest, ResidenceMustBeARegionOfTheTree) {
  v1::Volunteer volunteer = volunteer_;
  for (const char* known : {"430000", "430104", "430102001", "Z43010001", "430122"}) {
    volunteer.set_residence_region_code(known);
    EXPECT_EQ(Validate(volunteer, {"residence_region_code"}), std::vector<std::string>{}) << known;
  }
  volunteer.set_residence_region_code("430103");
  EXPECT_EQ(Validate(volunteer, {"residence_region_code"}),
            std::vector<std::string>{"volunteer.residence_region_code REFERENCE_NOT_FOUND"});
}

TEST_F(VolunteerFieldsTest, RolesMustBeKnownAndNeverLecturer) {
  v1::Volunteer volunteer = volunteer_;
  volunteer.clear_roles();
  volunteer.add_roles(v1::VOLUNTEER_ROLE_VOLUNTEER);
  volunteer.add_roles(v1::VOLUNTEER_ROLE_UNSPECIFIED);
  volunteer.add_roles(v1::VOLUNTEER_ROLE_LECTURER);
  volunteer.add_roles(static_cast<v1::VolunteerRole>(99));
  volunteer.add_roles(v1::VOLUNTEER_ROLE_TEAM_LEADER);
  EXPECT_EQ(Validate(volunteer, {"roles"}), (std::vector<std::string>{
                                                "volunteer.roles[1] VALUE_NOT_ALLOWED",
                                                "volunteer.roles[2] VALUE_NOT_ALLOWED",
                                                "volunteer.roles[3] VALUE_NOT_ALLOWED",
                                            }));
  EXPECT_EQ(descriptions_, (std::vector<std::string>{
                               "unknown role",
                               "the lecturer role comes only with CertifyLecturer",
                               "unknown role",
                           }));
}

TEST_F(VolunteerFieldsTest, SkillsAreUpToTwentySingleLinesOfOneTo32Characters) {
  v1::Volunteer volunteer = volunteer_;
  volunteer.clear_skills();
  volunteer.add_skills(Repeat("法", 32));  // 0 fine
  volunteer.add_skills("");                // 1
  volunteer.add_skills(Repeat("法", 33));  // 2
  volunteer.add_skills("心理\n咨询");      // 3
  volunteer.add_skills("心理\r咨询");      // 4
  volunteer.add_skills("心理 咨询");       // 5 fine
  EXPECT_EQ(Validate(volunteer, {"skills"}), (std::vector<std::string>{
                                                 "volunteer.skills[1] FIELD_REQUIRED",
                                                 "volunteer.skills[2] FIELD_TOO_LONG",
                                                 "volunteer.skills[3] FIELD_MALFORMED",
                                                 "volunteer.skills[4] FIELD_MALFORMED",
                                             }));

  volunteer.clear_skills();
  for (int i = 0; i < 20; ++i) volunteer.add_skills("急救");
  EXPECT_EQ(Validate(volunteer, {"skills"}), std::vector<std::string>{});
  volunteer.add_skills("");  // the 21st: only the count is reported
  EXPECT_EQ(Validate(volunteer, {"skills"}),
            std::vector<std::string>{"volunteer.skills FIELD_OUT_OF_RANGE"});
}

// ---------------------------------------------------------------------------------------------
// PresentVolunteer

StoredVolunteer Stored() {
  StoredVolunteer stored;
  stored.id = "k3v9q2m8x7c4w1z5b6n0";
  stored.revision = 4;
  stored.display_name = "张三";
  stored.national_id_number = "430102199003071234";
  stored.phone = "13812345678";
  stored.national_id_masked = "430***********1234";
  stored.phone_masked = "138****5678";
  stored.residence_region_code = "430102001001";
  stored.roles = {v1::VOLUNTEER_ROLE_VOLUNTEER, v1::VOLUNTEER_ROLE_TEAM_LEADER};
  stored.skills = {"心理咨询", "法律"};
  stored.organization_ids = {"furong-team", "furong-lectures"};
  stored.state = v1::VOLUNTEER_STATE_ACTIVE;
  stored.last_state_change.set_subject("officer-7");
  stored.last_state_change.mutable_time()->set_seconds(1717200000);
  stored.last_state_change.set_reason("开始服务");
  v1::StateChange approval;
  approval.set_subject("officer-3");
  approval.mutable_time()->set_seconds(1717100000);
  stored.approval = approval;
  stored.audit.set_etag("\"4\"");
  return stored;
}

TEST(PresentVolunteer, TheBasicViewMasksAndLeavesOutWhatTheNumberReveals) {
  v1::Volunteer volunteer = PresentVolunteer(Stored(), /*full=*/false);
  EXPECT_EQ(volunteer.name(), "volunteers/k3v9q2m8x7c4w1z5b6n0");
  EXPECT_EQ(volunteer.display_name(), "张三");
  EXPECT_EQ(volunteer.national_id_number(), "430***********1234");
  EXPECT_EQ(volunteer.phone(), "138****5678");
  EXPECT_FALSE(volunteer.has_birth_date());
  EXPECT_EQ(volunteer.sex(), v1::SEX_UNSPECIFIED);
  // Nothing of the full number or phone is anywhere in the message.
  const std::string bytes = volunteer.SerializeAsString();
  EXPECT_EQ(bytes.find("19900307"), std::string::npos);
  EXPECT_EQ(bytes.find("12345678"), std::string::npos);
}

TEST(PresentVolunteer, TheBasicViewNeverDecryptsEvenWhenTheStoreDid) {
  // A row read in the basic view carries no clear values; a row read in full shown in the basic
  // view must still show only the masks.
  StoredVolunteer stored = Stored();
  stored.national_id_number.clear();
  stored.phone.clear();
  v1::Volunteer volunteer = PresentVolunteer(stored, false);
  EXPECT_EQ(volunteer.national_id_number(), "430***********1234");
  EXPECT_EQ(volunteer.phone(), "138****5678");
}

TEST(PresentVolunteer, TheFullViewShowsAndDerives) {
  v1::Volunteer volunteer = PresentVolunteer(Stored(), /*full=*/true);
  EXPECT_EQ(volunteer.national_id_number(), "430102199003071234");
  EXPECT_EQ(volunteer.phone(), "13812345678");
  ASSERT_TRUE(volunteer.has_birth_date());
  EXPECT_EQ(volunteer.birth_date().year(), 1990);
  EXPECT_EQ(volunteer.birth_date().month(), 3);
  EXPECT_EQ(volunteer.birth_date().day(), 7);
  EXPECT_EQ(volunteer.sex(), v1::SEX_MALE);

  StoredVolunteer woman = Stored();
  woman.national_id_number = "430104198511200029";
  v1::Volunteer her = PresentVolunteer(woman, true);
  EXPECT_EQ(her.sex(), v1::SEX_FEMALE);
  EXPECT_EQ(her.birth_date().year(), 1985);
  EXPECT_EQ(her.birth_date().month(), 11);
  EXPECT_EQ(her.birth_date().day(), 20);
}

TEST(PresentVolunteer, TheFullViewDerivesNothingFromAnUnreadableNumber) {
  StoredVolunteer stored = Stored();
  stored.national_id_number = "430102199003071235";  // check digit wrong
  v1::Volunteer volunteer = PresentVolunteer(stored, true);
  EXPECT_EQ(volunteer.national_id_number(), "430102199003071235");
  EXPECT_FALSE(volunteer.has_birth_date());
  EXPECT_EQ(volunteer.sex(), v1::SEX_UNSPECIFIED);
}

TEST(PresentVolunteer, BothViewsCarryTheRest) {
  for (bool full : {false, true}) {
    v1::Volunteer volunteer = PresentVolunteer(Stored(), full);
    EXPECT_EQ(volunteer.residence_region_code(), "430102001001");
    ASSERT_EQ(volunteer.organizations_size(), 2);
    EXPECT_EQ(volunteer.organizations(0), "organizations/furong-team");
    EXPECT_EQ(volunteer.organizations(1), "organizations/furong-lectures");
    ASSERT_EQ(volunteer.roles_size(), 2);
    EXPECT_EQ(volunteer.roles(0), v1::VOLUNTEER_ROLE_VOLUNTEER);
    EXPECT_EQ(volunteer.roles(1), v1::VOLUNTEER_ROLE_TEAM_LEADER);
    EXPECT_FALSE(volunteer.has_lecturer_certification());
    ASSERT_EQ(volunteer.skills_size(), 2);
    EXPECT_EQ(volunteer.skills(1), "法律");
    EXPECT_EQ(volunteer.state(), v1::VOLUNTEER_STATE_ACTIVE);
    EXPECT_EQ(volunteer.last_state_change().subject(), "officer-7");
    EXPECT_EQ(volunteer.last_state_change().time().seconds(), 1717200000);
    EXPECT_EQ(volunteer.last_state_change().reason(), "开始服务");
    ASSERT_TRUE(volunteer.has_approval());
    EXPECT_EQ(volunteer.approval().subject(), "officer-3");
    EXPECT_EQ(volunteer.audit().etag(), "\"4\"");
  }
}

TEST(PresentVolunteer, ACertifiedLecturerHasTheLecturerRoleAndCertification) {
  StoredVolunteer stored = Stored();
  stored.lecture_team_id = "furong-lectures";
  stored.certification.set_lecture_team("organizations/furong-lectures");
  stored.certification.mutable_certified_date()->set_year(2023);
  stored.certification.add_topics("新型毒品识别");
  stored.approval.reset();
  v1::Volunteer volunteer = PresentVolunteer(stored, false);
  ASSERT_EQ(volunteer.roles_size(), 3);
  EXPECT_EQ(volunteer.roles(2), v1::VOLUNTEER_ROLE_LECTURER);
  ASSERT_TRUE(volunteer.has_lecturer_certification());
  EXPECT_EQ(volunteer.lecturer_certification().lecture_team(), "organizations/furong-lectures");
  EXPECT_EQ(volunteer.lecturer_certification().certified_date().year(), 2023);
  EXPECT_EQ(volunteer.lecturer_certification().topics(0), "新型毒品识别");
  EXPECT_FALSE(volunteer.has_approval());
}

}  // namespace
}  // namespace jindu::registration

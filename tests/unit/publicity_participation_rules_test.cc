// The rules of participation entries and campaigns that need no server: entry checks (every path
// named, nothing echoed), one keyed hash per participant however the number is written, the
// ingest slots and their saturation answer, and the campaign field rules.

#include <gtest/gtest.h>

#include <thread>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "publicity/campaigns/campaign_validation.h"
#include "publicity/participation/ingest_slots.h"
#include "publicity/participation/participation_entry_checks.h"
#include "runtime/crypto/secret_key_file.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

const std::string kNationalId = "11010519491231002X";

runtime::RegionDirectory& Regions() {
  static runtime::RegionDirectory* directory = [] {
    auto* regions = new runtime::RegionDirectory();
    auto add = [&](std::string code, common::v1::RegionLevel level, std::string parent) {
      runtime::RegionEntry entry;
      entry.code = std::move(code);
      entry.display_name = entry.code;
      entry.level = level;
      entry.parent = std::move(parent);
      entry.valid_from = {1980, 1, 1};
      entry.revision = 1;
      regions->Upsert(entry);
    };
    add("430000", common::v1::REGION_LEVEL_PROVINCE, "");
    add("430100", common::v1::REGION_LEVEL_CITY, "430000");
    add("430102", common::v1::REGION_LEVEL_COUNTY, "430100");
    add("430103", common::v1::REGION_LEVEL_COUNTY, "430100");
    add("430400", common::v1::REGION_LEVEL_CITY, "430000");
    add("430421", common::v1::REGION_LEVEL_COUNTY, "430400");
    return regions;
  }();
  return *directory;
}

const runtime::KeyedHash& Lookup() {
  static runtime::KeyedHash hash(
      runtime::ParseSecretKeyFile("lookup-1 4dHtJiqbU7TPfoyFxmzdUlxHnLDWN0X6FSSNCNucRb4="));
  return hash;
}

v1::ParticipationEntry ValidEntry() {
  v1::ParticipationEntry entry;
  entry.set_entry_id("0F8FAD5B-D9CB-469F-A165-70867728950E");
  entry.set_campaign("campaigns/abc123");
  entry.set_kind(v1::PARTICIPATION_KIND_PLEDGE);
  entry.set_region_code("430102");
  entry.mutable_occur_time()->set_seconds(1'750'000'000);
  entry.set_participant_identifier("13812345678");
  entry.set_participant_identifier_kind(v1::PARTICIPANT_IDENTIFIER_KIND_PHONE);
  return entry;
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'760'000'000));

std::vector<std::string> Check(const v1::ParticipationEntry& entry, PreparedEntry* prepared) {
  runtime::FieldViolations violations;
  CheckEntryAlone(entry, Regions(), Lookup(), kNow, &violations, prepared);
  std::vector<std::string> paths;
  for (const auto& violation : violations.violations()) {
    paths.push_back(violation.field + "=" +
                    common::v1::FieldViolationReason_Name(violation.reason));
    if (!entry.participant_identifier().empty()) {
      EXPECT_EQ(violation.description.find(entry.participant_identifier()), std::string::npos);
    }
  }
  return paths;
}

TEST(ParticipationEntryChecks, ValidEntryIsPreparedWithCanonicalIdAndShanghaiDay) {
  PreparedEntry prepared;
  EXPECT_TRUE(Check(ValidEntry(), &prepared).empty());
  EXPECT_EQ(prepared.entry_id, "0f8fad5b-d9cb-469f-a165-70867728950e");
  EXPECT_EQ(prepared.campaign_id, "abc123");
  // 1,750,000,000 s is 2025-06-15T15:06:40Z, already 2025-06-15 23:06 in Shanghai.
  EXPECT_EQ(prepared.day, (runtime::CivilDate{2025, 6, 15}));
  EXPECT_EQ(prepared.participant_hash.size(), 64u);
  EXPECT_EQ(prepared.participant_hash.find("13812345678"), std::string::npos);
}

TEST(ParticipationEntryChecks, OneParticipantOneHashHoweverWritten) {
  PreparedEntry plain, prefixed;
  v1::ParticipationEntry entry = ValidEntry();
  Check(entry, &plain);
  entry.set_participant_identifier("+8613812345678");
  Check(entry, &prefixed);
  EXPECT_EQ(plain.participant_hash, prefixed.participant_hash);

  PreparedEntry upper, lower;
  entry.set_participant_identifier_kind(v1::PARTICIPANT_IDENTIFIER_KIND_NATIONAL_ID);
  entry.set_participant_identifier(kNationalId);
  ASSERT_TRUE(Check(entry, &upper).empty());
  entry.set_participant_identifier("11010519491231002x");
  ASSERT_TRUE(Check(entry, &lower).empty());
  EXPECT_EQ(upper.participant_hash, lower.participant_hash);
  EXPECT_NE(upper.participant_hash, plain.participant_hash);
}

TEST(ParticipationEntryChecks, EveryBadFieldIsNamed) {
  v1::ParticipationEntry entry;
  entry.set_score(3);
  PreparedEntry prepared;
  EXPECT_EQ(Check(entry, &prepared),
            (std::vector<std::string>{
                "entry_id=FIELD_REQUIRED", "campaign=FIELD_REQUIRED", "kind=FIELD_REQUIRED",
                "region_code=FIELD_REQUIRED", "occur_time=FIELD_REQUIRED",
                "participant_identifier_kind=FIELD_REQUIRED",
                "participant_identifier=FIELD_REQUIRED", "score=VALUE_NOT_ALLOWED"}));

  entry = ValidEntry();
  entry.set_entry_id("0f8fad5b-d9cb-469f-a165-70867728950");
  entry.set_campaign("activities/x");
  entry.set_region_code("999999");
  entry.mutable_occur_time()->set_seconds(1'760'000'000 + 301);
  entry.set_participant_identifier("1381234567");
  EXPECT_EQ(
      Check(entry, &prepared),
      (std::vector<std::string>{"entry_id=FIELD_MALFORMED", "campaign=FIELD_MALFORMED",
                                "region_code=REFERENCE_NOT_FOUND", "occur_time=DATE_IN_FUTURE",
                                "participant_identifier=FIELD_MALFORMED"}));
  // Five minutes of clock skew are fine.
  entry = ValidEntry();
  entry.mutable_occur_time()->set_seconds(1'760'000'000 + 299);
  EXPECT_TRUE(Check(entry, &prepared).empty());

  entry.set_participant_identifier_kind(v1::PARTICIPANT_IDENTIFIER_KIND_NATIONAL_ID);
  entry.set_participant_identifier("110105194912310021");
  EXPECT_EQ(Check(entry, &prepared),
            std::vector<std::string>{"participant_identifier=CHECK_DIGIT_MISMATCH"});

  entry = ValidEntry();
  entry.set_kind(v1::PARTICIPATION_KIND_CONTEST_ENTRY);
  EXPECT_EQ(Check(entry, &prepared), std::vector<std::string>{"max_score=FIELD_OUT_OF_RANGE"});
  entry.set_max_score(100);
  entry.set_score(101);
  EXPECT_EQ(Check(entry, &prepared), std::vector<std::string>{"score=FIELD_OUT_OF_RANGE"});
  entry.set_score(100);
  EXPECT_TRUE(Check(entry, &prepared).empty());
}

TEST(ParticipationEntryChecks, CampaignRegionScopeAndDates) {
  PreparedEntry prepared;
  ASSERT_TRUE(Check(ValidEntry(), &prepared).empty());
  runtime::Principal principal;
  principal.subject = "system";
  principal.roles = {"system_caller"};
  principal.region_scopes = {"430000"};
  runtime::CallerAccess caller(principal, Regions());
  ASSERT_TRUE(caller.RequireRole("Ingest", {common::v1::ROLE_SYSTEM_CALLER}).ok());
  CampaignWindow window{"abc123", {2025, 6, 1}, {2025, 7, 1}, {"430100"}};
  auto violations = [&](const CampaignWindow* campaign) {
    runtime::FieldViolations found;
    CheckEntryInCampaign(prepared, campaign, caller, Regions(), &found);
    std::vector<std::string> paths;
    for (const auto& each : found.violations()) paths.push_back(each.field);
    return paths;
  };
  EXPECT_TRUE(violations(&window).empty());
  EXPECT_EQ(violations(nullptr), std::vector<std::string>{"campaign"});
  window.region_codes = {"430103"};
  window.end_date = {2025, 6, 15};  // exclusive: the entry's day is outside
  EXPECT_EQ(violations(&window), (std::vector<std::string>{"region_code", "occur_time"}));
}

TEST(IngestSlots, RefusesWhenNoSlotFreesUpAndSaysWhenToRetry) {
  IngestSlots slots(1);
  auto first = slots.TryAcquire(std::chrono::milliseconds(10));
  ASSERT_TRUE(first.held());
  EXPECT_FALSE(slots.TryAcquire(std::chrono::milliseconds(20)).held());
  std::thread release([moved = std::move(first)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto drop = std::move(moved);
  });
  EXPECT_TRUE(slots.TryAcquire(std::chrono::seconds(5)).held());
  release.join();

  const grpc::Status status = ServiceSaturatedError();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  google::rpc::ErrorInfo info;
  google::rpc::RetryInfo retry;
  ASSERT_EQ(details.details_size(), 2);
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "SERVICE_SATURATED");
  ASSERT_TRUE(details.details(1).UnpackTo(&retry));
  EXPECT_EQ(retry.retry_delay().seconds(), 1);
}

TEST(CampaignValidation, RegionsInsideTheOrganiserAndTargetsInsideTheRegions) {
  v1::Campaign campaign;
  campaign.set_display_name("六二六");
  *campaign.mutable_date_range()->mutable_start_date() = runtime::ToProtoDate({2026, 6, 1});
  *campaign.mutable_date_range()->mutable_end_date() = runtime::ToProtoDate({2026, 7, 1});
  campaign.add_region_codes("430102");
  campaign.add_region_codes("430421");
  auto* target = campaign.add_targets();
  target->set_region_code("430103");
  target->set_kind(v1::PARTICIPATION_KIND_PLEDGE);
  target->set_target_count(1);
  runtime::FieldViolations violations;
  CheckCampaignFacts(campaign, "430100", Regions(), &violations);
  std::vector<std::string> paths;
  for (const auto& each : violations.violations()) paths.push_back(each.field);
  EXPECT_EQ(paths, (std::vector<std::string>{"campaign.region_codes[1]",
                                             "campaign.targets[0].region_code"}));
  campaign.mutable_region_codes()->RemoveLast();
  campaign.add_region_codes("430103");
  violations = {};
  CheckCampaignFacts(campaign, "430100", Regions(), &violations);
  EXPECT_TRUE(violations.empty());
}

}  // namespace
}  // namespace jindu::publicity

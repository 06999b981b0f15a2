#pragma once
// What the publicity campaign and participation tests share: callers, an organiser made in the
// registration service and awaited in publicity's replica, campaigns, and entries with valid
// phone and national ID numbers.
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "harness/calendar.h"
#include "harness/registration_backed_suite.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::testing {

namespace pub = publicity::v1;

inline const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};
inline const TestCaller kFurongStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};
inline const TestCaller kTianxinStaff{
    .subject = "tianxin-staff", .roles = {"association_staff"}, .regions = {"430103"}};
inline const TestCaller kIngestSystem{
    .subject = "wechat-mini-program", .roles = {"system_caller"}, .regions = {"430000"}};

inline std::string IdOf(const std::string& name) { return name.substr(name.find('/') + 1); }

// An active organisation of registration in `region_code`, once publicity's replica holds it.
inline std::string MakeOrganizer(RegistrationBackedSuite& suite, const std::string& display_name,
                                 const std::string& region_code) {
  auto stub = registration::v1::RegistrationService::NewStub(suite.registration().Channel());
  registration::v1::CreateOrganizationRequest request;
  request.mutable_organization()->set_display_name(display_name);
  request.mutable_organization()->set_kind(registration::v1::ORGANIZATION_KIND_ASSOCIATION);
  request.mutable_organization()->set_region_code(region_code);
  *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
  registration::v1::Organization organization;
  auto context = suite.registration().Context(kProvinceAdmin);
  const grpc::Status status = stub->CreateOrganization(context.get(), request, &organization);
  EXPECT_TRUE(status.ok()) << status.error_message();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    pqxx::connection connection(suite.service().postgres_url());
    pqxx::nontransaction tx(connection);
    if (!tx.exec_params("SELECT 1 FROM publicity.organization_replica WHERE organization_id = $1",
                        IdOf(organization.name()))
             .empty()) {
      return organization.name();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "publicity never learned " << organization.name();
  return organization.name();
}

// A campaign from `start_offset` to `end_offset` days from today (end exclusive).
inline pub::Campaign CampaignDraft(const std::string& organizer, const std::string& display_name,
                                   std::vector<std::string> region_codes, int start_offset = -30,
                                   int end_offset = 30) {
  pub::Campaign campaign;
  campaign.set_display_name(display_name);
  campaign.set_tag(pub::CAMPAIGN_TAG_JUNE_26);
  campaign.set_organizer(organizer);
  *campaign.mutable_date_range()->mutable_start_date() = DaysFromToday(start_offset);
  *campaign.mutable_date_range()->mutable_end_date() = DaysFromToday(end_offset);
  for (const std::string& code : region_codes) campaign.add_region_codes(code);
  return campaign;
}

// A valid GB 11643 number: address, birth date and sequence, then the ISO 7064 MOD 11-2 check.
inline std::string NationalIdNumber(const std::string& address, const std::string& birth,
                                    int sequence) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  char seq[16];
  std::snprintf(seq, sizeof seq, "%03d", sequence % 1000);
  std::string body = address + birth + seq;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + kCheck[sum % 11];
}

// A phone number unique to `n` (0..99,999,999).
inline std::string PhoneNumber(int64_t n) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "139%08lld", static_cast<long long>(n));
  return digits;
}

// A UUID unique to (`salt`, `n`).
inline std::string EntryUuid(int salt, int64_t n) {
  char text[64];
  std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012llx", salt,
                static_cast<unsigned long long>(n));
  return text;
}

// `seconds_ago` before now, as a Timestamp.
inline google::protobuf::Timestamp SecondsAgo(int64_t seconds_ago) {
  google::protobuf::Timestamp time;
  time.set_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count() -
                   seconds_ago);
  return time;
}

inline pub::ParticipationEntry Pledge(const std::string& entry_id, const std::string& campaign,
                                      const std::string& region_code, const std::string& phone,
                                      int64_t seconds_ago = 3600) {
  pub::ParticipationEntry entry;
  entry.set_entry_id(entry_id);
  entry.set_campaign(campaign);
  entry.set_kind(pub::PARTICIPATION_KIND_PLEDGE);
  entry.set_region_code(region_code);
  *entry.mutable_occur_time() = SecondsAgo(seconds_ago);
  entry.set_participant_identifier(phone);
  entry.set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_PHONE);
  return entry;
}

}  // namespace jindu::testing

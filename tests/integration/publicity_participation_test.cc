// Mass participation in the publicity service, black-box over real servers (the service runs with
// participation-ingest-slots=1): batch ingest rejects bad entries one by one with the fields at
// fault; a 200,000-entry stream with 5% duplicate entry ids and 10% repeat participants counts
// exactly, in its answer, in the tallies and in the ParticipationBatchAccepted events on Kafka;
// concurrent batches beyond the slots are refused RESOURCE_EXHAUSTED / SERVICE_SATURATED with
// RetryInfo and commit nothing; and no phone or ID number reaches the database, Kafka or the log.

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "harness/error_details.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "publicity_campaign_support.h"
#include "runtime/identity/civil_date.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::testing {
namespace {

using pub::PublicityService;

// Identifiers whose absence from the database, Kafka and the log the last test checks.
std::vector<std::string>& SensitiveValues() {
  static std::vector<std::string> values;
  return values;
}

struct TallyExpectation {
  int64_t accepted = 0;
  int64_t repeats = 0;
  int64_t score_sum = 0;
  int64_t max_score_sum = 0;
};
using TallyMap = std::map<std::string, TallyExpectation>;  // "region|day|kind"

std::string TallyKeyOf(const std::string& region, runtime::CivilDate day, int kind) {
  return region + "|" + runtime::FormatIsoDate(day) + "|" + std::to_string(kind);
}

runtime::CivilDate DayOf(const google::protobuf::Timestamp& time) {
  return runtime::CivilDateInShanghai(
      std::chrono::system_clock::time_point(std::chrono::seconds(time.seconds())));
}

class PublicityParticipationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = RegistrationBackedSuite::Start("publicity_participation",
                                            "services/publicity/jindu-publicity", "publicity", "",
                                            "430104", {{"JINDU_PARTICIPATION_INGEST_SLOTS", "1"}})
                 .release();
    organizer_ = new std::string(MakeOrganizer(*suite_, "长沙市禁毒协会", "430100"));
  }
  static void TearDownTestSuite() {
    delete suite_;
    delete organizer_;
  }
  static std::unique_ptr<PublicityService::Stub> Stub() {
    return PublicityService::NewStub(suite_->service().Channel());
  }
  static pub::Campaign MakeCampaign(const std::string& display_name,
                                    std::vector<std::string> regions) {
    pub::CreateCampaignRequest request;
    *request.mutable_campaign() = CampaignDraft(*organizer_, display_name, regions);
    pub::Campaign campaign;
    auto context = suite_->service().Context(kProvinceAdmin);
    const grpc::Status status = Stub()->CreateCampaign(context.get(), request, &campaign);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return campaign;
  }
  static grpc::Status Ingest(const TestCaller& caller,
                             const pub::BatchIngestParticipationEntriesRequest& request,
                             pub::BatchIngestParticipationEntriesResponse* response) {
    auto context = suite_->service().Context(caller, std::chrono::seconds(60));
    return Stub()->BatchIngestParticipationEntries(context.get(), request, response);
  }
  static std::vector<pub::ParticipationTally> Tallies(const TestCaller& caller,
                                                      pub::ListParticipationTalliesRequest request,
                                                      int* pages = nullptr) {
    std::vector<pub::ParticipationTally> tallies;
    int count = 0;
    do {
      pub::ListParticipationTalliesResponse response;
      auto context = suite_->service().Context(caller);
      const grpc::Status status =
          Stub()->ListParticipationTallies(context.get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      tallies.insert(tallies.end(), response.tallies().begin(), response.tallies().end());
      request.set_page_token(response.next_page_token());
      ++count;
    } while (!request.page_token().empty());
    if (pages != nullptr) *pages = count;
    return tallies;
  }
  static TallyMap TallyMapOf(const std::vector<pub::ParticipationTally>& tallies) {
    TallyMap map;
    for (const auto& tally : tallies) {
      TallyExpectation& row =
          map[TallyKeyOf(tally.region_code(), runtime::FromProtoDate(tally.date()), tally.kind())];
      row.accepted += tally.accepted();
      row.repeats += tally.repeats();
      row.score_sum += tally.score_sum();
      row.max_score_sum += tally.max_score_sum();
    }
    return map;
  }

  static RegistrationBackedSuite* suite_;
  static std::string* organizer_;
};

RegistrationBackedSuite* PublicityParticipationTest::suite_ = nullptr;
std::string* PublicityParticipationTest::organizer_ = nullptr;

void ExpectSameTallies(const TallyMap& got, const TallyMap& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (const auto& [key, row] : expected) {
    ASSERT_TRUE(got.contains(key)) << key;
    const TallyExpectation& seen = got.at(key);
    EXPECT_EQ(seen.accepted, row.accepted) << key;
    EXPECT_EQ(seen.repeats, row.repeats) << key;
    EXPECT_EQ(seen.score_sum, row.score_sum) << key;
    EXPECT_EQ(seen.max_score_sum, row.max_score_sum) << key;
  }
}

TEST_F(PublicityParticipationTest, BatchRejectsBadEntriesOneByOne) {
  const pub::Campaign campaign = MakeCampaign("六二六签名承诺", {"430102", "430103"});
  const std::string phone = PhoneNumber(1);
  const std::string other_phone = PhoneNumber(2);
  const std::string national_id = NationalIdNumber("430102", "19900307", 123);
  std::string bad_check = national_id;
  bad_check.back() = bad_check.back() == '1' ? '2' : '1';
  SensitiveValues().insert(SensitiveValues().end(), {phone, other_phone, national_id, bad_check});

  pub::BatchIngestParticipationEntriesRequest request;
  auto add = [&](pub::ParticipationEntry entry) { *request.add_entries() = std::move(entry); };
  add(Pledge(EntryUuid(1, 0), campaign.name(), "430102", phone));  // 0 accepted
  pub::ParticipationEntry entry = Pledge("not-a-uuid", campaign.name(), "430102", PhoneNumber(3));
  add(entry);                                                                          // 1
  add(Pledge(EntryUuid(1, 2), "campaigns/nosuchcampaign", "430102", PhoneNumber(4)));  // 2
  entry = Pledge(EntryUuid(1, 3), campaign.name(), "430102", PhoneNumber(5));
  entry.set_kind(pub::PARTICIPATION_KIND_UNSPECIFIED);
  add(entry);                                                                           // 3
  add(Pledge(EntryUuid(1, 4), campaign.name(), "430421", PhoneNumber(6)));              // 4
  add(Pledge(EntryUuid(1, 5), campaign.name(), "430102", PhoneNumber(7), -3600));       // 5
  add(Pledge(EntryUuid(1, 6), campaign.name(), "430102", PhoneNumber(8), 40 * 86400));  // 6
  add(Pledge(EntryUuid(1, 7), campaign.name(), "430102", "12345"));                     // 7
  entry = Pledge(EntryUuid(1, 8), campaign.name(), "430102", bad_check);
  entry.set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_NATIONAL_ID);
  add(entry);  // 8
  entry = Pledge(EntryUuid(1, 9), campaign.name(), "430102", PhoneNumber(9));
  entry.set_kind(pub::PARTICIPATION_KIND_CONTEST_ENTRY);
  entry.set_score(11);
  entry.set_max_score(10);
  add(entry);  // 9
  entry = Pledge(EntryUuid(1, 10), campaign.name(), "430102", PhoneNumber(10));
  entry.set_score(5);
  add(entry);  // 10
  entry = Pledge(EntryUuid(1, 11), campaign.name(), "430102", national_id);
  entry.set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_NATIONAL_ID);
  entry.set_kind(pub::PARTICIPATION_KIND_CONTEST_ENTRY);
  entry.set_score(8);
  entry.set_max_score(10);
  add(entry);                                                               // 11 accepted
  add(Pledge(EntryUuid(1, 12), campaign.name(), "430102", "+86" + phone));  // 12 repeat
  add(Pledge(EntryUuid(1, 0), campaign.name(), "430103", other_phone));     // 13 duplicate
  add(Pledge(EntryUuid(1, 14), campaign.name(), "430103", other_phone));    // 14 accepted
  entry = Pledge(EntryUuid(1, 15), campaign.name(), "430102", phone);
  entry.set_kind(pub::PARTICIPATION_KIND_SIGNATURE);
  add(entry);  // 15 accepted: another kind

  pub::BatchIngestParticipationEntriesResponse response;
  ASSERT_TRUE(Ingest(kIngestSystem, request, &response).ok());
  using O = pub::EntryOutcome;
  const std::vector<O> expected = {
      pub::ENTRY_OUTCOME_ACCEPTED,           pub::ENTRY_OUTCOME_REJECTED,
      pub::ENTRY_OUTCOME_REJECTED,           pub::ENTRY_OUTCOME_REJECTED,
      pub::ENTRY_OUTCOME_REJECTED,           pub::ENTRY_OUTCOME_REJECTED,
      pub::ENTRY_OUTCOME_REJECTED,           pub::ENTRY_OUTCOME_REJECTED,
      pub::ENTRY_OUTCOME_REJECTED,           pub::ENTRY_OUTCOME_REJECTED,
      pub::ENTRY_OUTCOME_REJECTED,           pub::ENTRY_OUTCOME_ACCEPTED,
      pub::ENTRY_OUTCOME_REPEAT_PARTICIPANT, pub::ENTRY_OUTCOME_DUPLICATE_ENTRY,
      pub::ENTRY_OUTCOME_ACCEPTED,           pub::ENTRY_OUTCOME_ACCEPTED};
  ASSERT_EQ(response.outcomes_size(), static_cast<int>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(response.outcomes(i), expected[i]) << "entry " << i;
  }
  EXPECT_EQ(response.counts().received(), 16);
  EXPECT_EQ(response.counts().accepted(), 4);
  EXPECT_EQ(response.counts().repeat_participants(), 1);
  EXPECT_EQ(response.counts().duplicate_entries(), 1);
  EXPECT_EQ(response.counts().rejected(), 10);
  std::map<int64_t, std::string> rejected;
  for (const auto& each : response.rejected_entries()) {
    std::string fields;
    for (const auto& violation : each.violations()) {
      fields += violation.field() + "=" + violation.reason() + ";";
      for (const std::string& secret : SensitiveValues()) {
        EXPECT_EQ(violation.description().find(secret), std::string::npos);
      }
      EXPECT_EQ(violation.description().find("12345"), std::string::npos);
    }
    rejected[each.index()] = fields;
  }
  const std::map<int64_t, std::string> expected_rejections = {
      {1, "entry_id=FIELD_MALFORMED;"},
      {2, "campaign=REFERENCE_NOT_FOUND;"},
      {3, "kind=FIELD_REQUIRED;"},
      {4, "region_code=VALUE_NOT_ALLOWED;"},
      {5, "occur_time=DATE_IN_FUTURE;"},
      {6, "occur_time=FIELD_OUT_OF_RANGE;"},
      {7, "participant_identifier=FIELD_MALFORMED;"},
      {8, "participant_identifier=CHECK_DIGIT_MISMATCH;"},
      {9, "score=FIELD_OUT_OF_RANGE;"},
      {10, "score=VALUE_NOT_ALLOWED;"}};
  EXPECT_EQ(rejected, expected_rejections);
  EXPECT_EQ(response.rejected_entries(0).entry_id(), "not-a-uuid");

  // The same batch again: what was recorded is a duplicate now, nothing counts twice.
  pub::BatchIngestParticipationEntriesResponse again;
  ASSERT_TRUE(Ingest(kIngestSystem, request, &again).ok());
  EXPECT_EQ(again.counts().accepted(), 0);
  EXPECT_EQ(again.counts().duplicate_entries(), 6);
  EXPECT_EQ(again.counts().rejected(), 10);

  const runtime::CivilDate day = DayOf(SecondsAgo(3600));
  pub::ListParticipationTalliesRequest list;
  list.set_campaign(campaign.name());
  list.set_page_size(1);
  int pages = 0;
  ExpectSameTallies(
      TallyMapOf(Tallies(kProvinceAdmin, list, &pages)),
      {{TallyKeyOf("430102", day, pub::PARTICIPATION_KIND_PLEDGE), {1, 1, 0, 0}},
       {TallyKeyOf("430102", day, pub::PARTICIPATION_KIND_CONTEST_ENTRY), {1, 0, 8, 10}},
       {TallyKeyOf("430102", day, pub::PARTICIPATION_KIND_SIGNATURE), {1, 0, 0, 0}},
       {TallyKeyOf("430103", day, pub::PARTICIPATION_KIND_PLEDGE), {1, 0, 0, 0}}});
  EXPECT_EQ(pages, 4);
  // Tianxin's staff sees Tianxin's row only; a kind filter narrows.
  ExpectSameTallies(TallyMapOf(Tallies(kTianxinStaff, list)),
                    {{TallyKeyOf("430103", day, pub::PARTICIPATION_KIND_PLEDGE), {1, 0, 0, 0}}});
  list.set_kind(pub::PARTICIPATION_KIND_CONTEST_ENTRY);
  EXPECT_EQ(Tallies(kProvinceAdmin, list).size(), 1u);

  // Tianxin's staff may send entries, but only for its own region.
  pub::BatchIngestParticipationEntriesRequest tianxin;
  *tianxin.add_entries() = Pledge(EntryUuid(1, 100), campaign.name(), "430102", PhoneNumber(11));
  *tianxin.add_entries() = Pledge(EntryUuid(1, 101), campaign.name(), "430103", PhoneNumber(11));
  pub::BatchIngestParticipationEntriesResponse tianxin_response;
  ASSERT_TRUE(Ingest(kTianxinStaff, tianxin, &tianxin_response).ok());
  EXPECT_EQ(tianxin_response.outcomes(0), pub::ENTRY_OUTCOME_REJECTED);
  EXPECT_EQ(tianxin_response.outcomes(1), pub::ENTRY_OUTCOME_ACCEPTED);

  // Empty and oversized batches fail whole.
  pub::BatchIngestParticipationEntriesRequest empty;
  grpc::Status status = Ingest(kIngestSystem, empty, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  pub::BatchIngestParticipationEntriesRequest huge;
  for (int i = 0; i < 10'001; ++i) {
    *huge.add_entries() = Pledge(EntryUuid(2, i), campaign.name(), "430102", PhoneNumber(1000 + i));
  }
  status = Ingest(kIngestSystem, huge, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "BATCH_TOO_LARGE");
  // Callers without an ingest role are refused.
  const TestCaller auditor{.subject = "auditor", .roles = {"auditor"}, .regions = {"430000"}};
  status = Ingest(auditor, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PublicityParticipationTest, StreamOf200000EntriesCountsExactly) {
  const pub::Campaign campaign = MakeCampaign("全民禁毒宣誓", {"430102", "430103", "430104"});
  constexpr int kEntries = 200'000;
  constexpr int kPerMessage = 1000;
  const std::vector<std::string> regions = {"430102", "430103", "430104"};
  std::vector<pub::ParticipationEntry> entries(kEntries);
  TallyMap expected;
  int64_t expected_duplicates = 0, expected_repeats = 0;
  for (int i = 0; i < kEntries; ++i) {
    pub::ParticipationEntry& entry = entries[i];
    if (i % 20 == 19) {  // 5%: an entry sent again (its original is never a copy itself)
      entry = entries[i - 5];
      ++expected_duplicates;
      continue;
    }
    const int64_t seconds_ago = 3600 + static_cast<int64_t>((i / 1000) % 5) * 86400;
    const std::string& region = regions[i % 3];
    if (i % 10 == 3) {  // 10%: a participant counted before, with a new entry id
      entry = Pledge(EntryUuid(3, i), campaign.name(), region,
                     entries[i - 2].participant_identifier(), seconds_ago);
      entry.set_kind(entries[i - 2].kind());
      if (entry.kind() == pub::PARTICIPATION_KIND_CONTEST_ENTRY) {
        entry.set_score(1);
        entry.set_max_score(10);
      }
      ++expected_repeats;
      expected[TallyKeyOf(region, DayOf(entry.occur_time()), entry.kind())].repeats++;
      continue;
    }
    entry =
        Pledge(EntryUuid(3, i), campaign.name(), region, PhoneNumber(10'000'000 + i), seconds_ago);
    if (i % 4 == 0) {
      entry.set_kind(pub::PARTICIPATION_KIND_CONTEST_ENTRY);
      entry.set_score(i % 11);
      entry.set_max_score(10);
    }
    TallyExpectation& row = expected[TallyKeyOf(region, DayOf(entry.occur_time()), entry.kind())];
    row.accepted++;
    row.score_sum += entry.score();
    row.max_score_sum += entry.max_score();
  }
  for (int i = 0; i < 5; ++i) SensitiveValues().push_back(PhoneNumber(10'000'000 + i * 7919 + 1));
  const int64_t expected_accepted = kEntries - expected_duplicates - expected_repeats;
  ASSERT_EQ(expected_accepted, 170'000);

  const auto start = std::chrono::steady_clock::now();
  auto context = suite_->service().Context(kIngestSystem, std::chrono::seconds(120));
  pub::StreamParticipationEntriesResponse response;
  auto writer = Stub()->StreamParticipationEntries(context.get(), &response);
  for (int offset = 0; offset < kEntries; offset += kPerMessage) {
    pub::StreamParticipationEntriesRequest message;
    for (int i = offset; i < offset + kPerMessage; ++i) *message.add_entries() = entries[i];
    ASSERT_TRUE(writer->Write(message)) << "stream broken at " << offset;
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::cout << "streamed " << kEntries << " entries in " << seconds << " s ("
            << static_cast<int64_t>(kEntries / seconds) << " entries/s)" << std::endl;
  EXPECT_EQ(response.counts().received(), kEntries);
  EXPECT_EQ(response.counts().accepted(), expected_accepted);
  EXPECT_EQ(response.counts().duplicate_entries(), expected_duplicates);
  EXPECT_EQ(response.counts().repeat_participants(), expected_repeats);
  EXPECT_EQ(response.counts().rejected(), 0);

  pub::ListParticipationTalliesRequest list;
  list.set_campaign(campaign.name());
  list.set_page_size(1000);
  ExpectSameTallies(TallyMapOf(Tallies(kIngestSystem, list)), expected);
  // A day range narrows the tallies to its days.
  const runtime::CivilDate two_days_ago = DayOf(SecondsAgo(3600 + 2 * 86400));
  *list.mutable_date_range()->mutable_start_date() = ProtoDay(two_days_ago);
  *list.mutable_date_range()->mutable_end_date() = ProtoDay(runtime::AddDays(two_days_ago, 1));
  TallyMap one_day;
  for (const auto& [key, row] : expected) {
    if (key.find("|" + runtime::FormatIsoDate(two_days_ago) + "|") != std::string::npos) {
      one_day[key] = row;
    }
  }
  ASSERT_FALSE(one_day.empty());
  ExpectSameTallies(TallyMapOf(Tallies(kIngestSystem, list)), one_day);

  // One event per committed message, counts per region, day and kind, adding up exactly. The
  // relay may still be publishing: read again until this campaign's events are all there.
  int64_t batches = 0, accepted = 0, repeats = 0;
  std::set<std::string> batch_ids;
  const auto read_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (batches < kEntries / kPerMessage && std::chrono::steady_clock::now() < read_deadline) {
    batches = accepted = repeats = 0;
    batch_ids.clear();
    const auto events =
        ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.publicity.participation.v1",
                        kEntries / kPerMessage, std::chrono::seconds(30));
    for (const TopicEvent& event : events) {
      if (event.key != IdOf(campaign.name())) continue;
      publicity::events::v1::ParticipationBatchAccepted batch;
      ASSERT_TRUE(event.envelope.payload().UnpackTo(&batch));
      EXPECT_EQ(batch.campaign(), campaign.name());
      batch_ids.insert(batch.batch_id());
      ++batches;
      for (const auto& count : batch.counts()) {
        accepted += count.accepted();
        repeats += count.repeats();
      }
    }
  }
  EXPECT_EQ(batches, kEntries / kPerMessage);
  EXPECT_EQ(batch_ids.size(), static_cast<size_t>(batches));
  EXPECT_EQ(accepted, expected_accepted);
  EXPECT_EQ(repeats, expected_repeats);
}

TEST_F(PublicityParticipationTest, SaturationIsRefusedWithRetryInfoAndCommitsNothing) {
  const pub::Campaign campaign = MakeCampaign("知识竞赛高峰", {"430102"});
  constexpr int kThreads = 6;
  constexpr int kPerBatch = 5000;
  std::mutex mutex;
  int64_t accepted_ok = 0;
  std::vector<grpc::Status> refused;
  std::vector<pub::BatchIngestParticipationEntriesRequest> refused_requests;
  std::atomic<int> serial{0};
  for (int round = 0; round < 5 && refused.empty(); ++round) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        const int batch = serial++;
        pub::BatchIngestParticipationEntriesRequest request;
        for (int i = 0; i < kPerBatch; ++i) {
          const int64_t n = static_cast<int64_t>(batch) * kPerBatch + i;
          *request.add_entries() =
              Pledge(EntryUuid(4, n), campaign.name(), "430102", PhoneNumber(50'000'000 + n));
        }
        pub::BatchIngestParticipationEntriesResponse response;
        const grpc::Status status = Ingest(kIngestSystem, request, &response);
        std::lock_guard lock(mutex);
        if (status.ok()) {
          accepted_ok += response.counts().accepted();
        } else {
          refused.push_back(status);
          refused_requests.push_back(std::move(request));
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  ASSERT_FALSE(refused.empty()) << "no batch was ever refused with one ingest slot";
  for (const grpc::Status& status : refused) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
    EXPECT_EQ(ErrorReasonOf(status), "SERVICE_SATURATED");
    google::rpc::Status details;
    ASSERT_TRUE(details.ParseFromString(status.error_details()));
    bool retry_found = false;
    for (const auto& any : details.details()) {
      google::rpc::RetryInfo retry;
      if (any.UnpackTo(&retry)) {
        retry_found = true;
        EXPECT_EQ(retry.retry_delay().seconds(), 1);
      }
    }
    EXPECT_TRUE(retry_found);
  }
  // Refused batches committed nothing: the tallies hold exactly what was answered OK, and a
  // refused batch sent again alone is accepted whole.
  pub::ListParticipationTalliesRequest list;
  list.set_campaign(campaign.name());
  int64_t tallied = 0;
  for (const auto& tally : Tallies(kProvinceAdmin, list)) tallied += tally.accepted();
  EXPECT_EQ(tallied, accepted_ok);
  pub::BatchIngestParticipationEntriesResponse response;
  ASSERT_TRUE(Ingest(kIngestSystem, refused_requests.front(), &response).ok());
  EXPECT_EQ(response.counts().accepted(), kPerBatch);
}

// A stream refused mid-way keeps what it committed; the client resends the whole stream after the
// RetryInfo delay and the entries committed before come back as duplicates, never counted twice.
TEST_F(PublicityParticipationTest, SaturatedStreamResentCountsEveryEntryOnce) {
  const pub::Campaign campaign = MakeCampaign("签名接力", {"430103"});
  constexpr int kStreams = 4;
  constexpr int kMessages = 20;
  constexpr int kPerMessage = 1000;
  constexpr int kHogBatch = 10'000;
  std::atomic<int64_t> serial{0};
  auto entries_of = [&](int64_t first, int count) {
    std::vector<pub::ParticipationEntry> entries;
    for (int64_t n = first; n < first + count; ++n) {
      entries.push_back(
          Pledge(EntryUuid(5, n), campaign.name(), "430103", PhoneNumber(70'000'000 + n)));
    }
    return entries;
  };
  // Sends `entries` as one stream; OK with its counts, or the status that ended it.
  auto stream = [&](const std::vector<pub::ParticipationEntry>& entries,
                    pub::StreamParticipationEntriesResponse* response) {
    auto context = suite_->service().Context(kIngestSystem, std::chrono::seconds(60));
    auto writer = Stub()->StreamParticipationEntries(context.get(), response);
    for (size_t offset = 0; offset < entries.size(); offset += kPerMessage) {
      pub::StreamParticipationEntriesRequest message;
      for (size_t i = offset; i < offset + kPerMessage; ++i) *message.add_entries() = entries[i];
      if (!writer->Write(message)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  };
  std::mutex mutex;
  int64_t sent = 0;
  int64_t refused = 0;
  int64_t committed_before_refusal = 0;
  for (int round = 0; round < 10 && committed_before_refusal == 0; ++round) {
    std::vector<std::vector<pub::ParticipationEntry>> refused_streams;
    std::vector<std::thread> threads;
    for (int t = 0; t < kStreams; ++t) {
      threads.emplace_back([&] {
        const auto entries =
            entries_of(serial.fetch_add(kMessages * kPerMessage), kMessages * kPerMessage);
        pub::StreamParticipationEntriesResponse response;
        const grpc::Status status = stream(entries, &response);
        std::lock_guard lock(mutex);
        sent += static_cast<int64_t>(entries.size());
        if (status.ok()) {
          EXPECT_EQ(response.counts().accepted(), kMessages * kPerMessage);
        } else {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
              << status.error_message();
          EXPECT_EQ(ErrorReasonOf(status), "SERVICE_SATURATED");
          refused_streams.push_back(entries);
        }
      });
    }
    // Big batches arriving once the streams are under way hold the only slot for long stretches,
    // so streams find it taken after committing some messages.
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        for (int b = 0; b < 3; ++b) {
          pub::BatchIngestParticipationEntriesRequest request;
          for (auto& entry : entries_of(serial.fetch_add(kHogBatch), kHogBatch)) {
            *request.add_entries() = std::move(entry);
          }
          pub::BatchIngestParticipationEntriesResponse response;
          if (Ingest(kIngestSystem, request, &response).ok()) {
            std::lock_guard lock(mutex);
            sent += kHogBatch;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    if (refused_streams.empty()) continue;
    std::this_thread::sleep_for(std::chrono::seconds(1));  // as RetryInfo says
    for (const auto& entries : refused_streams) {
      pub::StreamParticipationEntriesResponse response;
      ASSERT_TRUE(stream(entries, &response).ok());
      EXPECT_EQ(response.counts().received(), static_cast<int64_t>(entries.size()));
      EXPECT_EQ(response.counts().accepted() + response.counts().duplicate_entries(),
                static_cast<int64_t>(entries.size()));
      EXPECT_EQ(response.counts().repeat_participants(), 0);
      committed_before_refusal += response.counts().duplicate_entries();
      ++refused;
    }
  }
  ASSERT_GT(refused, 0) << "no stream was ever refused with one ingest slot";
  EXPECT_GT(committed_before_refusal, 0) << "no refused stream had committed anything before";
  std::cout << refused << " refused streams resent; " << committed_before_refusal
            << " of their entries had been committed before the refusal" << std::endl;
  pub::ListParticipationTalliesRequest list;
  list.set_campaign(campaign.name());
  int64_t tallied = 0, repeats = 0;
  for (const auto& tally : Tallies(kProvinceAdmin, list)) {
    tallied += tally.accepted();
    repeats += tally.repeats();
  }
  // Every stream entry counted exactly once (hog batches refused as a whole count nothing).
  EXPECT_EQ(tallied, sent);
  EXPECT_EQ(repeats, 0);
}

TEST_F(PublicityParticipationTest, NoPhoneOrIdNumberInDatabaseKafkaOrLog) {
  ASSERT_FALSE(SensitiveValues().empty());
  pqxx::connection connection(suite_->service().postgres_url());
  pqxx::nontransaction tx(connection);
  int tables = 0;
  for (const auto& table :
       tx.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = 'publicity' "
               "AND table_type = 'BASE TABLE'")) {
    const std::string name = "publicity." + tx.quote_name(table[0].as<std::string>());
    std::string condition;
    for (const std::string& value : SensitiveValues()) {
      if (!condition.empty()) condition += " OR ";
      condition += "t::text LIKE " + tx.quote("%" + value + "%") +
                   " OR encode(convert_to(t::text, 'UTF8'), 'hex') LIKE " +
                   tx.quote("%" + runtime::BytesAsHex(value) + "%");
    }
    EXPECT_EQ(tx.exec("SELECT count(*) FROM " + name + " t WHERE " + condition)[0][0].as<int>(), 0)
        << name;
    ++tables;
  }
  EXPECT_GT(tables, 5);
  const auto events =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.publicity.participation.v1", 1);
  ASSERT_FALSE(events.empty());
  for (const TopicEvent& event : events) {
    const std::string bytes = event.envelope.SerializeAsString();
    for (const std::string& value : SensitiveValues()) {
      EXPECT_EQ(bytes.find(value), std::string::npos);
    }
  }
  const std::string log = suite_->service().Log();
  for (const std::string& value : SensitiveValues()) {
    EXPECT_EQ(log.find(value), std::string::npos) << value;
  }
}

}  // namespace
}  // namespace jindu::testing

// Campaigns of the publicity service, black-box over real servers: create (idempotent by request
// id), read, list (paging, overlap and region filters, scope) and update (mask and etag; regions
// only grow; the dates keep every recorded entry), with every field rule naming its field, a
// caller of another county answered NOT_FOUND, and CampaignCreated / CampaignChanged on Kafka.

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <set>

#include "harness/error_details.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/campaign_events.pb.h"
#include "publicity_campaign_support.h"

namespace jindu::testing {
namespace {

using pub::PublicityService;

class PublicityCampaignsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ =
        RegistrationBackedSuite::Start("publicity_campaigns", "services/publicity/jindu-publicity",
                                       "publicity", "", "430104")
            .release();
    changsha_ = new std::string(MakeOrganizer(*suite_, "长沙市禁毒协会", "430100"));
    furong_ = new std::string(MakeOrganizer(*suite_, "芙蓉区禁毒协会", "430102"));
  }
  static void TearDownTestSuite() {
    delete suite_;
    delete changsha_;
    delete furong_;
  }
  static std::unique_ptr<PublicityService::Stub> Stub() {
    return PublicityService::NewStub(suite_->service().Channel());
  }
  static grpc::Status Create(const TestCaller& caller, const pub::Campaign& campaign,
                             pub::Campaign* created, const std::string& request_id = "") {
    pub::CreateCampaignRequest request;
    *request.mutable_campaign() = campaign;
    request.set_request_id(request_id);
    auto context = suite_->service().Context(caller);
    return Stub()->CreateCampaign(context.get(), request, created);
  }
  static grpc::Status Get(const TestCaller& caller, const std::string& name,
                          pub::Campaign* campaign) {
    pub::GetCampaignRequest request;
    request.set_name(name);
    auto context = suite_->service().Context(caller);
    return Stub()->GetCampaign(context.get(), request, campaign);
  }
  static grpc::Status Update(const TestCaller& caller, const pub::Campaign& campaign,
                             std::vector<std::string> paths, const std::string& etag,
                             pub::Campaign* updated) {
    pub::UpdateCampaignRequest request;
    *request.mutable_campaign() = campaign;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_etag(etag);
    auto context = suite_->service().Context(caller);
    return Stub()->UpdateCampaign(context.get(), request, updated);
  }
  static std::vector<std::string> List(const TestCaller& caller, pub::ListCampaignsRequest request,
                                       int* pages = nullptr) {
    std::vector<std::string> names;
    int count = 0;
    do {
      pub::ListCampaignsResponse response;
      auto context = suite_->service().Context(caller);
      const grpc::Status status = Stub()->ListCampaigns(context.get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& campaign : response.campaigns()) names.push_back(campaign.name());
      request.set_page_token(response.next_page_token());
      ++count;
    } while (!request.page_token().empty());
    if (pages != nullptr) *pages = count;
    return names;
  }

  static RegistrationBackedSuite* suite_;
  static std::string* changsha_;
  static std::string* furong_;
};

RegistrationBackedSuite* PublicityCampaignsTest::suite_ = nullptr;
std::string* PublicityCampaignsTest::changsha_ = nullptr;
std::string* PublicityCampaignsTest::furong_ = nullptr;

TEST_F(PublicityCampaignsTest, CreateGetAndIdempotentRequestId) {
  pub::Campaign draft =
      CampaignDraft(*changsha_, "2026年6.26国际禁毒日集中宣传", {"430102", "430103"});
  auto* target = draft.add_targets();
  target->set_region_code("430102");
  target->set_kind(pub::PARTICIPATION_KIND_PLEDGE);
  target->set_target_count(50000);
  pub::Campaign created;
  const std::string request_id = "6a1f0c55-6f0e-4c1e-9a55-1f2b3c4d5e6f";
  ASSERT_TRUE(Create(kProvinceAdmin, draft, &created, request_id).ok());
  EXPECT_TRUE(created.name().starts_with("campaigns/"));
  EXPECT_EQ(created.display_name(), draft.display_name());
  EXPECT_EQ(created.organizer(), *changsha_);
  EXPECT_EQ(created.region_codes_size(), 2);
  EXPECT_EQ(created.targets_size(), 1);
  EXPECT_EQ(created.audit().etag(), "1");
  EXPECT_EQ(created.audit().create_subject(), kProvinceAdmin.subject);

  pub::Campaign again;
  ASSERT_TRUE(Create(kProvinceAdmin, draft, &again, request_id).ok());
  EXPECT_EQ(again.name(), created.name());
  pub::Campaign changed = draft;
  changed.set_display_name("别的名字");
  pub::Campaign conflict;
  const grpc::Status status = Create(kProvinceAdmin, changed, &conflict, request_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "DUPLICATE_REQUEST_ID_CONFLICT");

  pub::Campaign read;
  ASSERT_TRUE(Get(kFurongStaff, created.name(), &read).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read, created));
}

TEST_F(PublicityCampaignsTest, EveryFieldRuleNamesItsField) {
  pub::Campaign draft = CampaignDraft(*changsha_, "", {"430102", "430421", "999999", "430102"});
  *draft.mutable_date_range()->mutable_end_date() = DaysFromToday(-40);
  auto* target = draft.add_targets();
  target->set_region_code("430105");
  target->set_target_count(0);
  pub::Campaign created;
  grpc::Status status = Create(kProvinceAdmin, draft, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> violations = FieldViolationsOf(status);
  const std::set<std::string> got(violations.begin(), violations.end());
  for (const char* expected :
       {"campaign.display_name=FIELD_REQUIRED", "campaign.date_range.end_date=END_BEFORE_START",
        "campaign.region_codes[2]=REFERENCE_NOT_FOUND",
        "campaign.region_codes[3]=DUPLICATE_IN_REQUEST",
        "campaign.targets[0].region_code=VALUE_NOT_ALLOWED",
        "campaign.targets[0].kind=FIELD_REQUIRED",
        "campaign.targets[0].target_count=FIELD_OUT_OF_RANGE"}) {
    EXPECT_TRUE(got.contains(expected)) << expected << " missing; got " << status.error_message();
  }

  // Regions outside the organiser's region (衡阳县 is not in 长沙市).
  status = Create(kProvinceAdmin, CampaignDraft(*changsha_, "衡阳", {"430421"}), &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.region_codes[0]=VALUE_NOT_ALLOWED"});
  // An organiser that does not exist; none at all; no regions.
  status =
      Create(kProvinceAdmin, CampaignDraft("organizations/nosuchorg", "无", {"430102"}), &created);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.organizer=REFERENCE_NOT_FOUND"});
  status = Create(kProvinceAdmin, CampaignDraft("", "无", {}), &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto missing = FieldViolationsOf(status);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "campaign.organizer=FIELD_REQUIRED"),
            missing.end());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "campaign.region_codes=FIELD_REQUIRED"),
            missing.end());
  // A dissolved organiser may not organise.
  const std::string dissolved = MakeOrganizer(*suite_, "已撤销协会", "430103");
  {
    auto stub = registration::v1::RegistrationService::NewStub(suite_->registration().Channel());
    registration::v1::DissolveOrganizationRequest dissolve;
    dissolve.set_name(dissolved);
    *dissolve.mutable_dissolution_date() = DaysFromToday(0);
    dissolve.set_reason("合并");
    registration::v1::Organization organization;
    auto context = suite_->registration().Context(kProvinceAdmin);
    ASSERT_TRUE(stub->DissolveOrganization(context.get(), dissolve, &organization).ok());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      pqxx::connection connection(suite_->service().postgres_url());
      pqxx::nontransaction tx(connection);
      if (tx.exec_params("SELECT state FROM publicity.organization_replica WHERE "
                         "organization_id = $1",
                         IdOf(dissolved))[0][0]
              .as<int>() == 2) {
        break;
      }
      ASSERT_LT(std::chrono::steady_clock::now(), deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  status = Create(kProvinceAdmin, CampaignDraft(dissolved, "撤销", {"430103"}), &created);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.organizer=VALUE_NOT_ALLOWED"});
  // The name is at most 128 characters (Chinese characters count one each).
  std::string long_name;
  for (int i = 0; i < 129; ++i) long_name += "禁";
  status = Create(kProvinceAdmin, CampaignDraft(*changsha_, long_name, {"430102"}), &created);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.display_name=FIELD_TOO_LONG"});
  long_name.resize(long_name.size() - 3);
  EXPECT_TRUE(
      Create(kProvinceAdmin, CampaignDraft(*changsha_, long_name, {"430102"}), &created).ok());
}

TEST_F(PublicityCampaignsTest, AnotherCountySeesNothing) {
  pub::Campaign furong;
  ASSERT_TRUE(
      Create(kFurongStaff, CampaignDraft(*furong_, "芙蓉区开学第一课", {"430102"}), &furong).ok());
  pub::Campaign read;
  grpc::Status status = Get(kTianxinStaff, furong.name(), &read);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(status), "RESOURCE_NOT_FOUND");
  pub::Campaign missing;
  EXPECT_EQ(Get(kTianxinStaff, "campaigns/nosuchcampaign", &missing).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pub::Campaign update = furong;
  update.set_display_name("改名");
  status = Update(kTianxinStaff, update, {"display_name"}, "", &read);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(Get(kFurongStaff, furong.name(), &read).ok());
  EXPECT_EQ(read.display_name(), "芙蓉区开学第一课");

  const std::vector<std::string> tianxin_list = List(kTianxinStaff, {});
  EXPECT_EQ(std::find(tianxin_list.begin(), tianxin_list.end(), furong.name()), tianxin_list.end());
  const std::vector<std::string> furong_list = List(kFurongStaff, {});
  EXPECT_NE(std::find(furong_list.begin(), furong_list.end(), furong.name()), furong_list.end());
  // Naming another county's region: refused, not silently emptied.
  pub::ListCampaignsRequest foreign;
  foreign.set_within_region_code("430102");
  pub::ListCampaignsResponse response;
  auto context = suite_->service().Context(kTianxinStaff);
  status = Stub()->ListCampaigns(context.get(), foreign, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  // Creating in another county's region is refused too.
  pub::Campaign created;
  status = Create(kTianxinStaff, CampaignDraft(*changsha_, "越权", {"430102"}), &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // An organiser outside the caller's scope is answered as missing.
  status = Create(kTianxinStaff, CampaignDraft(*furong_, "越权", {"430103"}), &created);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.organizer=REFERENCE_NOT_FOUND"});
}

TEST_F(PublicityCampaignsTest, ListPagesNewestStartFirstAndFiltersOverlap) {
  std::vector<std::string> names;
  for (int i = 0; i < 5; ++i) {
    pub::Campaign created;
    ASSERT_TRUE(Create(kProvinceAdmin,
                       CampaignDraft(*changsha_, "望城区活动" + std::to_string(i), {"430112"},
                                     -300 + 20 * i, -290 + 20 * i),
                       &created)
                    .ok());
    names.push_back(created.name());
  }
  pub::ListCampaignsRequest request;
  request.set_within_region_code("430112");
  request.set_page_size(2);
  int pages = 0;
  const std::vector<std::string> listed = List(kProvinceAdmin, request, &pages);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(listed, (std::vector<std::string>{names[4], names[3], names[2], names[1], names[0]}));
  // Overlapping [-261, -259): only campaign 2 ([-260, -250)).
  *request.mutable_overlapping()->mutable_start_date() = DaysFromToday(-261);
  *request.mutable_overlapping()->mutable_end_date() = DaysFromToday(-259);
  EXPECT_EQ(List(kProvinceAdmin, request), std::vector<std::string>{names[2]});
  // A token only serves the filters it was made for.
  pub::ListCampaignsRequest first;
  first.set_within_region_code("430112");
  first.set_page_size(2);
  pub::ListCampaignsResponse response;
  auto context = suite_->service().Context(kProvinceAdmin);
  ASSERT_TRUE(Stub()->ListCampaigns(context.get(), first, &response).ok());
  pub::ListCampaignsRequest other;
  other.set_page_token(response.next_page_token());
  auto context2 = suite_->service().Context(kProvinceAdmin);
  const grpc::Status status = Stub()->ListCampaigns(context2.get(), other, &response);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_PAGE_TOKEN");
}

TEST_F(PublicityCampaignsTest, UpdateWithMaskEtagGrowingRegionsAndRecordedDates) {
  pub::Campaign campaign;
  ASSERT_TRUE(
      Create(kProvinceAdmin, CampaignDraft(*changsha_, "今冬明春", {"430102"}, -10, 10), &campaign)
          .ok());
  pub::Campaign updated;
  pub::Campaign change = campaign;
  change.set_display_name("今冬明春集中宣传");
  change.set_tag(pub::CAMPAIGN_TAG_WINTER_SPRING);
  ASSERT_TRUE(Update(kProvinceAdmin, change, {"display_name", "tag"}, "1", &updated).ok());
  EXPECT_EQ(updated.display_name(), "今冬明春集中宣传");
  EXPECT_EQ(updated.tag(), pub::CAMPAIGN_TAG_WINTER_SPRING);
  EXPECT_EQ(updated.audit().etag(), "2");
  // A stale etag changes nothing.
  grpc::Status status = Update(kProvinceAdmin, change, {"display_name"}, "1", &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  // Unknown and missing paths.
  status = Update(kProvinceAdmin, change, {"organizer"}, "", &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"update_mask.paths[0]=UNKNOWN_FIELD_PATH"});
  status = Update(kProvinceAdmin, change, {}, "", &updated);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"update_mask=FIELD_REQUIRED"});
  // Regions only grow.
  change.clear_region_codes();
  change.add_region_codes("430103");
  status = Update(kProvinceAdmin, change, {"region_codes"}, "", &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.region_codes=VALUE_NOT_ALLOWED"});
  change.clear_region_codes();
  change.add_region_codes("430102");
  change.add_region_codes("430103");
  ASSERT_TRUE(Update(kProvinceAdmin, change, {"region_codes"}, "", &updated).ok());
  EXPECT_EQ(updated.region_codes_size(), 2);
  EXPECT_EQ(updated.audit().etag(), "3");
  // Tianxin now takes part, so its staff sees the campaign.
  pub::Campaign read;
  EXPECT_TRUE(Get(kTianxinStaff, campaign.name(), &read).ok());

  // An entry recorded 3 days ago pins the dates: a range that drops that day is refused.
  pub::BatchIngestParticipationEntriesRequest ingest;
  *ingest.add_entries() =
      Pledge(EntryUuid(77, 1), campaign.name(), "430103", PhoneNumber(77001), 3 * 86400);
  pub::BatchIngestParticipationEntriesResponse ingested;
  auto context = suite_->service().Context(kIngestSystem);
  ASSERT_TRUE(Stub()->BatchIngestParticipationEntries(context.get(), ingest, &ingested).ok());
  ASSERT_EQ(ingested.counts().accepted(), 1);
  change = updated;
  *change.mutable_date_range()->mutable_start_date() = DaysFromToday(-1);
  status = Update(kProvinceAdmin, change, {"date_range"}, "", &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"campaign.date_range=VALUE_NOT_ALLOWED"});
  *change.mutable_date_range()->mutable_start_date() = DaysFromToday(-5);
  *change.mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  ASSERT_TRUE(Update(kProvinceAdmin, change, {"date_range"}, "", &updated).ok());
  EXPECT_EQ(updated.audit().etag(), "4");

  // Created and each change on Kafka, the facts whole.
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.publicity.campaign.v1", 4);
  std::vector<int64_t> versions;
  std::string last_name;
  for (const TopicEvent& event : events) {
    if (event.key != IdOf(campaign.name())) continue;
    versions.push_back(event.envelope.aggregate_version());
    publicity::events::v1::CampaignCreated created_event;
    publicity::events::v1::CampaignChanged changed_event;
    if (event.envelope.payload().UnpackTo(&created_event)) {
      EXPECT_EQ(created_event.campaign().display_name(), "今冬明春");
    } else {
      ASSERT_TRUE(event.envelope.payload().UnpackTo(&changed_event));
      last_name = changed_event.campaign().display_name();
      EXPECT_EQ(changed_event.campaign().campaign(), campaign.name());
    }
  }
  EXPECT_EQ(versions, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(last_name, "今冬明春集中宣传");
}

}  // namespace
}  // namespace jindu::testing

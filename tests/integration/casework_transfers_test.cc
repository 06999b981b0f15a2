// Transfers of cases between counties, black-box over real servers: the sending county asks and the
// receiving county decides; a measure decision for a person managed elsewhere asks the other way
// round; each side sees only its own fields; acceptance closes the sending case and opens the
// receiving one for the same person, with the waiting decision's measure; a third county sees
// nothing; events tell reporting what moved where.

#include <gtest/gtest.h>

#include <map>
#include <pqxx/pqxx>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/casework/events/v1/case_events.pb.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

using casework::v1::CaseworkService;
namespace cw = casework::v1;

const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kTianxinWorker{
    .subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kTianxinPolice{
    .subject = "tianxin-police", .roles = {"police_liaison"}, .regions = {"430103"}};
const TestCaller kYueluWorker{
    .subject = "yuelu-worker", .roles = {"caseworker"}, .regions = {"430104"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};

constexpr char kTownships[] =
    "code,name,level,parent,valid_from,valid_to\n"
    "430102001,文艺路街道,township,430102,2000-01-01,\n"
    "430103001,坡子街街道,township,430103,2000-01-01,\n";

cw::PersonalDetails Person(const std::string& name, const std::string& id_number) {
  cw::PersonalDetails person;
  person.set_full_name(name);
  person.set_national_id_number(id_number);
  person.set_phone("13912340000");
  return person;
}

class CaseworkTransfersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_transfers", kTownships, "430103001").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static ServiceProcess& Casework() { return suite_->casework(); }
  std::unique_ptr<CaseworkService::Stub> Stub() {
    return CaseworkService::NewStub(Casework().Channel());
  }

  cw::Case Open(const TestCaller& caller, const cw::PersonalDetails& person,
                const std::string& region) {
    cw::CreateCaseRequest request;
    *request.mutable_case_()->mutable_personal_details() = person;
    request.mutable_case_()->set_residence_region_code(region);
    request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_THREE);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = Casework().Context(caller);
    grpc::Status status = Stub()->CreateCase(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Transfer(const TestCaller& caller, const std::string& source,
                        const std::string& to_region, cw::CaseTransfer* created) {
    cw::CreateCaseTransferRequest request;
    request.mutable_case_transfer()->set_source_case(source);
    request.mutable_case_transfer()->set_to_region_code(to_region);
    request.mutable_case_transfer()->set_reason("本人迁居");
    auto context = Casework().Context(caller);
    return Stub()->CreateCaseTransfer(context.get(), request, created);
  }

  grpc::Status GetTransfer(const TestCaller& caller, const std::string& name,
                           cw::CaseTransfer* got) {
    cw::GetCaseTransferRequest request;
    request.set_name(name);
    auto context = Casework().Context(caller);
    return Stub()->GetCaseTransfer(context.get(), request, got);
  }

  grpc::Status Accept(const TestCaller& caller, const std::string& name,
                      cw::CaseTransfer* decided) {
    cw::AcceptCaseTransferRequest request;
    request.set_name(name);
    request.set_reason("已核实新住址");
    auto context = Casework().Context(caller);
    return Stub()->AcceptCaseTransfer(context.get(), request, decided);
  }

  grpc::Status GetCase(const TestCaller& caller, const std::string& name, cw::Case* got,
                       bool full = false) {
    cw::GetCaseRequest request;
    request.set_name(name);
    if (full) {
      request.set_view(cw::CASE_VIEW_FULL);
      request.set_access_purpose("接收转移人员");
    }
    auto context = Casework().Context(caller);
    return Stub()->GetCase(context.get(), request, got);
  }

  static CaseworkSuite* suite_;
};

CaseworkSuite* CaseworkTransfersTest::suite_ = nullptr;

TEST_F(CaseworkTransfersTest, SendingCountyAsksReceivingCountyAcceptsAndTheCaseMoves) {
  const cw::Case source = Open(kFurongWorker, Person("吴迁居", "43010219800101002X"), "430102001");
  cw::CaseTransfer transfer;
  grpc::Status status = Transfer(kFurongWorker, source.name(), "430103001", &transfer);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(transfer.state(), cw::CASE_TRANSFER_STATE_PENDING);
  EXPECT_EQ(transfer.origin(), cw::CASE_TRANSFER_ORIGIN_SENDING_SIDE);
  EXPECT_EQ(transfer.source_case(), source.name());
  EXPECT_EQ(transfer.from_region_code(), "430102001");

  // A second transfer while one is pending, one inside the county, one of a case out of scope.
  cw::CaseTransfer refused;
  status = Transfer(kFurongWorker, source.name(), "430104", &refused);
  EXPECT_EQ(ErrorReasonOf(status), "TRANSFER_PENDING");
  const cw::Case other = Open(kFurongWorker, Person("郑同区", "430102197506150031"), "430102");
  EXPECT_EQ(FieldViolationsOf(Transfer(kFurongWorker, other.name(), "430102001", &refused)),
            std::vector<std::string>{"case_transfer.to_region_code=VALUE_NOT_ALLOWED"});
  EXPECT_EQ(Transfer(kTianxinWorker, other.name(), "430103", &refused).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(Transfer(kFurongOfficer, other.name(), "430103", &refused)),
            "ROLE_NOT_GRANTED");

  // The receiving side sees where it goes, not where it comes from; a third county nothing.
  cw::CaseTransfer seen;
  ASSERT_TRUE(GetTransfer(kTianxinWorker, transfer.name(), &seen).ok());
  EXPECT_TRUE(seen.source_case().empty());
  EXPECT_TRUE(seen.from_region_code().empty());
  EXPECT_EQ(seen.to_region_code(), "430103001");
  EXPECT_EQ(GetTransfer(kYueluWorker, transfer.name(), &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  cw::ListCaseTransfersRequest awaiting;
  awaiting.set_direction(cw::CASE_TRANSFER_DIRECTION_AWAITING_DECISION);
  cw::ListCaseTransfersResponse listed;
  auto context = Casework().Context(kTianxinWorker);
  ASSERT_TRUE(Stub()->ListCaseTransfers(context.get(), awaiting, &listed).ok());
  ASSERT_EQ(listed.case_transfers_size(), 1);
  EXPECT_EQ(listed.case_transfers(0).name(), transfer.name());
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->ListCaseTransfers(context.get(), awaiting, &listed).ok());
  EXPECT_EQ(listed.case_transfers_size(), 0);

  // Only the receiving side decides.
  cw::CaseTransfer decided;
  status = Accept(kFurongWorker, transfer.name(), &decided);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  status = Accept(kTianxinWorker, transfer.name(), &decided);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(decided.state(), cw::CASE_TRANSFER_STATE_ACCEPTED);
  ASSERT_TRUE(decided.target_case().starts_with("cases/"));
  EXPECT_EQ(decided.decision().subject(), "tianxin-worker");
  EXPECT_EQ(ErrorReasonOf(Accept(kTianxinWorker, transfer.name(), &decided)),
            "ILLEGAL_STATE_TRANSITION");

  cw::Case sent;
  ASSERT_TRUE(GetCase(kFurongWorker, source.name(), &sent).ok());
  EXPECT_EQ(sent.status(), cw::CASE_STATUS_TRANSFERRED_OUT);
  EXPECT_TRUE(sent.pending_transfer().empty());
  cw::Case received;
  ASSERT_TRUE(GetCase(kTianxinWorker, decided.target_case(), &received, /*full=*/true).ok());
  EXPECT_EQ(received.personal_details().full_name(), "吴迁居");
  EXPECT_EQ(received.person_pseudonym(), source.person_pseudonym());
  EXPECT_EQ(received.residence_region_code(), "430103001");
  EXPECT_EQ(received.status(), cw::CASE_STATUS_ACTIVE);
  EXPECT_EQ(received.assistance_category(), cw::ASSISTANCE_CATEGORY_THREE);
  EXPECT_TRUE(received.transferred_from_case().empty());  // Furong's case is not Tianxin's
  // The sending county can no longer act on its case; the person has one open case.
  EXPECT_EQ(GetCase(kFurongWorker, decided.target_case(), &received).error_code(),
            grpc::StatusCode::NOT_FOUND);

  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.casework.case.v1", 4);
  bool transferred = false;
  bool opened_by_transfer = false;
  for (const auto& event : events) {
    casework::events::v1::CaseTransferred moved;
    if (event.envelope.payload().UnpackTo(&moved) && moved.case_name() == source.name()) {
      transferred = true;
      EXPECT_EQ(moved.target_case(), decided.target_case());
      EXPECT_EQ(moved.to_region_code(), "430103001");
    }
    casework::events::v1::CaseOpened opened;
    if (event.envelope.payload().UnpackTo(&opened) && opened.case_name() == decided.target_case()) {
      opened_by_transfer = true;
      EXPECT_EQ(opened.opened_by(), casework::events::v1::OPENED_BY_TRANSFER);
      EXPECT_EQ(opened.transferred_from_case(), source.name());
      EXPECT_FALSE(opened.first_registration());
    }
  }
  EXPECT_TRUE(transferred);
  EXPECT_TRUE(opened_by_transfer);
}

TEST_F(CaseworkTransfersTest, ADecisionForAPersonManagedElsewhereWaitsForTheSendingCounty) {
  const cw::Case source = Open(kFurongWorker, Person("冯再犯", "430102199202020050"), "430102");
  cw::MeasureDecision decision;
  decision.set_decision_number("湘长公(天)戒决字[2026]第0900号");
  decision.set_issuing_authority("长沙市公安局天心分局");
  decision.set_measure_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  *decision.mutable_decision_date() = DaysFromToday(-3);
  *decision.mutable_start_date() = DaysFromToday(-1);
  *decision.mutable_end_date() = DaysFromToday(1000);
  *decision.mutable_person() = Person("冯再犯", "430102199202020050");
  decision.mutable_person()->set_address("天心区新住址1号");
  decision.set_residence_region_code("430103001");
  cw::IngestMeasureDecisionsRequest ingest;
  *ingest.add_decisions() = decision;
  cw::IngestMeasureDecisionsResponse results;
  auto context = Casework().Context(kTianxinPolice);
  ASSERT_TRUE(Stub()->IngestMeasureDecisions(context.get(), ingest, &results).ok());
  ASSERT_EQ(results.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_TRANSFER_REQUESTED);
  const std::string first_transfer = results.results(0).case_transfer();

  // Created by the receiving side: the sending county decides, and may reject.
  cw::CaseTransfer decided;
  EXPECT_EQ(Accept(kTianxinWorker, first_transfer, &decided).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  cw::RejectCaseTransferRequest reject;
  reject.set_name(first_transfer);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->RejectCaseTransfer(context.get(), reject, &decided)),
            std::vector<std::string>{"reason=FIELD_REQUIRED"});
  reject.set_reason("本人仍居住在芙蓉区");
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->RejectCaseTransfer(context.get(), reject, &decided).ok());
  EXPECT_EQ(decided.state(), cw::CASE_TRANSFER_STATE_REJECTED);
  cw::Case kept;
  ASSERT_TRUE(GetCase(kFurongWorker, source.name(), &kept).ok());
  EXPECT_EQ(kept.status(), cw::CASE_STATUS_ACTIVE);
  EXPECT_TRUE(kept.pending_transfer().empty());

  // The same decision again is a repeat; a new one asks again, and this time Furong accepts.
  context = Casework().Context(kTianxinPolice);
  ASSERT_TRUE(Stub()->IngestMeasureDecisions(context.get(), ingest, &results).ok());
  EXPECT_EQ(results.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_UNCHANGED);
  decision.set_decision_number("湘长公(天)戒决字[2026]第0901号");
  *ingest.mutable_decisions(0) = decision;
  context = Casework().Context(kTianxinPolice);
  ASSERT_TRUE(Stub()->IngestMeasureDecisions(context.get(), ingest, &results).ok());
  ASSERT_EQ(results.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_TRANSFER_REQUESTED);
  ASSERT_TRUE(Accept(kFurongWorker, results.results(0).case_transfer(), &decided).ok());
  EXPECT_TRUE(decided.target_case().empty());  // Furong is not the receiving side
  cw::CaseTransfer seen;
  ASSERT_TRUE(GetTransfer(kTianxinPolice, decided.name(), &seen).ok());
  ASSERT_FALSE(seen.target_case().empty());
  cw::Case received;
  ASSERT_TRUE(GetCase(kTianxinWorker, seen.target_case(), &received, /*full=*/true).ok());
  EXPECT_EQ(received.measure().type(), cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  EXPECT_EQ(received.measure().decision_number(), "湘长公(天)戒决字[2026]第0901号");
  EXPECT_EQ(received.personal_details().address(), "天心区新住址1号");
  // The decision now points at the case it opened.
  context = Casework().Context(kTianxinPolice);
  ASSERT_TRUE(Stub()->IngestMeasureDecisions(context.get(), ingest, &results).ok());
  EXPECT_EQ(results.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_UNCHANGED);
  EXPECT_EQ(results.results(0).affected_case(), seen.target_case());
  // The waiting decision is not kept once decided.
  pqxx::connection connection(Casework().postgres_url());
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM casework.case_transfers WHERE state <> 1 AND "
                    "pending_decision_sealed IS NOT NULL")[0][0]
                .as<int>(),
            0);
}

TEST_F(CaseworkTransfersTest, OnlyTheCreatingSideCancels) {
  const cw::Case source = Open(kFurongWorker, Person("陈撤回", "430103198808080041"), "430102");
  cw::CaseTransfer transfer;
  ASSERT_TRUE(Transfer(kFurongWorker, source.name(), "430104", &transfer).ok());
  cw::CancelCaseTransferRequest cancel;
  cancel.set_name(transfer.name());
  cw::CaseTransfer cancelled;
  auto context = Casework().Context(kYueluWorker);
  EXPECT_EQ(Stub()->CancelCaseTransfer(context.get(), cancel, &cancelled).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  cancel.set_etag("7");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->CancelCaseTransfer(context.get(), cancel, &cancelled)),
            "ETAG_MISMATCH");
  cancel.set_etag(transfer.audit().etag());
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->CancelCaseTransfer(context.get(), cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.state(), cw::CASE_TRANSFER_STATE_CANCELLED);
  cw::Case kept;
  ASSERT_TRUE(GetCase(kFurongWorker, source.name(), &kept).ok());
  EXPECT_TRUE(kept.pending_transfer().empty());

  // Outgoing lists page newest first; a forged token is refused.
  cw::ListCaseTransfersRequest outgoing;
  outgoing.set_direction(cw::CASE_TRANSFER_DIRECTION_OUTGOING);
  outgoing.set_page_size(1);
  std::vector<std::string> names;
  for (int page = 0; page < 10; ++page) {
    cw::ListCaseTransfersResponse listed;
    context = Casework().Context(kFurongWorker);
    ASSERT_TRUE(Stub()->ListCaseTransfers(context.get(), outgoing, &listed).ok());
    for (const auto& item : listed.case_transfers()) names.push_back(item.name());
    if (listed.next_page_token().empty()) break;
    outgoing.set_page_token(listed.next_page_token());
  }
  ASSERT_GE(names.size(), 1u);
  EXPECT_EQ(names.front(), transfer.name());
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  outgoing.set_page_token("bm90IGEgdG9rZW4");
  cw::ListCaseTransfersResponse listed;
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListCaseTransfers(context.get(), outgoing, &listed)),
            "INVALID_PAGE_TOKEN");
}

// Not a transfer: the street itself is handed over to another district. Casework learns it only
// from registration's events, and the cases there follow the street into the new county's lists
// (their region paths are recomputed when the replica applies the move).
TEST_F(CaseworkTransfersTest, CasesFollowAStreetHandedOverToAnotherDistrict) {
  suite_->ImportRegions(
      std::string(kRegionCsvHeader) + "430102009,划转街道,township,430102,2000-01-01,\n",
      "430102009");
  const cw::Case resident =
      Open(kFurongWorker, Person("街道居民", "430102197003030070"), "430102009");
  auto stub = Stub();
  cw::ListCasesRequest list;
  list.set_within_region_code("430103");
  auto listed_in_tianxin = [&] {
    cw::ListCasesResponse listed;
    auto context = Casework().Context(kTianxinWorker);
    EXPECT_TRUE(stub->ListCases(context.get(), list, &listed).ok());
    for (const auto& each : listed.cases()) {
      if (each.name() == resident.name()) return true;
    }
    return false;
  };
  EXPECT_FALSE(listed_in_tianxin());
  suite_->ImportRegions(
      std::string(kRegionCsvHeader) + "430102009,划转街道,township,430103,2000-01-01,\n",
      "430102009");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!listed_in_tianxin() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(listed_in_tianxin());
  cw::Case read;
  EXPECT_TRUE(GetCase(kTianxinWorker, resident.name(), &read).ok());
  EXPECT_EQ(GetCase(kFurongWorker, resident.name(), &read).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace jindu::testing

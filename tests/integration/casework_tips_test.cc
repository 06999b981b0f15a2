// The casework service's tips to police, black-box over real PostgreSQL and Kafka with the
// registration service beside it (the region tree arrives as its events): tips filed by
// caseworkers, association staff, officers and the volunteer app's system caller; submitters who
// read their own tip in full and nobody else's; police liaison of the county who list, read with an
// audited purpose, forward, confirm, dismiss and record outcomes; police of another county who
// cannot tell a tip from a missing one; every illegal transition and bad field. Afterwards the
// descriptions, submitters, police references and reasons are searched for in the tips tables, in
// every payload of the tip topic and in the service log.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <set>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/casework/events/v1/tip_events.pb.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

using casework::v1::TipService;
namespace cw = casework::v1;

// Submitters' subjects are distinctive so that a leak of one is found by a plain search.
const TestCaller kFurongWorker{
    .subject = "tipster-furong-worker-4711", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kFurongWorker2{
    .subject = "tipster-furong-worker-0815", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kFurongStaff{
    .subject = "tipster-furong-staff-2207", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kFurongOfficer{
    .subject = "tipster-furong-officer-3390", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kVolunteerApp{.subject = "tipster-volunteer-app-9001", .roles = {"system_caller"}};
const TestCaller kTianxinWorker{
    .subject = "tipster-tianxin-worker-6502", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kFurongPolice{
    .subject = "furong-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const TestCaller kTianxinPolice{
    .subject = "tianxin-police", .roles = {"police_liaison"}, .regions = {"430103"}};
const TestCaller kAuditor{.subject = "auditor", .roles = {"auditor"}, .regions = {"430000"}};

const std::vector<std::string> kSubmitters = {kFurongWorker.subject, kFurongWorker2.subject,
                                              kFurongStaff.subject,  kFurongOfficer.subject,
                                              kVolunteerApp.subject, kTianxinWorker.subject};

constexpr char kTownships[] =
    "code,name,level,parent,valid_from,valid_to\n"
    "430102001,文艺路街道,township,430102,2000-01-01,\n"
    "430102001001,识字岭社区,village,430102001,2000-01-01,\n"
    "430103001,坡子街街道,township,430103,2000-01-01,\n";

class CaseworkTipsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_tips", kTownships, "430103001").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  static ServiceProcess& Casework() { return suite_->casework(); }
  std::unique_ptr<TipService::Stub> Stub() { return TipService::NewStub(Casework().Channel()); }

  // A tip whose description is new and remembered as a secret.
  static cw::Tip NewTip(const std::string& region, cw::TipKind kind = cw::TIP_KIND_TRAFFICKING) {
    cw::Tip tip;
    tip.set_kind(kind);
    tip.set_region_code(region);
    *tip.mutable_observed_date() = DaysFromToday(-1);
    const std::string description =
        "线索" + std::to_string(++tips_made_) + "：有人在识字岭社区出租屋内贩卖冰毒，绰号阿彪";
    secrets_.push_back(description);
    tip.set_description(description);
    if (kind == cw::TIP_KIND_CULTIVATION) tip.set_plant_count(30);
    return tip;
  }

  grpc::Status Create(const TestCaller& caller, const cw::Tip& tip, cw::Tip* created,
                      const std::string& request_id = "") {
    cw::CreateTipRequest request;
    *request.mutable_tip() = tip;
    request.set_request_id(request_id);
    auto context = Casework().Context(caller);
    grpc::Status status = Stub()->CreateTip(context.get(), request, created);
    // A repeat of a request id answers the first tip again and publishes nothing.
    if (status.ok() && filed_names_.insert(created->name()).second) ++events_published_;
    return status;
  }

  // Files a tip and fails the test unless it is filed.
  cw::Tip File(const TestCaller& caller, const std::string& region,
               cw::TipKind kind = cw::TIP_KIND_TRAFFICKING) {
    cw::Tip created;
    grpc::Status status = Create(caller, NewTip(region, kind), &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Get(const TestCaller& caller, const std::string& name, cw::Tip* got,
                   const std::string& purpose = "") {
    cw::GetTipRequest request;
    request.set_name(name);
    request.set_access_purpose(purpose);
    auto context = Casework().Context(caller);
    return Stub()->GetTip(context.get(), request, got);
  }

  grpc::Status List(const TestCaller& caller, const cw::ListTipsRequest& request,
                    cw::ListTipsResponse* response) {
    auto context = Casework().Context(caller);
    return Stub()->ListTips(context.get(), request, response);
  }

  grpc::Status Forward(const TestCaller& caller, const std::string& name, cw::Tip* answer,
                       const std::string& police_reference = "", const std::string& etag = "") {
    cw::ForwardTipRequest request;
    request.set_name(name);
    request.set_police_reference(police_reference);
    request.set_etag(etag);
    auto context = Casework().Context(caller);
    return Counted(Stub()->ForwardTip(context.get(), request, answer));
  }

  grpc::Status Confirm(const TestCaller& caller, const std::string& name, cw::Tip* answer,
                       const std::string& reason = "", const std::string& etag = "") {
    cw::ConfirmTipRequest request;
    request.set_name(name);
    request.set_reason(reason);
    request.set_etag(etag);
    auto context = Casework().Context(caller);
    return Counted(Stub()->ConfirmTip(context.get(), request, answer));
  }

  grpc::Status Dismiss(const TestCaller& caller, const std::string& name, cw::Tip* answer,
                       const std::string& reason = "查无此事，举报地址为空置房屋") {
    cw::DismissTipRequest request;
    request.set_name(name);
    request.set_reason(reason);
    auto context = Casework().Context(caller);
    return Counted(Stub()->DismissTip(context.get(), request, answer));
  }

  grpc::Status RecordOutcome(const TestCaller& caller, const std::string& name,
                             const cw::TipOutcome& outcome, cw::Tip* answer,
                             const std::string& etag = "") {
    cw::RecordTipOutcomeRequest request;
    request.set_name(name);
    *request.mutable_outcome() = outcome;
    request.set_etag(etag);
    auto context = Casework().Context(caller);
    return Counted(Stub()->RecordTipOutcome(context.get(), request, answer));
  }

  static grpc::Status Counted(grpc::Status status) {
    if (status.ok()) ++events_published_;
    return status;
  }

  static pqxx::result Query(const std::string& sql) {
    pqxx::connection connection(Casework().postgres_url());
    pqxx::nontransaction tx(connection);
    return tx.exec(sql);
  }

  static int64_t AuditEntries(const std::string& condition) {
    return Query("SELECT count(*) FROM casework.access_audit_entries WHERE " + condition)[0][0]
        .as<int64_t>();
  }

  // Every tip of a list, page by page.
  std::vector<cw::Tip> ListAll(const TestCaller& caller, cw::ListTipsRequest request) {
    std::vector<cw::Tip> tips;
    for (int page = 0; page < 100; ++page) {
      cw::ListTipsResponse response;
      grpc::Status status = List(caller, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      tips.insert(tips.end(), response.tips().begin(), response.tips().end());
      if (!status.ok() || response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return tips;
  }

  static void ExpectNothingSensitive(const cw::Tip& tip) {
    EXPECT_TRUE(tip.description().empty()) << tip.name();
    EXPECT_TRUE(tip.submitter_subject().empty()) << tip.name();
    EXPECT_TRUE(tip.source_volunteer().empty()) << tip.name();
    EXPECT_TRUE(tip.police_reference().empty()) << tip.name();
    EXPECT_TRUE(tip.audit().create_subject().empty()) << tip.name();
  }

  static CaseworkSuite* suite_;
  static int tips_made_;
  static int events_published_;
  static std::vector<std::string> secrets_;
  static std::set<std::string> filed_names_;
};

CaseworkSuite* CaseworkTipsTest::suite_ = nullptr;
int CaseworkTipsTest::tips_made_ = 0;
int CaseworkTipsTest::events_published_ = 0;
std::vector<std::string> CaseworkTipsTest::secrets_;
std::set<std::string> CaseworkTipsTest::filed_names_;

const std::string kPoliceReference = "芙公(刑)线索字[2026]第0042号";
const std::string kConfirmReason = "经蹲守当场抓获两名贩毒人员";

TEST_F(CaseworkTipsTest, EachFilerRoleFilesAndOnlyTheSubmitterReadsItsTipInFull) {
  cw::Tip tip = NewTip("430102001001", cw::TIP_KIND_CULTIVATION);
  tip.set_source_volunteer("volunteers/v7k2m9q4x1");
  tip.set_state(cw::TIP_STATE_CONFIRMED);  // output only: ignored
  tip.set_police_reference("ignored");
  cw::Tip by_worker;
  grpc::Status status = Create(kFurongWorker, tip, &by_worker);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(by_worker.name().starts_with("tips/"));
  EXPECT_EQ(by_worker.state(), cw::TIP_STATE_RECEIVED);
  EXPECT_EQ(by_worker.kind(), cw::TIP_KIND_CULTIVATION);
  EXPECT_EQ(by_worker.plant_count(), 30);
  EXPECT_EQ(by_worker.description(), tip.description());
  EXPECT_EQ(by_worker.submitter_subject(), kFurongWorker.subject);
  EXPECT_EQ(by_worker.source_volunteer(), "volunteers/v7k2m9q4x1");
  EXPECT_TRUE(by_worker.police_reference().empty());
  EXPECT_EQ(by_worker.audit().create_subject(), kFurongWorker.subject);
  EXPECT_EQ(by_worker.audit().etag(), "1");
  EXPECT_GT(by_worker.state_change_time().seconds(), 0);

  const cw::Tip by_staff = File(kFurongStaff, "430102");
  EXPECT_EQ(by_staff.submitter_subject(), kFurongStaff.subject);
  const cw::Tip by_officer = File(kFurongOfficer, "430102001", cw::TIP_KIND_USE);
  EXPECT_EQ(by_officer.submitter_subject(), kFurongOfficer.subject);
  // The volunteer app reaches every region (it files for volunteers anywhere).
  const cw::Tip by_app = File(kVolunteerApp, "430103001", cw::TIP_KIND_PRODUCTION);
  EXPECT_EQ(by_app.submitter_subject(), kVolunteerApp.subject);
  EXPECT_EQ(by_app.region_code(), "430103001");

  // The submitter reads its own tip in full, without a purpose and without an audit entry.
  const int64_t audited_before = AuditEntries("resource = '" + by_worker.name() + "'");
  cw::Tip own;
  ASSERT_TRUE(Get(kFurongWorker, by_worker.name(), &own).ok());
  EXPECT_EQ(own.description(), tip.description());
  EXPECT_EQ(own.submitter_subject(), kFurongWorker.subject);
  EXPECT_EQ(own.source_volunteer(), "volunteers/v7k2m9q4x1");
  ASSERT_TRUE(Get(kVolunteerApp, by_app.name(), &own).ok());
  EXPECT_EQ(own.submitter_subject(), kVolunteerApp.subject);
  EXPECT_EQ(AuditEntries("resource = '" + by_worker.name() + "'"), audited_before);

  // Another submitter, of the same county or another, cannot tell it from a missing tip; each
  // attempt is recorded as denied.
  const std::string missing = "tips/doesnotexist0000000";
  for (const TestCaller* other : {&kFurongWorker2, &kFurongStaff, &kTianxinWorker}) {
    const int64_t denied_before = AuditEntries("denied AND resource = '" + by_worker.name() + "'");
    cw::Tip got;
    grpc::Status foreign = Get(*other, by_worker.name(), &got);
    grpc::Status absent = Get(*other, missing, &got);
    EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND) << other->subject;
    EXPECT_EQ(absent.error_code(), foreign.error_code());
    EXPECT_EQ(ErrorReasonOf(foreign), "RESOURCE_NOT_FOUND");
    EXPECT_EQ(ErrorReasonOf(absent), ErrorReasonOf(foreign));
    std::string message = foreign.error_message();
    ASSERT_NE(message.find(by_worker.name()), std::string::npos);
    message.replace(message.find(by_worker.name()), by_worker.name().size(), missing);
    EXPECT_EQ(message, absent.error_message());
    EXPECT_EQ(AuditEntries("denied AND resource = '" + by_worker.name() + "' AND subject = '" +
                           other->subject + "'"),
              1);
    EXPECT_EQ(AuditEntries("denied AND resource = '" + by_worker.name() + "'"), denied_before + 1);
  }

  // "My tips": exactly the caller's own, without descriptions; everyone else's list is police's.
  cw::ListTipsRequest mine;
  mine.set_filed_by_caller(true);
  const std::vector<cw::Tip> listed = ListAll(kFurongWorker, mine);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name(), by_worker.name());
  ExpectNothingSensitive(listed[0]);
  const std::vector<cw::Tip> apps = ListAll(kVolunteerApp, mine);
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].name(), by_app.name());
  EXPECT_TRUE(ListAll(kFurongWorker2, mine).empty());
  cw::ListTipsResponse response;
  for (const TestCaller* filer : {&kFurongWorker, &kFurongOfficer, &kVolunteerApp}) {
    status = List(*filer, cw::ListTipsRequest(), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << filer->subject;
    EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  }
}

TEST_F(CaseworkTipsTest, CreateIsIdempotentByRequestIdAndChecksRolesAndScope) {
  const std::string request_id = "5d7c1f0e-8a2b-4c3d-9e4f-112233445566";
  const cw::Tip tip = NewTip("430102");
  cw::Tip first;
  ASSERT_TRUE(Create(kFurongStaff, tip, &first, request_id).ok());
  cw::Tip again;
  ASSERT_TRUE(Create(kFurongStaff, tip, &again, request_id).ok());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(again.description(), tip.description());
  EXPECT_EQ(Query("SELECT count(*) FROM casework.tips WHERE tip_id = '" + first.name().substr(5) +
                  "'")[0][0]
                .as<int>(),
            1);
  // The same id with other content, or from another caller, is a conflict and reveals nothing.
  cw::Tip changed = tip;
  changed.set_kind(cw::TIP_KIND_OTHER);
  grpc::Status status = Create(kFurongStaff, changed, &again, request_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "DUPLICATE_REQUEST_ID_CONFLICT");
  cw::Tip stolen;
  status = Create(kFurongWorker2, tip, &stolen, request_id);
  EXPECT_EQ(ErrorReasonOf(status), "DUPLICATE_REQUEST_ID_CONFLICT");
  EXPECT_TRUE(stolen.name().empty());
  EXPECT_EQ(status.error_message().find(first.name()), std::string::npos);
  status = Create(kFurongStaff, tip, &again, "not-a-uuid");
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"request_id=FIELD_MALFORMED"});

  // Police handle tips, they do not file them; auditors do neither.
  for (const TestCaller* caller : {&kFurongPolice, &kAuditor}) {
    status = Create(*caller, NewTip("430102"), &again);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  }
  cw::Tip got;
  EXPECT_EQ(ErrorReasonOf(Get(kAuditor, first.name(), &got)), "ROLE_NOT_GRANTED");
  // A filer names only regions of its scope.
  status = Create(kFurongWorker, NewTip("430103001"), &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
}

TEST_F(CaseworkTipsTest, PoliceOfTheCountyListReadWithAPurposeForwardConfirmAndRecordOutcomes) {
  cw::Tip tip = NewTip("430102001001");
  tip.set_source_volunteer("volunteers/q1w2e3r4t5");
  cw::Tip filed;
  ASSERT_TRUE(Create(kFurongWorker, tip, &filed).ok());
  const cw::Tip newer = File(kFurongStaff, "430102");

  // Lists: newest first, every page without a sensitive field, only the county's tips.
  cw::ListTipsRequest request;
  request.set_page_size(1);
  const std::vector<cw::Tip> listed = ListAll(kFurongPolice, request);
  std::set<std::string> names;
  int position_filed = -1, position_newer = -1;
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_TRUE(names.insert(listed[i].name()).second) << "listed twice: " << listed[i].name();
    EXPECT_EQ(listed[i].region_code().substr(0, 6), "430102");
    ExpectNothingSensitive(listed[i]);
    if (listed[i].name() == filed.name()) position_filed = static_cast<int>(i);
    if (listed[i].name() == newer.name()) position_newer = static_cast<int>(i);
    if (i > 0) {
      EXPECT_GE(listed[i - 1].audit().create_time().seconds(),
                listed[i].audit().create_time().seconds());
    }
  }
  ASSERT_GE(position_filed, 0);
  ASSERT_GE(position_newer, 0);
  EXPECT_LT(position_newer, position_filed);
  // Filters combine.
  request.set_page_size(0);
  request.set_within_region_code("430102001");
  request.add_states(cw::TIP_STATE_RECEIVED);
  request.add_kinds(cw::TIP_KIND_TRAFFICKING);
  *request.mutable_date_range()->mutable_start_date() = DaysFromToday(-1);
  *request.mutable_date_range()->mutable_end_date() = DaysFromToday(0);
  std::vector<cw::Tip> filtered = ListAll(kFurongPolice, request);
  EXPECT_TRUE(std::any_of(filtered.begin(), filtered.end(),
                          [&](const cw::Tip& t) { return t.name() == filed.name(); }));
  EXPECT_TRUE(std::none_of(filtered.begin(), filtered.end(),
                           [&](const cw::Tip& t) { return t.name() == newer.name(); }));
  *request.mutable_date_range()->mutable_start_date() = DaysFromToday(0);
  *request.mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  EXPECT_TRUE(ListAll(kFurongPolice, request).empty());

  // A read by police needs a purpose; with one, it shows the description (never the submitter)
  // and is audited.
  cw::Tip got;
  grpc::Status status = Get(kFurongPolice, filed.name(), &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "ACCESS_PURPOSE_REQUIRED");
  EXPECT_EQ(ErrorReasonOf(Get(kFurongPolice, filed.name(), &got, std::string(201, 'x'))),
            "ACCESS_PURPOSE_REQUIRED");
  const std::string purpose = "研判线索，安排蹲守";
  status = Get(kFurongPolice, filed.name(), &got, purpose);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.description(), tip.description());
  EXPECT_TRUE(got.submitter_subject().empty());
  EXPECT_TRUE(got.source_volunteer().empty());
  EXPECT_TRUE(got.audit().create_subject().empty());
  EXPECT_TRUE(got.audit().update_subject().empty());
  pqxx::result entry = Query(
      "SELECT subject, fields, purpose, denied, region_code, method, person_pseudonym FROM "
      "casework.access_audit_entries WHERE resource = '" +
      filed.name() + "' ORDER BY sequence DESC LIMIT 1");
  ASSERT_EQ(entry.size(), 1u);
  EXPECT_EQ(entry[0][0].as<std::string>(), kFurongPolice.subject);
  EXPECT_EQ(entry[0][1].as<std::string>(), "description");
  EXPECT_EQ(entry[0][2].as<std::string>(), purpose);
  EXPECT_FALSE(entry[0][3].as<bool>());
  EXPECT_EQ(entry[0][4].as<std::string>(), "430102001001");
  EXPECT_EQ(entry[0][5].as<std::string>(), "/jindu.casework.v1.TipService/GetTip");
  EXPECT_EQ(entry[0][6].as<std::string>(), "");

  // Forward with the police's reference; answers of handling carry no sensitive field.
  secrets_.push_back(kPoliceReference);
  secrets_.push_back(kConfirmReason);
  cw::Tip answer;
  status = Forward(kFurongPolice, filed.name(), &answer, kPoliceReference, "1");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.state(), cw::TIP_STATE_FORWARDED);
  EXPECT_EQ(answer.audit().etag(), "2");
  EXPECT_EQ(answer.audit().update_subject(), kFurongPolice.subject);
  EXPECT_GE(answer.state_change_time().seconds(), filed.state_change_time().seconds());
  ExpectNothingSensitive(answer);
  ASSERT_TRUE(Get(kFurongPolice, filed.name(), &got, purpose).ok());
  EXPECT_EQ(got.police_reference(), kPoliceReference);
  entry = Query("SELECT fields FROM casework.access_audit_entries WHERE resource = '" +
                filed.name() + "' ORDER BY sequence DESC LIMIT 1");
  EXPECT_EQ(entry[0][0].as<std::string>(), "description,police_reference");
  // The submitter follows the state, never the police's reference.
  ASSERT_TRUE(Get(kFurongWorker, filed.name(), &got).ok());
  EXPECT_EQ(got.state(), cw::TIP_STATE_FORWARDED);
  EXPECT_TRUE(got.police_reference().empty());
  EXPECT_EQ(got.audit().create_subject(), kFurongWorker.subject);
  EXPECT_EQ(got.audit().update_subject(), kFurongPolice.subject);

  // A stale etag changes nothing.
  status = Confirm(kFurongPolice, filed.name(), &answer, kConfirmReason, "1");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  status = Confirm(kFurongPolice, filed.name(), &answer, kConfirmReason, "2");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.state(), cw::TIP_STATE_CONFIRMED);
  EXPECT_FALSE(answer.has_outcome());

  cw::TipOutcome outcome;
  outcome.set_suspects_identified(3);
  outcome.set_users_identified(2);
  outcome.set_cases_solved(1);
  outcome.set_prosecutions(1);
  auto* heroin = outcome.add_seizures();
  heroin->set_substance("海洛因");
  heroin->set_milligrams(20235000);
  status = RecordOutcome(kFurongPolice, filed.name(), outcome, &answer, "3");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.outcome().suspects_identified(), 3);
  EXPECT_EQ(answer.outcome().seizures(0).milligrams(), 20235000);
  EXPECT_EQ(answer.audit().etag(), "4");
  EXPECT_EQ(answer.state(), cw::TIP_STATE_CONFIRMED);
  // The outcome is replaced whole.
  outcome.clear_seizures();
  outcome.set_suspects_identified(4);
  auto* ice = outcome.add_seizures();
  ice->set_substance("甲基苯丙胺");
  ice->set_milligrams(1500);
  ASSERT_TRUE(RecordOutcome(kFurongPolice, filed.name(), outcome, &answer).ok());
  EXPECT_EQ(answer.outcome().suspects_identified(), 4);
  ASSERT_EQ(answer.outcome().seizures_size(), 1);
  EXPECT_EQ(answer.outcome().seizures(0).substance(), "甲基苯丙胺");
  ASSERT_TRUE(Get(kFurongWorker, filed.name(), &got).ok());
  EXPECT_EQ(got.outcome().seizures(0).milligrams(), 1500);
  const pqxx::result stored = Query(
      "SELECT seized_milligrams, suspects_identified, revision FROM casework.tips WHERE "
      "tip_id = '" +
      filed.name().substr(5) + "'");
  EXPECT_EQ(stored[0][0].as<int64_t>(), 1500);
  EXPECT_EQ(stored[0][1].as<int>(), 4);
  EXPECT_EQ(stored[0][2].as<int>(), 5);

  // Each state change is one history row: who and when in clear, the reason sealed.
  const pqxx::result history = Query(
      "SELECT previous_state, state, change_subject, reason_sealed IS NULL, "
      "encode(reason_sealed, 'escape') FROM casework.tip_state_changes WHERE tip_id = '" +
      filed.name().substr(5) + "' ORDER BY revision");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0][0].as<int>(), cw::TIP_STATE_RECEIVED);
  EXPECT_EQ(history[0][1].as<int>(), cw::TIP_STATE_FORWARDED);
  EXPECT_TRUE(history[0][3].as<bool>());  // forwarding gave no reason
  EXPECT_EQ(history[1][1].as<int>(), cw::TIP_STATE_CONFIRMED);
  EXPECT_EQ(history[1][2].as<std::string>(), kFurongPolice.subject);
  EXPECT_FALSE(history[1][3].as<bool>());
  EXPECT_EQ(history[1][4].as<std::string>().find(kConfirmReason), std::string::npos);

  // Dismissal from FORWARDED.
  const cw::Tip dismissed = File(kFurongStaff, "430102001");
  ASSERT_TRUE(Forward(kFurongPolice, dismissed.name(), &answer).ok());
  status = Dismiss(kFurongPolice, dismissed.name(), &answer);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.state(), cw::TIP_STATE_UNFOUNDED);
}

TEST_F(CaseworkTipsTest, AnotherCountysPoliceCannotTellATipFromAMissingOne) {
  const cw::Tip filed = File(kFurongWorker, "430102");
  const std::string missing = "tips/doesnotexist0000000";
  const std::string purpose = "核查";

  auto expect_like_missing = [&](const grpc::Status& foreign, const grpc::Status& absent) {
    EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(absent.error_code(), foreign.error_code());
    EXPECT_EQ(ErrorReasonOf(foreign), "RESOURCE_NOT_FOUND");
    EXPECT_EQ(ErrorReasonOf(absent), ErrorReasonOf(foreign));
    EXPECT_EQ(ResourceNameOf(foreign), filed.name());
    EXPECT_EQ(ResourceNameOf(absent), missing);
    std::string message = foreign.error_message();
    ASSERT_NE(message.find(filed.name()), std::string::npos);
    message.replace(message.find(filed.name()), filed.name().size(), missing);
    EXPECT_EQ(message, absent.error_message());
  };
  const std::string denied =
      "denied AND resource = '" + filed.name() + "' AND subject = '" + kTianxinPolice.subject + "'";
  cw::Tip got;
  expect_like_missing(Get(kTianxinPolice, filed.name(), &got, purpose),
                      Get(kTianxinPolice, missing, &got, purpose));
  EXPECT_EQ(AuditEntries(denied), 1);
  const pqxx::result entry =
      Query("SELECT purpose, method, fields FROM casework.access_audit_entries WHERE " + denied);
  EXPECT_EQ(entry[0][0].as<std::string>(), purpose);
  EXPECT_EQ(entry[0][1].as<std::string>(), "/jindu.casework.v1.TipService/GetTip");
  EXPECT_EQ(entry[0][2].as<std::string>(), "");

  // Handling is refused the same way, and changes nothing.
  cw::Tip answer;
  expect_like_missing(Forward(kTianxinPolice, filed.name(), &answer),
                      Forward(kTianxinPolice, missing, &answer));
  expect_like_missing(Dismiss(kTianxinPolice, filed.name(), &answer),
                      Dismiss(kTianxinPolice, missing, &answer));
  EXPECT_EQ(AuditEntries(denied), 3);
  ASSERT_TRUE(Get(kFurongWorker, filed.name(), &got).ok());
  EXPECT_EQ(got.state(), cw::TIP_STATE_RECEIVED);
  EXPECT_EQ(got.audit().etag(), "1");

  // Their lists do not show it, and they may not ask for Furong's.
  for (const cw::Tip& listed : ListAll(kTianxinPolice, cw::ListTipsRequest())) {
    EXPECT_NE(listed.name(), filed.name());
    EXPECT_EQ(listed.region_code().substr(0, 6), "430103");
  }
  cw::ListTipsRequest furong;
  furong.set_within_region_code("430102");
  cw::ListTipsResponse response;
  EXPECT_EQ(ErrorReasonOf(List(kTianxinPolice, furong, &response)), "REGION_OUT_OF_SCOPE");
}

TEST_F(CaseworkTipsTest, EveryIllegalTransitionIsRefused) {
  auto illegal = [](const grpc::Status& status) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
    EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  };
  cw::TipOutcome nothing;
  cw::Tip answer;

  // RECEIVED: neither confirmed nor given an outcome before police have it.
  const cw::Tip received = File(kFurongWorker, "430102");
  illegal(Confirm(kFurongPolice, received.name(), &answer));
  illegal(RecordOutcome(kFurongPolice, received.name(), nothing, &answer));
  // RECEIVED -> UNFOUNDED is legal; UNFOUNDED is final.
  ASSERT_TRUE(Dismiss(kFurongPolice, received.name(), &answer).ok());
  EXPECT_EQ(answer.state(), cw::TIP_STATE_UNFOUNDED);
  illegal(Forward(kFurongPolice, received.name(), &answer));
  illegal(Confirm(kFurongPolice, received.name(), &answer));
  illegal(Dismiss(kFurongPolice, received.name(), &answer));
  illegal(RecordOutcome(kFurongPolice, received.name(), nothing, &answer));

  // FORWARDED: not forwarded twice, no outcome yet.
  const cw::Tip forwarded = File(kFurongWorker, "430102");
  ASSERT_TRUE(Forward(kFurongPolice, forwarded.name(), &answer).ok());
  illegal(Forward(kFurongPolice, forwarded.name(), &answer));
  illegal(RecordOutcome(kFurongPolice, forwarded.name(), nothing, &answer));

  // CONFIRMED is final (only its outcome changes).
  ASSERT_TRUE(Confirm(kFurongPolice, forwarded.name(), &answer).ok());
  illegal(Forward(kFurongPolice, forwarded.name(), &answer));
  illegal(Confirm(kFurongPolice, forwarded.name(), &answer));
  illegal(Dismiss(kFurongPolice, forwarded.name(), &answer));
  ASSERT_TRUE(RecordOutcome(kFurongPolice, forwarded.name(), nothing, &answer).ok());
  EXPECT_TRUE(answer.has_outcome());

  // Nothing illegal left a trace: one history row per legal change.
  EXPECT_EQ(Query("SELECT count(*) FROM casework.tip_state_changes WHERE tip_id IN ('" +
                  received.name().substr(5) + "', '" + forwarded.name().substr(5) + "')")[0][0]
                .as<int>(),
            3);

  // Only police liaison handle tips.
  for (const TestCaller* caller : {&kFurongWorker, &kFurongOfficer, &kVolunteerApp}) {
    EXPECT_EQ(ErrorReasonOf(Forward(*caller, forwarded.name(), &answer)), "ROLE_NOT_GRANTED");
    EXPECT_EQ(ErrorReasonOf(RecordOutcome(*caller, forwarded.name(), nothing, &answer)),
              "ROLE_NOT_GRANTED");
  }
}

TEST_F(CaseworkTipsTest, EveryBadFieldIsNamed) {
  cw::Tip created;
  cw::Tip bad;
  bad.set_region_code("430100");  // a city
  *bad.mutable_observed_date() = DaysFromToday(1);
  bad.set_plant_count(5);
  bad.set_source_volunteer("volunteer/x");
  grpc::Status status = Create(kFurongWorker, bad, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD");
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{
                "tip.kind=FIELD_REQUIRED", "tip.region_code=VALUE_NOT_ALLOWED",
                "tip.observed_date=DATE_IN_FUTURE", "tip.description=FIELD_REQUIRED",
                "tip.plant_count=VALUE_NOT_ALLOWED", "tip.source_volunteer=FIELD_MALFORMED"}));
  cw::Tip cultivation = NewTip("430199", cw::TIP_KIND_CULTIVATION);
  cultivation.set_plant_count(0);
  cultivation.set_description(cultivation.description() + std::string(4000, 'x'));
  status = Create(kFurongWorker, cultivation, &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"tip.region_code=REFERENCE_NOT_FOUND",
                                      "tip.description=FIELD_TOO_LONG",
                                      "tip.plant_count=FIELD_REQUIRED"}));

  cw::Tip got;
  EXPECT_EQ(FieldViolationsOf(Get(kFurongPolice, "", &got, "核查")),
            std::vector<std::string>{"name=FIELD_REQUIRED"});
  EXPECT_EQ(FieldViolationsOf(Get(kFurongWorker, "cases/abc", &got)),
            std::vector<std::string>{"name=FIELD_MALFORMED"});

  const cw::Tip filed = File(kFurongWorker, "430102");
  cw::Tip answer;
  EXPECT_EQ(FieldViolationsOf(Forward(kFurongPolice, filed.name(), &answer, std::string(65, '1'))),
            std::vector<std::string>{"police_reference=FIELD_TOO_LONG"});
  EXPECT_EQ(FieldViolationsOf(Forward(kFurongPolice, "tips/", &answer)),
            std::vector<std::string>{"name=FIELD_MALFORMED"});
  EXPECT_EQ(FieldViolationsOf(Dismiss(kFurongPolice, filed.name(), &answer, "")),
            std::vector<std::string>{"reason=FIELD_REQUIRED"});
  EXPECT_EQ(FieldViolationsOf(Dismiss(kFurongPolice, filed.name(), &answer, std::string(501, 'r'))),
            std::vector<std::string>{"reason=FIELD_TOO_LONG"});
  EXPECT_EQ(FieldViolationsOf(Confirm(kFurongPolice, "", &answer, std::string(501, 'r'))),
            (std::vector<std::string>{"reason=FIELD_TOO_LONG", "name=FIELD_REQUIRED"}));
  cw::RecordTipOutcomeRequest no_outcome;
  no_outcome.set_name(filed.name());
  auto context = Casework().Context(kFurongPolice);
  EXPECT_EQ(FieldViolationsOf(Stub()->RecordTipOutcome(context.get(), no_outcome, &answer)),
            std::vector<std::string>{"outcome=FIELD_REQUIRED"});
  cw::TipOutcome outcome;
  outcome.set_suspects_identified(1);
  outcome.set_users_identified(2);
  outcome.add_seizures()->set_substance("海洛因");
  EXPECT_EQ(FieldViolationsOf(RecordOutcome(kFurongPolice, filed.name(), outcome, &answer)),
            (std::vector<std::string>{"outcome.users_identified=FIELD_OUT_OF_RANGE",
                                      "outcome.seizures[0].milligrams=FIELD_OUT_OF_RANGE"}));
  // Nothing was changed by any of them.
  ASSERT_TRUE(Get(kFurongWorker, filed.name(), &got).ok());
  EXPECT_EQ(got.audit().etag(), "1");

  // Lists: filters, page size and tokens.
  cw::ListTipsRequest list;
  list.add_states(cw::TIP_STATE_UNSPECIFIED);
  list.add_kinds(static_cast<cw::TipKind>(17));
  *list.mutable_date_range()->mutable_start_date() = DaysFromToday(0);
  *list.mutable_date_range()->mutable_end_date() = DaysFromToday(-1);
  list.set_within_region_code("439999");
  cw::ListTipsResponse response;
  EXPECT_EQ(FieldViolationsOf(List(kFurongPolice, list, &response)),
            (std::vector<std::string>{"states[0]=VALUE_NOT_ALLOWED", "kinds[0]=VALUE_NOT_ALLOWED",
                                      "date_range.end_date=END_BEFORE_START",
                                      "within_region_code=REFERENCE_NOT_FOUND"}));
  list.Clear();
  list.set_page_size(-1);
  EXPECT_EQ(FieldViolationsOf(List(kFurongPolice, list, &response)),
            std::vector<std::string>{"page_size=FIELD_OUT_OF_RANGE"});
  list.set_page_size(1);
  ASSERT_TRUE(List(kFurongPolice, list, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());
  list.set_page_token(response.next_page_token());
  list.add_states(cw::TIP_STATE_RECEIVED);  // another list: the token is not for it
  EXPECT_EQ(ErrorReasonOf(List(kFurongPolice, list, &response)), "INVALID_PAGE_TOKEN");
  list.clear_states();
  list.set_page_token("Zm9yZ2Vk");
  EXPECT_EQ(ErrorReasonOf(List(kFurongPolice, list, &response)), "INVALID_PAGE_TOKEN");
}

// Runs last (gtest runs tests in the order they are defined): everything above filed tips; their
// descriptions, submitters, police references and reasons may appear nowhere in clear.
TEST_F(CaseworkTipsTest, ZzNothingSensitiveAppearsInClear) {
  ASSERT_GE(secrets_.size(), 10u);
  std::vector<std::string> secrets = secrets_;
  secrets.insert(secrets.end(), kSubmitters.begin(), kSubmitters.end());
  secrets.push_back("volunteers/v7k2m9q4x1");
  secrets.push_back("查无此事");

  // Every row of the tips tables, as text: sealed bytea shows as hex.
  std::string dump;
  for (const char* table : {"tips", "tip_state_changes"}) {
    for (const auto& row :
         Query(std::string("SELECT row_to_json(t)::text FROM casework.") + table + " t")) {
      dump += row[0].as<std::string>() + "\n";
    }
  }
  ASSERT_GT(dump.size(), 2000u);
  EXPECT_NE(dump.find("\\\\x"), std::string::npos);  // sealed columns are there, as bytes
  // What is not personal is there in clear (so the searches below can find text): police
  // liaison's subject as the last updater of the tips they handled.
  EXPECT_NE(dump.find(kFurongPolice.subject), std::string::npos);
  for (const std::string& secret : secrets) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << "in the database: " << secret;
  }
  // The request log holds names of tips, not their content.
  std::string requests;
  for (const auto& row : Query("SELECT row_to_json(t)::text FROM casework.request_log t")) {
    requests += row[0].as<std::string>();
  }
  for (const std::string& secret : secrets) {
    EXPECT_EQ(requests.find(secret), std::string::npos) << "in the request log: " << secret;
  }

  // Every event on the tip topic: one per filing, state change and outcome.
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.casework.tip.v1",
                                static_cast<size_t>(events_published_));
  EXPECT_EQ(events.size(), static_cast<size_t>(events_published_));
  std::set<std::string> types;
  for (const auto& event : events) {
    const std::string bytes = event.envelope.SerializeAsString();
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "in an event: " << secret;
    }
    EXPECT_EQ(event.envelope.aggregate_type(), "tip");
    EXPECT_EQ(event.key, event.envelope.aggregate_id());
    types.insert(event.envelope.payload().type_url().substr(
        event.envelope.payload().type_url().rfind('/') + 1));
    casework::events::v1::TipFiled filed;
    if (event.envelope.payload().UnpackTo(&filed)) {
      EXPECT_EQ(filed.tip(), "tips/" + event.key);
      EXPECT_EQ(event.envelope.aggregate_version(), 1);
    }
  }
  EXPECT_EQ(types, (std::set<std::string>{"jindu.casework.events.v1.TipFiled",
                                          "jindu.casework.events.v1.TipStateChanged",
                                          "jindu.casework.events.v1.TipOutcomeRecorded"}));

  const std::string log = Casework().Log();
  // Every call above was logged (so a leak through the log would be found).
  ASSERT_NE(log.find("TipService"), std::string::npos);
  for (const std::string& secret : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "in the log: " << secret;
  }
}

}  // namespace
}  // namespace jindu::testing

// The casework service's cases, black-box over real PostgreSQL and Kafka with the registration
// service beside it (the region tree arrives as its events): cases opened by hand and by measure
// decisions, idempotent intake (batch and stream) with transfer requests across counties, status
// transitions, masked lists and lookups, full reads that are audited, and a county officer who
// cannot tell another county's case from a missing one. Afterwards, the personal data it created
// is searched for in the database's raw columns, in every Kafka payload and in the service log.

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <map>
#include <pqxx/pqxx>

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
const TestCaller kFurongPolice{
    .subject = "furong-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const TestCaller kTianxinWorker{
    .subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kTianxinPolice{
    .subject = "tianxin-police", .roles = {"police_liaison"}, .regions = {"430103"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kPoliceSystem{.subject = "gongan-system", .roles = {"system_caller"}};

// Synthetic people (check characters correct; 430102 芙蓉区, 430103 天心区).
struct Person {
  const char* name;
  const char* id_number;
  const char* phone;
  const char* address;
};
const Person kWang{"王建国", "43010219800101002X", "13812345678", "芙蓉区文艺路88号3栋201"};
const Person kZhao{"赵晓梅", "430102197506150031", "13987654321", "芙蓉区五一大道12号"};
const Person kQian{"钱多多", "430103198808080041", "15011112222", "天心区坡子街7号"};
const Person kSun{"孙悟能", "430102199202020050", "18600001111", "芙蓉区朝阳路1号"};
const Person kLi{"李素芬", "430103199909090067", "17700002222", "天心区书院路9号"};
const Person kZhou{"周大伟", "430102197003030070", "13300003333", "芙蓉区解放西路2号"};
const Person kHe{"何必", "430124198505050082", "13500004444", "长沙县星沙街道"};
const std::vector<Person> kEveryone = {kWang, kZhao, kQian, kSun, kLi, kZhou, kHe};

constexpr char kTownships[] =
    "code,name,level,parent,valid_from,valid_to\n"
    "430102001,文艺路街道,township,430102,2000-01-01,\n"
    "430102001001,识字岭社区,village,430102001,2000-01-01,\n"
    "430103001,坡子街街道,township,430103,2000-01-01,\n";

cw::PersonalDetails Details(const Person& person) {
  cw::PersonalDetails details;
  details.set_full_name(person.name);
  details.set_national_id_number(person.id_number);
  details.set_phone(person.phone);
  details.set_address(person.address);
  details.set_notes(std::string(person.name) + "的家属电话另记");
  return details;
}

cw::MeasureDecision Decision(const Person& person, const std::string& number,
                             const std::string& region,
                             cw::MeasureType type = cw::MEASURE_TYPE_COMMUNITY_REHABILITATION) {
  cw::MeasureDecision decision;
  decision.set_decision_number(number);
  decision.set_issuing_authority("长沙市公安局芙蓉分局");
  decision.set_measure_type(type);
  *decision.mutable_decision_date() = DaysFromToday(-30);
  *decision.mutable_start_date() = DaysFromToday(-20);
  *decision.mutable_end_date() = DaysFromToday(3 * 365);
  *decision.mutable_person() = Details(person);
  decision.set_residence_region_code(region);
  return decision;
}

class CaseworkCasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_cases", kTownships, "430103001").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  static ServiceProcess& Casework() { return suite_->casework(); }
  std::unique_ptr<CaseworkService::Stub> Stub() {
    return CaseworkService::NewStub(Casework().Channel());
  }

  grpc::Status CreateCase(const TestCaller& caller, const Person& person, const std::string& region,
                          cw::Case* created, const std::string& request_id = "") {
    cw::CreateCaseRequest request;
    *request.mutable_case_()->mutable_personal_details() = Details(person);
    request.mutable_case_()->set_residence_region_code(region);
    request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_TWO);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    request.set_request_id(request_id);
    auto context = Casework().Context(caller);
    return Stub()->CreateCase(context.get(), request, created);
  }

  grpc::Status GetCase(const TestCaller& caller, const std::string& name, cw::Case* got,
                       bool full = false) {
    cw::GetCaseRequest request;
    request.set_name(name);
    if (full) {
      request.set_view(cw::CASE_VIEW_FULL);
      request.set_access_purpose("走访前核对身份");
    }
    auto context = Casework().Context(caller);
    return Stub()->GetCase(context.get(), request, got);
  }

  std::vector<cw::MeasureDecisionResult> Ingest(const TestCaller& caller,
                                                const std::vector<cw::MeasureDecision>& decisions,
                                                grpc::Status* status = nullptr) {
    cw::IngestMeasureDecisionsRequest request;
    for (const auto& decision : decisions) *request.add_decisions() = decision;
    cw::IngestMeasureDecisionsResponse response;
    auto context = Casework().Context(caller);
    grpc::Status result = Stub()->IngestMeasureDecisions(context.get(), request, &response);
    if (status != nullptr) *status = result;
    EXPECT_TRUE(status != nullptr || result.ok()) << result.error_message();
    return {response.results().begin(), response.results().end()};
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

  static CaseworkSuite* suite_;
};

CaseworkSuite* CaseworkCasesTest::suite_ = nullptr;

TEST_F(CaseworkCasesTest, CreateAnswersMaskedAndFullReadIsAudited) {
  cw::Case created;
  ASSERT_TRUE(CreateCase(kFurongWorker, kWang, "430102001001", &created).ok());
  EXPECT_EQ(created.personal_details().full_name(), "王*");
  EXPECT_EQ(created.personal_details().national_id_number(), "430***********002X");
  EXPECT_EQ(created.personal_details().phone(), "138****5678");
  EXPECT_EQ(created.personal_details().address(), "湖南省长沙市芙蓉区***");
  EXPECT_TRUE(created.personal_details().notes().empty());
  EXPECT_EQ(created.status(), cw::CASE_STATUS_ACTIVE);
  EXPECT_EQ(created.measure().type(), cw::MEASURE_TYPE_NONE);
  EXPECT_EQ(created.person_pseudonym().size(), 25u);
  EXPECT_EQ(created.audit().etag(), "1");

  cw::Case basic;
  ASSERT_TRUE(GetCase(kFurongOfficer, created.name(), &basic).ok());
  EXPECT_EQ(basic.personal_details().full_name(), "王*");

  const int64_t audited_before = AuditEntries("resource = '" + created.name() + "'");
  cw::Case full;
  grpc::Status status = GetCase(kFurongWorker, created.name(), &full, /*full=*/true);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(full.personal_details().full_name(), kWang.name);
  EXPECT_EQ(full.personal_details().national_id_number(), kWang.id_number);
  EXPECT_EQ(full.personal_details().phone(), kWang.phone);
  EXPECT_EQ(full.personal_details().address(), kWang.address);
  EXPECT_EQ(AuditEntries("resource = '" + created.name() + "'"), audited_before + 1);
  const pqxx::result entry = Query(
      "SELECT subject, fields, purpose, denied, region_code FROM casework.access_audit_entries "
      "WHERE resource = '" +
      created.name() + "' ORDER BY sequence DESC LIMIT 1");
  EXPECT_EQ(entry[0][0].as<std::string>(), "furong-worker");
  EXPECT_NE(entry[0][1].as<std::string>().find("personal_details.national_id_number"),
            std::string::npos);
  EXPECT_EQ(entry[0][2].as<std::string>(), "走访前核对身份");
  EXPECT_FALSE(entry[0][3].as<bool>());
  EXPECT_EQ(entry[0][4].as<std::string>(), "430102001001");

  // An officer reads figures, not people: the full view is refused, and nothing is audited.
  status = GetCase(kFurongOfficer, created.name(), &full, /*full=*/true);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "PERSONAL_DATA_ACCESS_DENIED");
  // A full view needs a purpose.
  cw::GetCaseRequest no_purpose;
  no_purpose.set_name(created.name());
  no_purpose.set_view(cw::CASE_VIEW_FULL);
  auto context = Casework().Context(kFurongWorker);
  status = Stub()->GetCase(context.get(), no_purpose, &full);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "ACCESS_PURPOSE_REQUIRED");
}

TEST_F(CaseworkCasesTest, AnotherCountysCaseIsIndistinguishableFromAMissingOneAndAudited) {
  cw::Case created;
  ASSERT_TRUE(CreateCase(kFurongWorker, kZhao, "430102", &created).ok());
  const std::string missing = "cases/doesnotexist0000000";
  for (bool full : {false, true}) {
    const TestCaller& caller = full ? kTianxinWorker : kTianxinOfficer;
    const int64_t denied_before = AuditEntries("denied AND resource = '" + created.name() + "'");
    cw::Case got;
    grpc::Status foreign = GetCase(caller, created.name(), &got, full);
    grpc::Status absent = GetCase(caller, missing, &got, full);
    EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(absent.error_code(), foreign.error_code());
    EXPECT_EQ(ErrorReasonOf(foreign), "RESOURCE_NOT_FOUND");
    EXPECT_EQ(ErrorReasonOf(absent), ErrorReasonOf(foreign));
    std::string foreign_message = foreign.error_message();
    foreign_message.replace(foreign_message.find(created.name()), created.name().size(), missing);
    EXPECT_EQ(foreign_message, absent.error_message());
    EXPECT_EQ(AuditEntries("denied AND resource = '" + created.name() + "'"), denied_before + 1);
    const pqxx::result entry =
        Query("SELECT subject FROM casework.access_audit_entries WHERE denied AND resource = '" +
              created.name() + "' ORDER BY sequence DESC LIMIT 1");
    EXPECT_EQ(entry[0][0].as<std::string>(), caller.subject);
  }
  // Lists and lookups of the other county show nothing of it either.
  cw::ListCasesRequest list;
  cw::ListCasesResponse listed;
  auto context = Casework().Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListCases(context.get(), list, &listed).ok());
  for (const auto& listed_case : listed.cases()) {
    EXPECT_NE(listed_case.name(), created.name());
    EXPECT_EQ(listed_case.residence_region_code().substr(0, 6), "430103");
  }
  cw::LookupCasesRequest lookup;
  lookup.set_national_id_number(kZhao.id_number);
  lookup.set_access_purpose("核查");
  cw::LookupCasesResponse found;
  context = Casework().Context(kTianxinWorker);
  ASSERT_TRUE(Stub()->LookupCases(context.get(), lookup, &found).ok());
  EXPECT_EQ(found.cases_size(), 0);
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->LookupCases(context.get(), lookup, &found).ok());
  ASSERT_EQ(found.cases_size(), 1);
  EXPECT_EQ(found.cases(0).name(), created.name());
  EXPECT_EQ(found.cases(0).personal_details().full_name(), "赵*");
}

TEST_F(CaseworkCasesTest, CreateIsIdempotentAndRefusesASecondOpenCase) {
  cw::Case first;
  const std::string request_id = "7b0e7d1c-58a4-4f43-9bd2-1a3f0b6f2c11";
  ASSERT_TRUE(CreateCase(kFurongWorker, kSun, "430102", &first, request_id).ok());
  cw::Case again;
  ASSERT_TRUE(CreateCase(kFurongWorker, kSun, "430102", &again, request_id).ok());
  EXPECT_EQ(again.name(), first.name());
  grpc::Status status = CreateCase(kFurongWorker, kSun, "430102", &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ResourceNameOf(status), first.name());

  // From another county: a transfer request, and nothing about the case in the answer.
  status = CreateCase(kTianxinWorker, kSun, "430103001", &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ACTIVE_CASE_ELSEWHERE");
  EXPECT_EQ(status.error_message().find(first.name()), std::string::npos);
  cw::Case source;
  ASSERT_TRUE(GetCase(kFurongWorker, first.name(), &source).ok());
  EXPECT_FALSE(source.pending_transfer().empty());
  status = CreateCase(kTianxinWorker, kSun, "430103001", &again);
  EXPECT_EQ(ErrorReasonOf(status), "TRANSFER_PENDING");
}

TEST_F(CaseworkCasesTest, BadInputNamesEveryFieldAndRolesAreChecked) {
  cw::CreateCaseRequest request;
  request.mutable_case_()->mutable_personal_details()->set_national_id_number(
      "430102198001010021");  // wrong check character
  request.mutable_case_()->mutable_personal_details()->set_phone("12345");
  request.mutable_case_()->set_residence_region_code("430100");  // a city
  request.mutable_measure()->set_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  cw::Case created;
  auto context = Casework().Context(kFurongWorker);
  grpc::Status status = Stub()->CreateCase(context.get(), request, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto violations = FieldViolationsOf(status);
  auto has = [&](const std::string& expected) {
    return std::find(violations.begin(), violations.end(), expected) != violations.end();
  };
  EXPECT_TRUE(has("case.personal_details.full_name=FIELD_REQUIRED"));
  EXPECT_TRUE(has("case.personal_details.national_id_number=CHECK_DIGIT_MISMATCH"));
  EXPECT_TRUE(has("case.personal_details.phone=FIELD_MALFORMED"));
  EXPECT_TRUE(has("case.residence_region_code=VALUE_NOT_ALLOWED"));
  EXPECT_TRUE(has("measure.decision_number=FIELD_REQUIRED"));
  EXPECT_TRUE(has("measure.start_date=FIELD_REQUIRED"));
  EXPECT_EQ(status.error_message().find("12345"), std::string::npos);

  status = CreateCase(kStaff, kZhou, "430102", &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  status = CreateCase(kFurongOfficer, kZhou, "430102", &created);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  status = CreateCase(kFurongWorker, kZhou, "430103", &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  EXPECT_EQ(Query("SELECT count(*) FROM casework.cases WHERE residence_region_code = '430103' "
                  "AND create_subject = 'furong-worker'")[0][0]
                .as<int>(),
            0);
}

TEST_F(CaseworkCasesTest, IntakeOpensUpdatesRepeatsAndRequestsTransfers) {
  const cw::MeasureDecision decision =
      Decision(kQian, "湘长公(天)戒决字[2026]第0001号", "430103001");
  auto results = Ingest(kTianxinPolice, {decision});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED);
  const std::string opened = results[0].affected_case();
  ASSERT_FALSE(opened.empty());
  cw::Case got;
  ASSERT_TRUE(GetCase(kTianxinWorker, opened, &got).ok());
  EXPECT_EQ(got.measure().type(), cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  EXPECT_TRUE(got.measure().decision_number().empty());  // personal: full view only
  EXPECT_EQ(got.measure().issuing_authority(), "长沙市公安局芙蓉分局");
  // Community rehabilitation brings urine tests from the day the case opens (every 30 days).
  EXPECT_EQ(got.next_urine_test_due_date().day(), DaysFromToday(10).day());

  // The same decision again changes nothing; a system caller delivers it too.
  results = Ingest(kPoliceSystem, {decision});
  EXPECT_EQ(results[0].outcome(), cw::MEASURE_DECISION_OUTCOME_UNCHANGED);
  EXPECT_EQ(results[0].affected_case(), opened);

  // A new decision for the same person in the same county: the case takes the new measure.
  cw::MeasureDecision isolation = Decision(kQian, "湘长公(天)强戒决字[2026]第0002号", "430103",
                                           cw::MEASURE_TYPE_COMPULSORY_ISOLATION);
  results = Ingest(kTianxinPolice, {isolation});
  EXPECT_EQ(results[0].outcome(), cw::MEASURE_DECISION_OUTCOME_UPDATED);
  EXPECT_EQ(results[0].affected_case(), opened);
  ASSERT_TRUE(GetCase(kTianxinWorker, opened, &got).ok());
  EXPECT_EQ(got.measure().type(), cw::MEASURE_TYPE_COMPULSORY_ISOLATION);
  EXPECT_FALSE(got.has_next_urine_test_due_date());  // the facility tests, not the community
  EXPECT_NE(got.audit().etag(), "1");

  // Furong's police send a decision for her: a transfer request, nothing about Tianxin's case.
  results = Ingest(kFurongPolice, {Decision(kQian, "湘长公(芙)戒决字[2026]第0003号", "430102001")});
  EXPECT_EQ(results[0].outcome(), cw::MEASURE_DECISION_OUTCOME_TRANSFER_REQUESTED);
  EXPECT_TRUE(results[0].affected_case().empty());
  EXPECT_TRUE(results[0].case_transfer().starts_with("caseTransfers/"));

  // One batch, each decision on its own: a bad one, one outside the caller's scope, a good one.
  cw::MeasureDecision bad = Decision(kLi, "湘长公(天)戒决字[2026]第0004号", "430103");
  bad.mutable_person()->set_national_id_number("430103199909090068");
  bad.clear_start_date();
  cw::MeasureDecision outside = Decision(kLi, "湘长公(芙)戒决字[2026]第0005号", "430102");
  cw::MeasureDecision good = Decision(kLi, "湘长公(天)戒决字[2026]第0006号", "430103001");
  results = Ingest(kTianxinPolice, {bad, outside, good});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].index(), 0);
  EXPECT_EQ(results[0].outcome(), cw::MEASURE_DECISION_OUTCOME_REJECTED);
  EXPECT_EQ(results[0].error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(results[0].error().message().find("person.national_id_number"), std::string::npos);
  EXPECT_NE(results[0].error().message().find("start_date"), std::string::npos);
  EXPECT_EQ(results[1].outcome(), cw::MEASURE_DECISION_OUTCOME_REJECTED);
  EXPECT_EQ(results[1].error().code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(results[2].index(), 2);
  EXPECT_EQ(results[2].outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED);

  // Only police liaison and system callers deliver decisions; batches hold at most 1000.
  grpc::Status status;
  Ingest(kTianxinWorker, {good}, &status);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  Ingest(kTianxinPolice, std::vector<cw::MeasureDecision>(1001, good), &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "BATCH_TOO_LARGE");
  Ingest(kTianxinPolice, {}, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CaseworkCasesTest, StreamedDecisionsAreAnsweredInOrderWithStreamIndexes) {
  auto context = Casework().Context(kPoliceSystem);
  auto stream = Stub()->StreamMeasureDecisions(context.get());
  cw::StreamMeasureDecisionsRequest first;
  *first.add_decisions() = Decision(kZhou, "湘长公(芙)康决字[2026]第0101号", "430102",
                                    cw::MEASURE_TYPE_COMMUNITY_RECOVERY);
  *first.add_decisions() = Decision(kZhou, "湘长公(芙)康决字[2026]第0101号", "430102",
                                    cw::MEASURE_TYPE_COMMUNITY_RECOVERY);
  ASSERT_TRUE(stream->Write(first));
  cw::StreamMeasureDecisionsResponse answer;
  ASSERT_TRUE(stream->Read(&answer));
  ASSERT_EQ(answer.results_size(), 2);
  EXPECT_EQ(answer.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED);
  EXPECT_EQ(answer.results(1).outcome(), cw::MEASURE_DECISION_OUTCOME_UNCHANGED);
  cw::StreamMeasureDecisionsRequest second;
  *second.add_decisions() = Decision(kZhou, "湘长公(芙)康决字[2026]第0101号", "430102",
                                     cw::MEASURE_TYPE_COMMUNITY_RECOVERY);
  ASSERT_TRUE(stream->Write(second));
  ASSERT_TRUE(stream->Read(&answer));
  ASSERT_EQ(answer.results_size(), 1);
  EXPECT_EQ(answer.results(0).index(), 2);
  EXPECT_EQ(answer.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_UNCHANGED);
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(CaseworkCasesTest, TransitionsFollowTheStatusRules) {
  cw::Case created;
  ASSERT_TRUE(CreateCase(kFurongPolice, kHe, "430102", &created).ok());
  auto lost = [&](const std::string& etag) {
    cw::ReportLostContactRequest request;
    request.set_name(created.name());
    *request.mutable_since_date() = DaysFromToday(-2);
    request.set_reason("电话停机，走访不在家");
    request.set_etag(etag);
    cw::Case answer;
    auto context = Casework().Context(kFurongWorker);
    grpc::Status status = Stub()->ReportLostContact(context.get(), request, &answer);
    return std::make_pair(status, answer);
  };
  auto [status, answer] = lost("1");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.status(), cw::CASE_STATUS_LOST_CONTACT);
  std::tie(status, answer) = lost("");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  std::tie(status, answer) = lost("1");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");

  cw::RestoreContactRequest restore;
  restore.set_name(created.name());
  *restore.mutable_restored_date() = DaysFromToday(0);
  restore.set_reason("本人返回社区报到");
  auto context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->RestoreContact(context.get(), restore, &answer).ok());
  EXPECT_EQ(answer.status(), cw::CASE_STATUS_ACTIVE);
  EXPECT_EQ(answer.last_reached_contact_date().day(), DaysFromToday(0).day());

  cw::ConfirmAbstinenceRequest abstinence;
  abstinence.set_name(created.name());
  *abstinence.mutable_confirmed_date() = DaysFromToday(0);
  context = Casework().Context(kFurongWorker);
  status = Stub()->ConfirmAbstinence(context.get(), abstinence, &answer);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  EXPECT_NE(status.error_message().find("three years"), std::string::npos);

  cw::DismissSuspectedRelapseRequest dismiss;
  dismiss.set_name(created.name());
  dismiss.set_reason("无");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->DismissSuspectedRelapse(context.get(), dismiss, &answer)),
            "ILLEGAL_STATE_TRANSITION");

  cw::ConfirmRelapseRequest relapse;
  relapse.set_name(created.name());
  *relapse.mutable_relapse_date() = DaysFromToday(1);  // in the future
  relapse.set_reason("尿检阳性，本人承认");
  context = Casework().Context(kFurongWorker);
  status = Stub()->ConfirmRelapse(context.get(), relapse, &answer);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"relapse_date=DATE_IN_FUTURE"});
  *relapse.mutable_relapse_date() = DaysFromToday(0);
  context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ConfirmRelapse(context.get(), relapse, &answer)),
            "ROLE_NOT_GRANTED");
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->ConfirmRelapse(context.get(), relapse, &answer).ok());
  EXPECT_EQ(answer.status(), cw::CASE_STATUS_RELAPSED);

  cw::CloseCaseRequest close;
  close.set_name(created.name());
  close.set_close_reason(cw::CLOSE_REASON_OTHER);
  *close.mutable_close_date() = DaysFromToday(0);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->CloseCase(context.get(), close, &answer)),
            std::vector<std::string>{"reason=FIELD_REQUIRED"});
  close.set_reason("迁往外省");
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->CloseCase(context.get(), close, &answer).ok());
  EXPECT_EQ(answer.status(), cw::CASE_STATUS_CLOSED);
  EXPECT_EQ(answer.close_reason(), cw::CLOSE_REASON_OTHER);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->CloseCase(context.get(), close, &answer)),
            "ILLEGAL_STATE_TRANSITION");

  // Each change is one history row, its reason sealed.
  const pqxx::result history = Query(
      "SELECT status, encode(reason_sealed, 'escape') FROM casework.case_status_changes "
      "WHERE case_id = '" +
      created.name().substr(6) + "' ORDER BY revision");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[3][0].as<int>(), cw::CASE_STATUS_CLOSED);
  for (const auto& row : history) {
    EXPECT_EQ(row[1].as<std::string>().find("尿检"), std::string::npos);
  }
}

TEST_F(CaseworkCasesTest, UpdateChangesSealedFieldsAndRefusesImmutablePaths) {
  cw::Case created;
  const Person kFeng{"冯小刚", "430102197003030070", "13300003333", "芙蓉区解放西路2号"};
  cw::LookupCasesRequest lookup;
  lookup.set_national_id_number(kFeng.id_number);
  lookup.set_access_purpose("核查");
  cw::LookupCasesResponse found;
  auto context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->LookupCases(context.get(), lookup, &found).ok());
  if (found.cases_size() > 0) {
    created = found.cases(0);  // opened by the stream test (same person)
  } else {
    ASSERT_TRUE(CreateCase(kFurongWorker, kFeng, "430102", &created).ok());
  }
  cw::UpdateCaseRequest update;
  update.mutable_case_()->set_name(created.name());
  update.mutable_case_()->mutable_personal_details()->set_phone("+8613900005555");
  update.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_FOUR);
  update.mutable_update_mask()->add_paths("personal_details.phone");
  update.mutable_update_mask()->add_paths("assistance_category");
  cw::Case updated;
  context = Casework().Context(kFurongWorker);
  grpc::Status status = Stub()->UpdateCase(context.get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.personal_details().phone(), "139****5555");
  EXPECT_EQ(updated.assistance_category(), cw::ASSISTANCE_CATEGORY_FOUR);
  cw::Case full;
  ASSERT_TRUE(GetCase(kFurongWorker, created.name(), &full, true).ok());
  EXPECT_EQ(full.personal_details().phone(), "13900005555");

  update.mutable_update_mask()->add_paths("personal_details.national_id_number");
  context = Casework().Context(kFurongWorker);
  status = Stub()->UpdateCase(context.get(), update, &updated);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"update_mask=FIELD_IMMUTABLE"});
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("personal_details.notes");
  update.set_etag("1");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(Stub()->UpdateCase(context.get(), update, &updated).error_code(),
            grpc::StatusCode::ABORTED);
}

TEST_F(CaseworkCasesTest, ListsPageFilterAndCountTheWorkLists) {
  for (const Person& person : {kWang, kZhao}) {
    cw::Case ignored;
    CreateCase(kFurongWorker, person, "430102", &ignored);  // may exist from another test
  }
  cw::ListCasesRequest request;
  request.set_within_region_code("430102");
  request.set_page_size(1);
  std::set<std::string> seen;
  int total = -1;
  for (int page = 0; page < 20; ++page) {
    cw::ListCasesResponse response;
    auto context = Casework().Context(kFurongOfficer);
    grpc::Status status = Stub()->ListCases(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    total = response.total_size();
    for (const auto& listed : response.cases()) {
      EXPECT_TRUE(seen.insert(listed.name()).second);
      EXPECT_EQ(listed.personal_details().full_name().size(), 4u);  // one character and '*'
      EXPECT_FALSE(listed.flags().suspected_relapse());
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_GE(total, 2);
  EXPECT_EQ(static_cast<int>(seen.size()), total);

  // A token is bound to its filters; a forged one is refused; other counties are out of scope.
  request.set_within_region_code("430102001");
  cw::ListCasesResponse response;
  auto context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListCases(context.get(), request, &response)),
            "INVALID_PAGE_TOKEN");
  request.clear_page_token();
  request.set_within_region_code("430103");
  context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListCases(context.get(), request, &response)),
            "REGION_OUT_OF_SCOPE");
  // The suspected-relapse list is personal data.
  request.clear_within_region_code();
  request.set_suspected_relapse(true);
  context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListCases(context.get(), request, &response)),
            "PERSONAL_DATA_ACCESS_DENIED");
  request.set_suspected_relapse(false);
  *request.mutable_measure_ends_before() = DaysFromToday(4 * 365);
  request.add_measure_types(cw::MEASURE_TYPE_COMMUNITY_RECOVERY);
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->ListCases(context.get(), request, &response).ok());
  for (const auto& listed : response.cases()) {
    EXPECT_EQ(listed.measure().type(), cw::MEASURE_TYPE_COMMUNITY_RECOVERY);
  }

  cw::GetWorkListSummaryRequest summary_request;
  cw::WorkListSummary summary;
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->GetWorkListSummary(context.get(), summary_request, &summary).ok());
  EXPECT_GE(summary.open_cases(), 2);
  // Transfers requested by Tianxin for Furong's people wait on Furong's decision.
  EXPECT_GE(summary.transfers_awaiting_decision(), 0);
}

// Runs last (gtest runs tests in the order they are defined): everything above created personal
// data; none of it may appear outside the sealed columns.
TEST_F(CaseworkCasesTest, ZzPersonalDataAppearsNowhereInClear) {
  std::vector<std::string> secrets;
  for (const Person& person : kEveryone) {
    secrets.push_back(person.name);
    secrets.push_back(person.id_number);
    secrets.push_back(person.phone);
    secrets.push_back(person.address);
  }
  secrets.push_back("第0001号");  // decision numbers identify a person too
  secrets.push_back("尿检阳性");  // a relapse decision's reason

  // Every row of every table of the schema, as text: sealed bytea shows as hex.
  std::string dump;
  for (const auto& table : Query("SELECT table_name FROM information_schema.tables WHERE "
                                 "table_schema = 'casework' AND table_type = 'BASE TABLE'")) {
    for (const auto& row :
         Query("SELECT row_to_json(t)::text FROM casework." + table[0].as<std::string>() + " t")) {
      dump += row[0].as<std::string>() + "\n";
    }
  }
  ASSERT_GT(dump.size(), 1000u);
  EXPECT_NE(dump.find("\\\\x"), std::string::npos);  // sealed columns are there, as bytes
  for (const std::string& secret : secrets) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << "in the database: " << secret;
  }

  // Every event on the case topic (the relay publishes within a second or two).
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.casework.case.v1", 8);
  ASSERT_GE(events.size(), 8u);
  bool saw_opened = false;
  for (const auto& event : events) {
    const std::string bytes = event.envelope.SerializeAsString();
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "in an event: " << secret;
    }
    casework::events::v1::CaseOpened opened;
    if (event.envelope.payload().UnpackTo(&opened)) {
      saw_opened = true;
      EXPECT_TRUE(opened.person_pseudonym().starts_with("p"));
    }
  }
  EXPECT_TRUE(saw_opened);
  // Versions count each case's events one by one from 1, without gaps.
  std::map<std::string, std::vector<int64_t>> versions;
  for (const auto& event : events) {
    versions[event.key].push_back(event.envelope.aggregate_version());
  }
  for (auto& [key, seen] : versions) {
    std::sort(seen.begin(), seen.end());
    for (size_t i = 0; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i], static_cast<int64_t>(i + 1)) << "case " << key;
    }
  }

  // Every value in Redis (the services share one; casework itself caches nothing personal).
  redisContext* redis = redisConnect(SharedRedis().host().c_str(), SharedRedis().port());
  ASSERT_TRUE(redis != nullptr && redis->err == 0);
  std::string cached;
  auto* keys = static_cast<redisReply*>(redisCommand(redis, "KEYS *"));
  ASSERT_NE(keys, nullptr);
  for (size_t i = 0; i < keys->elements; ++i) {
    auto* value = static_cast<redisReply*>(
        redisCommand(redis, "DUMP %b", keys->element[i]->str, keys->element[i]->len));
    if (value != nullptr && value->type == REDIS_REPLY_STRING)
      cached.append(value->str, value->len);
    freeReplyObject(value);
  }
  freeReplyObject(keys);
  redisFree(redis);
  for (const std::string& secret : secrets) {
    EXPECT_EQ(cached.find(secret), std::string::npos) << "in Redis: " << secret;
  }

  const std::string log = Casework().Log();
  ASSERT_FALSE(log.empty());
  for (const std::string& secret : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "in the log: " << secret;
  }
}

}  // namespace
}  // namespace jindu::testing

// The reporting service's casework figures and assistance table over real servers: cases are opened
// (by measure decisions and by hand), paired, contacted, urine-tested, helped, lost, relapsed and
// transferred, and tips filed, confirmed and given outcomes, all through the casework service's
// public API; reporting learns of them only from the casework topics. Two counties of 长沙市
// (芙蓉区 and 岳麓区, the latter inside the special zone 湘江新区), a decoy dated before the period
// and one in 衡阳市. The figures of the counties, the city (each case once) and the child rows are
// exact; the transfer moves the case's counting from one county to the other; and none of the
// names, ID numbers, phones or decision numbers the test wrote is anywhere in the reporting schema.

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <pqxx/pqxx>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "reporting/figures/casework_figures.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/projections/casework_facts_projection.h"
#include "reporting/reporting_context.h"
#include "runtime/postgres/migrations.h"
#include "runtime/regions/region_replica.h"
#include "runtime/service/service_main.h"

namespace jindu::testing {
namespace {

namespace cw = casework::v1;
namespace rep = reporting::v1;
using casework::v1::CaseworkService;
using casework::v1::TipService;
using registration::v1::RegistrationService;
using reporting::v1::ReportingService;

const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kYueluWorker{
    .subject = "yuelu-worker", .roles = {"caseworker"}, .regions = {"430104"}};
const TestCaller kHengyangWorker{
    .subject = "hengyang-worker", .roles = {"caseworker"}, .regions = {"430421"}};
const TestCaller kFurongPolice{
    .subject = "furong-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const TestCaller kFurongStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kPoliceSystem{.subject = "gongan-system", .roles = {"system_caller"}};

// Synthetic people (check characters correct); everything here must stay out of reporting.
struct Person {
  const char* name;
  const char* id_number;
  const char* phone;
  const char* decision_number;
};
const Person kA{"王建国", "43010219800101002X", "+8613811112222", "芙公(禁)决字[2026]第101号"};
const Person kB{"赵晓梅", "430102197506150031", "+8613833334444", ""};
const Person kC{"钱多多", "430103198808080041", "+8613855556666", "芙公(禁)决字[2026]第102号"};
const Person kD{"孙悟能", "430102199202020050", "+8613877778888", "岳公(禁)决字[2026]第103号"};
const Person kOld{"李素芬", "430103199909090067", "+8613899990000", "芙公(禁)决字[2025]第104号"};
const Person kFar{"周大伟", "430102197003030070", "+8613700001111", "衡公(禁)决字[2026]第105号"};
const Person kVolunteers[] = {{"志愿者甲", "430102199003071234", "+8613912340001", ""},
                              {"志愿者乙", "430102198511110047", "+8613912340002", ""},
                              {"志愿者丙", "43010219960404061X", "+8613912340003", ""}};

// Now minus whole days: the same wall-clock time `days` calendar days ago in Asia/Shanghai.
google::protobuf::Timestamp DaysAgo(int days) {
  const auto then = std::chrono::system_clock::now() - std::chrono::hours(24 * days);
  google::protobuf::Timestamp time;
  time.set_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(then.time_since_epoch()).count());
  return time;
}

common::v1::Money Yuan(int64_t yuan) {
  common::v1::Money money;
  money.set_currency_code("CNY");
  money.set_minor_units(yuan * 100);
  return money;
}

template <typename Message>
Message Parse(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

class ReportingCaseworkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_casework", "", "430421").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static ServiceProcess& Casework() { return suite_->casework(); }
  static std::unique_ptr<CaseworkService::Stub> Cases() {
    return CaseworkService::NewStub(Casework().Channel());
  }
  static std::unique_ptr<TipService::Stub> Tips() {
    return TipService::NewStub(Casework().Channel());
  }

  // An active volunteer of 芙蓉区, once the casework service knows it is active.
  static std::string Volunteer(const Person& person) {
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    registration::v1::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name(person.name);
    create.mutable_volunteer()->set_national_id_number(person.id_number);
    create.mutable_volunteer()->set_phone(person.phone);
    create.mutable_volunteer()->set_residence_region_code("430102");
    registration::v1::Volunteer volunteer;
    auto context = suite_->registration().Context(kFurongStaff);
    grpc::Status status = stub->CreateVolunteer(context.get(), create, &volunteer);
    EXPECT_TRUE(status.ok()) << status.error_message();
    registration::v1::ApproveVolunteerRequest approve;
    approve.set_name(volunteer.name());
    context = suite_->registration().Context(kFurongStaff);
    EXPECT_TRUE(stub->ApproveVolunteer(context.get(), approve, &volunteer).ok());
    registration::v1::ActivateVolunteerRequest activate;
    activate.set_name(volunteer.name());
    context = suite_->registration().Context(kFurongStaff);
    EXPECT_TRUE(stub->ActivateVolunteer(context.get(), activate, &volunteer).ok());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    pqxx::connection connection(Casework().postgres_url());
    while (std::chrono::steady_clock::now() < deadline) {
      pqxx::nontransaction tx(connection);
      const pqxx::result rows = tx.exec_params(
          "SELECT 1 FROM casework.volunteer_replica WHERE volunteer_id = $1 AND state = $2",
          volunteer.name().substr(std::string("volunteers/").size()),
          static_cast<int>(registration::v1::VOLUNTEER_STATE_ACTIVE));
      if (!rows.empty()) return volunteer.name();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "casework never learned " << volunteer.name();
    return volunteer.name();
  }

  // A case opened by a measure decision whose measure started `start_offset` days from today.
  static std::string OpenByIntake(const Person& person, const std::string& region,
                                  cw::MeasureType type, int start_offset) {
    cw::IngestMeasureDecisionsRequest request;
    cw::MeasureDecision* decision = request.add_decisions();
    decision->set_decision_number(person.decision_number);
    decision->set_issuing_authority("长沙市公安局芙蓉分局");
    decision->set_measure_type(type);
    *decision->mutable_decision_date() = DaysFromToday(start_offset - 5);
    *decision->mutable_start_date() = DaysFromToday(start_offset);
    *decision->mutable_end_date() = DaysFromToday(start_offset + 3 * 365);
    decision->mutable_person()->set_full_name(person.name);
    decision->mutable_person()->set_national_id_number(person.id_number);
    decision->mutable_person()->set_phone(person.phone);
    decision->set_residence_region_code(region);
    cw::IngestMeasureDecisionsResponse response;
    auto context = Casework().Context(kPoliceSystem);
    grpc::Status status = Cases()->IngestMeasureDecisions(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED);
    return response.results(0).affected_case();
  }

  // A known user under no measure, opened by hand today.
  static std::string OpenByHand(const TestCaller& caller, const Person& person,
                                const std::string& region) {
    cw::CreateCaseRequest request;
    request.mutable_case_()->mutable_personal_details()->set_full_name(person.name);
    request.mutable_case_()->mutable_personal_details()->set_national_id_number(person.id_number);
    request.mutable_case_()->mutable_personal_details()->set_phone(person.phone);
    request.mutable_case_()->set_residence_region_code(region);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = Casework().Context(caller);
    grpc::Status status = Cases()->CreateCase(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  static void Pair(const TestCaller& caller, const std::string& case_name,
                   const std::string& volunteer) {
    cw::CreatePairingRequest request;
    request.set_parent(case_name);
    request.mutable_pairing()->set_volunteer(volunteer);
    *request.mutable_pairing()->mutable_start_date() = DaysFromToday(-10);
    cw::Pairing pairing;
    auto context = Casework().Context(caller);
    grpc::Status status = Cases()->CreatePairing(context.get(), request, &pairing);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static void Contact(const TestCaller& caller, const std::string& case_name, cw::ContactKind kind,
                      int days_ago, bool reached, int64_t relief_yuan = 0, int relief_items = 0) {
    cw::CreateContactRequest request;
    request.set_parent(case_name);
    cw::Contact* contact = request.mutable_contact();
    contact->set_kind(kind);
    *contact->mutable_contact_time() = DaysAgo(days_ago);
    contact->set_reached(reached);
    contact->add_participant_subjects(caller.subject);
    if (relief_yuan > 0) *contact->mutable_relief_money() = Yuan(relief_yuan);
    contact->set_relief_items(relief_items);
    cw::Contact created;
    auto context = Casework().Context(caller);
    grpc::Status status = Cases()->CreateContact(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static void Help(const TestCaller& caller, const std::string& case_name, cw::HelpKind kind,
                   int days_ago, cw::HelpOutcome outcome, int64_t yuan = 0) {
    cw::CreateHelpRecordRequest request;
    request.set_parent(case_name);
    cw::HelpRecord* help = request.mutable_help_record();
    help->set_kind(kind);
    *help->mutable_help_date() = DaysFromToday(-days_ago);
    help->set_outcome(outcome);
    if (yuan > 0) *help->mutable_amount() = Yuan(yuan);
    cw::HelpRecord created;
    auto context = Casework().Context(caller);
    grpc::Status status = Cases()->CreateHelpRecord(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // Fulfils the case's scheduled (or overdue) urine test with a negative sample taken `days_ago`.
  static void RecordScheduledTest(const TestCaller& caller, const std::string& case_name,
                                  int days_ago) {
    cw::ListUrineTestsRequest list;
    list.set_parent(case_name);
    list.add_states(cw::URINE_TEST_STATE_SCHEDULED);
    list.add_states(cw::URINE_TEST_STATE_OVERDUE);
    cw::ListUrineTestsResponse listed;
    auto context = Casework().Context(caller);
    grpc::Status status = Cases()->ListUrineTests(context.get(), list, &listed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(listed.urine_tests_size(), 1);
    cw::RecordUrineTestRequest request;
    request.set_parent(case_name);
    request.set_scheduled_test(listed.urine_tests(0).name());
    request.set_result(cw::URINE_TEST_RESULT_NEGATIVE);
    *request.mutable_test_date() = DaysFromToday(-days_ago);
    cw::UrineTest recorded;
    context = Casework().Context(caller);
    status = Cases()->RecordUrineTest(context.get(), request, &recorded);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(recorded.done_on_schedule());
  }

  static std::string FileTip(const TestCaller& caller, const std::string& region, cw::TipKind kind,
                             int plants = 0) {
    cw::CreateTipRequest request;
    request.mutable_tip()->set_kind(kind);
    request.mutable_tip()->set_region_code(region);
    *request.mutable_tip()->mutable_observed_date() = DaysFromToday(-1);
    request.mutable_tip()->set_description("有人在出租屋内贩卖冰毒，绰号阿彪");
    request.mutable_tip()->set_plant_count(plants);
    cw::Tip tip;
    auto context = Casework().Context(caller);
    grpc::Status status = Tips()->CreateTip(context.get(), request, &tip);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return tip.name();
  }

  // Polls ComputeRegionFigures until the region's casework figures are `expected` (bounded), then
  // compares once more for the message.
  static void ExpectCasework(const std::string& region, const rep::CaseworkFigures& expected) {
    rep::CaseworkFigures got;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
      rep::ComputeRegionFiguresResponse response;
      grpc::Status status = RegionFigures(region, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      got = response.figures().casework();
      if (google::protobuf::util::MessageDifferencer::Equivalent(got, expected)) return;
      if (std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ADD_FAILURE() << region << " casework figures never settled.\nexpected:\n"
                  << expected.DebugString() << "got:\n"
                  << got.DebugString();
  }

  static rep::ComputeRegionFiguresRequest FiguresRequest(const std::string& region) {
    rep::ComputeRegionFiguresRequest request;
    request.set_region_code(region);
    *request.mutable_period()->mutable_range()->mutable_start_date() = DaysFromToday(-60);
    *request.mutable_period()->mutable_range()->mutable_end_date() = DaysFromToday(1);
    return request;
  }

  static grpc::Status RegionFigures(const std::string& region,
                                    rep::ComputeRegionFiguresResponse* response) {
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(kProvinceAdmin);
    return stub->ComputeRegionFigures(context.get(), FiguresRequest(region), response);
  }

  static grpc::Status AssistanceTable(const TestCaller& caller, const std::string& region,
                                      rep::ComputeAssistanceTableResponse* response) {
    rep::ComputeAssistanceTableRequest request;
    request.set_region_code(region);
    *request.mutable_period() = FiguresRequest(region).period();
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(caller);
    return stub->ComputeAssistanceTable(context.get(), request, response);
  }

  // Replays both casework topics from the start into an empty schema with the projection's own
  // handlers, twice over (so every event is delivered again after newer ones of its aggregate, with
  // no inbox to drop it), and expects the same casework figures as the live projection's.
  static void ExpectReplayRebuildsTheFigures(const std::vector<std::string>& regions) {
    const std::string url = suite_->reporting().postgres_url();
    const std::string replay_schema = "reporting_casework_replay";
    pqxx::connection connection(url);
    runtime::ApplyMigrations(
        connection, replay_schema,
        {reporting::FreshnessMigrations(), reporting::CaseworkFactsMigrations()});
    runtime::ConnectionPool pool(url, 1);
    runtime::RegionDirectory directory;
    runtime::LoadRegionReplica(pool, "reporting", directory);
    runtime::CommonSettings settings;
    runtime::Settings all_settings;
    runtime::CallPolicy policy;
    prometheus::Registry metrics;
    const runtime::ServiceResources resources{.settings = settings,
                                              .all_settings = all_settings,
                                              .schema = replay_schema,
                                              .database = pool,
                                              .call_policy = policy,
                                              .metrics = metrics};
    reporting::ReportingContext context{.resources = resources, .regions = directory};
    size_t applied = 0;
    for (const auto& projection : reporting::CaseworkFactsProjections(context)) {
      ASSERT_EQ(projection.topics.size(), 1u);
      const auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), projection.topics[0], 1,
                                          std::chrono::seconds(20));
      for (int pass = 0; pass < 2; ++pass) {
        for (const TopicEvent& event : events) {
          pqxx::work tx(connection);
          projection.handler(tx, event.envelope);
          tx.commit();
          ++applied;
        }
      }
    }
    EXPECT_GT(applied, 60u);
    pqxx::read_transaction tx(connection);
    for (const std::string& region : regions) {
      const runtime::CivilDateRange dates{.start = CivilDaysFromToday(-60),
                                          .end = CivilDaysFromToday(1)};
      const auto live = reporting::ComputeCaseworkFigures(tx, "reporting", region, dates);
      const auto replayed = reporting::ComputeCaseworkFigures(tx, replay_schema, region, dates);
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(live, replayed))
          << region << " live:\n"
          << live.DebugString() << "replayed:\n"
          << replayed.DebugString();
    }
  }

  static ReportingSuite* suite_;
};

ReportingSuite* ReportingCaseworkTest::suite_ = nullptr;

TEST_F(ReportingCaseworkTest, CountsCaseworkPerCountyCityAndChildRowsEachCaseOnce) {
  std::vector<std::string> volunteers;
  for (const Person& person : kVolunteers) volunteers.push_back(Volunteer(person));

  // 芙蓉区. A: community rehabilitation since 40 days ago (first test due 10 days ago, done 12 days
  // ago; the next falls after the period), two volunteers, a home visit with relief, a job.
  const std::string a = OpenByIntake(kA, "430102", cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, -40);
  Pair(kFurongWorker, a, volunteers[0]);
  Pair(kFurongWorker, a, volunteers[1]);
  Contact(kFurongWorker, a, cw::CONTACT_KIND_HOME_VISIT, 5, true, 200, 3);
  Help(kFurongWorker, a, cw::HELP_KIND_EMPLOYMENT, 3, cw::HELP_OUTCOME_ACHIEVED);
  RecordScheduledTest(kFurongWorker, a, 12);
  // B: a known user under no measure, opened today, not reached, then lost.
  const std::string b = OpenByHand(kFurongWorker, kB, "430102");
  Contact(kFurongWorker, b, cw::CONTACT_KIND_TALK, 2, false);
  {
    cw::ReportLostContactRequest request;
    request.set_name(b);
    *request.mutable_since_date() = DaysFromToday(-1);
    request.set_reason("多次上门无人，电话停机");
    cw::Case lost;
    auto context = Casework().Context(kFurongWorker);
    grpc::Status status = Cases()->ReportLostContact(context.get(), request, &lost);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  // C: community recovery since 50 days ago (first test due after the period), paired, visited
  // with relief in 芙蓉区; moves to 岳麓区 below.
  const std::string c = OpenByIntake(kC, "430102", cw::MEASURE_TYPE_COMMUNITY_RECOVERY, -50);
  Pair(kFurongWorker, c, volunteers[2]);
  Contact(kFurongWorker, c, cw::CONTACT_KIND_RELIEF_VISIT, 20, true, 100, 1);
  // The decoy before the period: opened 400 days ago, visited 100 days ago (its first test was due
  // 370 days ago). It is still under management at the period's end.
  const std::string old =
      OpenByIntake(kOld, "430102", cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, -400);
  Contact(kFurongWorker, old, cw::CONTACT_KIND_HOME_VISIT, 100, true, 50, 1);

  // 岳麓区 (inside 湘江新区). D: rehabilitation since 30 days ago (a test due today, not done),
  // relapsed yesterday, a loan pending.
  const std::string d = OpenByIntake(kD, "430104", cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, -30);
  Help(kYueluWorker, d, cw::HELP_KIND_LOAN, 2, cw::HELP_OUTCOME_PENDING, 5000);
  {
    cw::ConfirmRelapseRequest request;
    request.set_name(d);
    *request.mutable_relapse_date() = DaysFromToday(-1);
    request.set_reason("尿检阳性，本人承认复吸");
    cw::Case relapsed;
    auto context = Casework().Context(kYueluWorker);
    grpc::Status status = Cases()->ConfirmRelapse(context.get(), request, &relapsed);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // 衡阳县, another city: a case and a tip in the period.
  const std::string far =
      OpenByIntake(kFar, "430421", cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, -20);
  Contact(kHengyangWorker, far, cw::CONTACT_KIND_HOME_VISIT, 3, true);
  FileTip(kHengyangWorker, "430421", cw::TIP_KIND_OTHER);

  // Tips: one in 芙蓉区 forwarded, confirmed and given an outcome; a cultivation tip in 岳麓区.
  const std::string tip = FileTip(kFurongWorker, "430102", cw::TIP_KIND_TRAFFICKING);
  {
    cw::Tip answer;
    cw::ForwardTipRequest forward;
    forward.set_name(tip);
    auto context = Casework().Context(kFurongPolice);
    ASSERT_TRUE(Tips()->ForwardTip(context.get(), forward, &answer).ok());
    cw::ConfirmTipRequest confirm;
    confirm.set_name(tip);
    context = Casework().Context(kFurongPolice);
    ASSERT_TRUE(Tips()->ConfirmTip(context.get(), confirm, &answer).ok());
    cw::RecordTipOutcomeRequest outcome;
    outcome.set_name(tip);
    outcome.mutable_outcome()->set_suspects_identified(2);
    outcome.mutable_outcome()->set_users_identified(1);
    outcome.mutable_outcome()->set_cases_solved(1);
    outcome.mutable_outcome()->set_prosecutions(1);
    cw::DrugSeizure* seizure = outcome.mutable_outcome()->add_seizures();
    seizure->set_substance("海洛因");
    seizure->set_milligrams(5000);
    context = Casework().Context(kFurongPolice);
    grpc::Status status = Tips()->RecordTipOutcome(context.get(), outcome, &answer);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  FileTip(kYueluWorker, "430104", cw::TIP_KIND_CULTIVATION, 30);

  // Before the transfer, C counts in 芙蓉区: under management and paired.
  ExpectCasework("430102", Parse<rep::CaseworkFigures>(R"pb(
                   cases_by_measure { measure_type: MEASURE_TYPE_NONE cases: 1 }
                   cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_REHABILITATION cases: 2 }
                   cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_RECOVERY cases: 1 }
                   cases_by_status { status: CASE_STATUS_ACTIVE cases: 3 }
                   cases_by_status { status: CASE_STATUS_LOST_CONTACT cases: 1 }
                   cases_opened: 3
                   new_users: 3
                   lost_contact: 1
                   cases_paired: 2
                   cases_paired_many_to_one: 1
                   contacts: 3
                   contacts_reached: 2
                   persons_contacted: 2
                   relief_money { currency_code: "CNY" minor_units: 30000 }
                   relief_items: 4
                   help {
                     kind: HELP_KIND_EMPLOYMENT
                     records: 1
                     achieved: 1
                     amount { currency_code: "CNY" }
                   }
                   urine_tests_due: 1
                   urine_tests_done_on_schedule: 1
                   tips_by_kind { kind: TIP_KIND_TRAFFICKING filed: 1 confirmed: 1 }
                   tip_outcomes {
                     suspects_identified: 2
                     users_identified: 1
                     cases_solved: 1
                     prosecutions: 1
                     seized_milligrams: 5000
                   }
                 )pb"));

  // C moves to 岳麓区: 芙蓉区 asks, 岳麓区 accepts; the new case is paired and visited there.
  std::string c_moved;
  {
    cw::CreateCaseTransferRequest request;
    request.mutable_case_transfer()->set_source_case(c);
    request.mutable_case_transfer()->set_to_region_code("430104");
    request.mutable_case_transfer()->set_reason("本人迁居");
    cw::CaseTransfer transfer;
    auto context = Casework().Context(kFurongWorker);
    grpc::Status status = Cases()->CreateCaseTransfer(context.get(), request, &transfer);
    ASSERT_TRUE(status.ok()) << status.error_message();
    cw::AcceptCaseTransferRequest accept;
    accept.set_name(transfer.name());
    accept.set_reason("已核实新住址");
    context = Casework().Context(kYueluWorker);
    status = Cases()->AcceptCaseTransfer(context.get(), accept, &transfer);
    ASSERT_TRUE(status.ok()) << status.error_message();
    c_moved = transfer.target_case();
  }
  Pair(kYueluWorker, c_moved, volunteers[2]);
  Contact(kYueluWorker, c_moved, cw::CONTACT_KIND_HOME_VISIT, 1, true);

  // 芙蓉区 after: C transferred out, its pairing ended; its work in 芙蓉区 stays 芙蓉区's.
  const auto furong = Parse<rep::CaseworkFigures>(R"pb(
    cases_by_measure { measure_type: MEASURE_TYPE_NONE cases: 1 }
    cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_REHABILITATION cases: 2 }
    cases_by_status { status: CASE_STATUS_ACTIVE cases: 2 }
    cases_by_status { status: CASE_STATUS_LOST_CONTACT cases: 1 }
    cases_by_status { status: CASE_STATUS_TRANSFERRED_OUT cases: 1 }
    cases_opened: 3
    new_users: 3
    lost_contact: 1
    cases_paired: 1
    cases_paired_many_to_one: 1
    contacts: 3
    contacts_reached: 2
    persons_contacted: 2
    relief_money { currency_code: "CNY" minor_units: 30000 }
    relief_items: 4
    help {
      kind: HELP_KIND_EMPLOYMENT
      records: 1
      achieved: 1
      amount { currency_code: "CNY" }
    }
    urine_tests_due: 1
    urine_tests_done_on_schedule: 1
    tips_by_kind { kind: TIP_KIND_TRAFFICKING filed: 1 confirmed: 1 }
    tip_outcomes {
      suspects_identified: 2
      users_identified: 1
      cases_solved: 1
      prosecutions: 1
      seized_milligrams: 5000
    }
  )pb");
  ExpectCasework("430102", furong);

  // 岳麓区: C arrived (an opening from outside the county, not a new user) and D.
  const auto yuelu = Parse<rep::CaseworkFigures>(R"pb(
    cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_REHABILITATION cases: 1 }
    cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_RECOVERY cases: 1 }
    cases_by_status { status: CASE_STATUS_ACTIVE cases: 1 }
    cases_by_status { status: CASE_STATUS_RELAPSED cases: 1 }
    cases_opened: 2
    new_users: 1
    relapses: 1
    cases_paired: 1
    contacts: 1
    contacts_reached: 1
    persons_contacted: 1
    relief_money { currency_code: "CNY" }
    help {
      kind: HELP_KIND_LOAN
      records: 1
      amount { currency_code: "CNY" minor_units: 500000 }
    }
    urine_tests_due: 1
    tips_by_kind { kind: TIP_KIND_CULTIVATION filed: 1 plants_reported: 30 }
    tip_outcomes {}
  )pb");
  ExpectCasework("430104", yuelu);
  // 湘江新区 holds 岳麓区: the same facts.
  ExpectCasework("Z43010001", yuelu);

  // 长沙市: each case once; C's move inside the city opens nothing new, and C is one person
  // contacted although both counties reached C.
  ExpectCasework("430100", Parse<rep::CaseworkFigures>(R"pb(
                   cases_by_measure { measure_type: MEASURE_TYPE_NONE cases: 1 }
                   cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_REHABILITATION cases: 3 }
                   cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_RECOVERY cases: 1 }
                   cases_by_status { status: CASE_STATUS_ACTIVE cases: 3 }
                   cases_by_status { status: CASE_STATUS_LOST_CONTACT cases: 1 }
                   cases_by_status { status: CASE_STATUS_RELAPSED cases: 1 }
                   cases_by_status { status: CASE_STATUS_TRANSFERRED_OUT cases: 1 }
                   cases_opened: 4
                   new_users: 4
                   lost_contact: 1
                   relapses: 1
                   cases_paired: 2
                   cases_paired_many_to_one: 1
                   contacts: 4
                   contacts_reached: 3
                   persons_contacted: 2
                   relief_money { currency_code: "CNY" minor_units: 30000 }
                   relief_items: 4
                   help {
                     kind: HELP_KIND_EMPLOYMENT
                     records: 1
                     achieved: 1
                     amount { currency_code: "CNY" }
                   }
                   help {
                     kind: HELP_KIND_LOAN
                     records: 1
                     amount { currency_code: "CNY" minor_units: 500000 }
                   }
                   urine_tests_due: 2
                   urine_tests_done_on_schedule: 1
                   tips_by_kind { kind: TIP_KIND_TRAFFICKING filed: 1 confirmed: 1 }
                   tips_by_kind { kind: TIP_KIND_CULTIVATION filed: 1 plants_reported: 30 }
                   tip_outcomes {
                     suspects_identified: 2
                     users_identified: 1
                     cases_solved: 1
                     prosecutions: 1
                     seized_milligrams: 5000
                   }
                 )pb"));

  // The city's child rows are the counties' and the special zone's own figures.
  {
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(kProvinceAdmin);
    rep::ComputeRegionFiguresRequest request = FiguresRequest("430100");
    request.set_by_child_region(true);
    rep::ComputeRegionFiguresResponse response;
    grpc::Status status = stub->ComputeRegionFigures(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    int checked = 0;
    for (const auto& child : response.by_child_region()) {
      const rep::CaseworkFigures* expected = nullptr;
      if (child.region_code() == "430102") expected = &furong;
      if (child.region_code() == "430104" || child.region_code() == "Z43010001") expected = &yuelu;
      if (expected == nullptr) {
        EXPECT_EQ(child.casework().cases_opened(), 0) << child.region_code();
        EXPECT_EQ(child.casework().cases_by_status_size(), 0) << child.region_code();
        continue;
      }
      ++checked;
      EXPECT_TRUE(
          google::protobuf::util::MessageDifferencer::Equivalent(child.casework(), *expected))
          << child.region_code() << ":\n"
          << child.casework().DebugString();
    }
    EXPECT_EQ(checked, 3);
  }

  // 衡阳市 sees its own case and tip only.
  ExpectCasework("430400", Parse<rep::CaseworkFigures>(R"pb(
                   cases_by_measure { measure_type: MEASURE_TYPE_COMMUNITY_REHABILITATION cases: 1 }
                   cases_by_status { status: CASE_STATUS_ACTIVE cases: 1 }
                   cases_opened: 1
                   new_users: 1
                   contacts: 1
                   contacts_reached: 1
                   persons_contacted: 1
                   relief_money { currency_code: "CNY" }
                   tips_by_kind { kind: TIP_KIND_OTHER filed: 1 }
                   tip_outcomes {}
                 )pb"));

  // The assistance table of 长沙市: a row per child (the special zone repeats 岳麓区) and a total
  // counting each case and person once.
  rep::ComputeAssistanceTableResponse table;
  grpc::Status status = AssistanceTable(kProvinceAdmin, "430100", &table);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::map<std::string, rep::AssistanceRow> rows;
  for (const auto& row : table.rows()) rows[row.region_code()] = row;
  ASSERT_TRUE(rows.contains("430102") && rows.contains("430104") && rows.contains("Z43010001"));
  for (const auto& [code, row] : rows) {
    if (code == "430102" || code == "430104" || code == "Z43010001") continue;
    EXPECT_EQ(row.cases(), 0) << code;
    EXPECT_EQ(row.persons_assisted(), 0) << code;
  }
  const auto furong_row = Parse<rep::AssistanceRow>(R"pb(
    region_code: "430102"
    region_display_name: "芙蓉区"
    cases: 3
    persons_assisted: 2
    visits: 2
    relief_money { currency_code: "CNY" minor_units: 30000 }
    relief_items: 4
    jobs_placed: 1
    cases_paired: 1
    cases_paired_many_to_one: 1
  )pb");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equivalent(rows["430102"], furong_row))
      << rows["430102"].DebugString();
  auto yuelu_row = Parse<rep::AssistanceRow>(R"pb(
    region_code: "430104"
    region_display_name: "岳麓区"
    cases: 2
    persons_assisted: 2
    visits: 1
    relief_money { currency_code: "CNY" }
    cases_paired: 1
  )pb");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equivalent(rows["430104"], yuelu_row))
      << rows["430104"].DebugString();
  yuelu_row.set_region_code("Z43010001");
  yuelu_row.set_region_display_name("湘江新区");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equivalent(rows["Z43010001"], yuelu_row))
      << rows["Z43010001"].DebugString();
  const auto city_total = Parse<rep::AssistanceRow>(R"pb(
    region_code: "430100"
    region_display_name: "长沙市"
    cases: 5
    persons_assisted: 3
    visits: 3
    relief_money { currency_code: "CNY" minor_units: 30000 }
    relief_items: 4
    jobs_placed: 1
    cases_paired: 2
    cases_paired_many_to_one: 1
  )pb");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equivalent(table.total(), city_total))
      << table.total().DebugString();
  bool casework_fresh = false;
  for (const auto& producer : table.freshness().producers()) {
    if (producer.producer() == "casework")
      casework_fresh = producer.last_event_time().seconds() > 0;
  }
  EXPECT_TRUE(casework_fresh);

  // A county's table has the county's streets as rows (none here) and its total.
  rep::ComputeAssistanceTableResponse county;
  ASSERT_TRUE(AssistanceTable(kFurongOfficer, "430102", &county).ok());
  EXPECT_EQ(county.rows_size(), 0);
  auto county_total = furong_row;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equivalent(county.total(), county_total))
      << county.total().DebugString();

  // Nothing personal reached the reporting schema: no name, ID number, phone or decision number.
  pqxx::connection connection(suite_->reporting().postgres_url());
  pqxx::nontransaction tx(connection);
  std::vector<std::string> secrets;
  for (const Person* person :
       {&kA, &kB, &kC, &kD, &kOld, &kFar, &kVolunteers[0], &kVolunteers[1], &kVolunteers[2]}) {
    secrets.insert(secrets.end(), {person->name, person->id_number, person->phone});
    if (*person->decision_number != '\0') secrets.push_back(person->decision_number);
    secrets.push_back(std::string(person->phone).substr(3));  // without +86
  }
  int tables = 0;
  int hits = 0;
  for (const pqxx::row& table_row :
       tx.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = "
               "'reporting'")) {
    ++tables;
    const std::string name = table_row[0].as<std::string>();
    for (const pqxx::row& row : tx.exec("SELECT t::text FROM reporting." + name + " t")) {
      const std::string text = row[0].as<std::string>();
      for (const std::string& secret : secrets) {
        if (text.find(secret) != std::string::npos) {
          ++hits;
          ADD_FAILURE() << "reporting." << name << " holds " << secret;
        }
      }
    }
  }
  EXPECT_GT(tables, 8);
  EXPECT_EQ(hits, 0);

  ExpectReplayRebuildsTheFigures({"430102", "430104", "Z43010001", "430100", "430400"});
}

TEST_F(ReportingCaseworkTest, AssistanceTableChecksTheCallerRegionAndPeriod) {
  rep::ComputeAssistanceTableResponse response;
  grpc::Status status = AssistanceTable(kFurongOfficer, "430100", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  status = AssistanceTable(kFurongWorker, "430102", &response);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  status = AssistanceTable(kProvinceAdmin, "439999", &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"region_code=REFERENCE_NOT_FOUND"});

  rep::ComputeAssistanceTableRequest no_period;
  no_period.set_region_code("430102");
  auto stub = ReportingService::NewStub(suite_->reporting().Channel());
  auto context = suite_->reporting().Context(kProvinceAdmin);
  status = stub->ComputeAssistanceTable(context.get(), no_period, &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"period=FIELD_REQUIRED"});
}

}  // namespace
}  // namespace jindu::testing

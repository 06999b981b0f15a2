// The follow-up work on a case, black-box over real PostgreSQL and Kafka with the registration
// service beside it: contacts that reset the contact-overdue clock (the casework service runs with
// a 5-day limit here) and carry relief, urine tests that follow a schedule per measure, go overdue
// and flag a suspected relapse for a person's decision, and help records with their amounts. Every
// unhappy path answers with its reason and the fields it names; another county's records look like
// missing ones. Afterwards, the notes, results, substances and relief descriptions written are
// searched for in the database's raw columns, in every Kafka payload and in the service log.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <set>

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
namespace ev = casework::events::v1;

const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kFurongPolice{
    .subject = "furong-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kTianxinWorker{
    .subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kPoliceSystem{.subject = "gongan-system", .roles = {"system_caller"}};

constexpr int kContactOverdueDays = 5;  // JINDU_CONTACT_OVERDUE_DAYS of this suite

// Synthetic people (check characters correct; 430102 芙蓉区, 430103 天心区).
struct Person {
  const char* name;
  const char* id_number;
};
const Person kWang{"王建国", "43010219800101002X"};
const Person kZhao{"赵晓梅", "430102197506150031"};
const Person kQian{"钱多多", "430103198808080041"};
const Person kSun{"孙悟能", "430102199202020050"};
const Person kLi{"李素芬", "430103199909090067"};
const Person kZhou{"周大伟", "430102197003030070"};
const Person kHe{"何必", "430124198505050082"};

// What must never leave the sealed columns: notes, relief descriptions, substances.
const char kContactNotes[] = "谈心：其兄在广州务工，近期情绪低落";
const char kCorrectedNotes[] = "更正：情绪稳定，已找到临时工作";
const char kReliefDescription[] = "大米两袋、食用油一桶";
const char kSubstance[] = "甲基苯丙胺";
const char kSecondSubstance[] = "氯胺酮";
const char kHelpNotes[] = "贷款用于开设早餐店，担保人为其舅父";

constexpr char kTownships[] =
    "code,name,level,parent,valid_from,valid_to\n"
    "430102001,文艺路街道,township,430102,2000-01-01,\n"
    "430102001001,识字岭社区,village,430102001,2000-01-01,\n"
    "430103001,坡子街街道,township,430103,2000-01-01,\n";

bool SameDay(const google::type::Date& a, const google::type::Date& b) {
  return a.year() == b.year() && a.month() == b.month() && a.day() == b.day();
}

// Now minus whole days: the same wall-clock time `days` calendar days ago in Asia/Shanghai.
google::protobuf::Timestamp DaysAgo(int days) {
  const auto now = std::chrono::system_clock::now() - std::chrono::hours(24 * days);
  google::protobuf::Timestamp time;
  time.set_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  return time;
}

cw::MeasureDecision Decision(const Person& person, const std::string& number,
                             const std::string& region, cw::MeasureType type, int start_offset) {
  cw::MeasureDecision decision;
  decision.set_decision_number(number);
  decision.set_issuing_authority("长沙市公安局芙蓉分局");
  decision.set_measure_type(type);
  *decision.mutable_decision_date() = DaysFromToday(start_offset - 5);
  *decision.mutable_start_date() = DaysFromToday(start_offset);
  *decision.mutable_end_date() = DaysFromToday(start_offset + 3 * 365);
  decision.mutable_person()->set_full_name(person.name);
  decision.mutable_person()->set_national_id_number(person.id_number);
  decision.set_residence_region_code(region);
  return decision;
}

cw::Contact NewContact(int days_ago, bool reached) {
  cw::Contact contact;
  contact.set_kind(cw::CONTACT_KIND_HOME_VISIT);
  *contact.mutable_contact_time() = DaysAgo(days_ago);
  contact.set_reached(reached);
  contact.add_participant_subjects("furong-worker");
  return contact;
}

common::v1::Money Yuan(int64_t yuan) {
  common::v1::Money money;
  money.set_currency_code("CNY");
  money.set_minor_units(yuan * 100);
  return money;
}

bool Has(const std::vector<std::string>& values, const std::string& expected) {
  return std::find(values.begin(), values.end(), expected) != values.end();
}

class CaseworkFollowupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ =
        CaseworkSuite::Start("casework_followup", kTownships, "430103001",
                             {{"JINDU_CONTACT_OVERDUE_DAYS", std::to_string(kContactOverdueDays)}})
            .release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  static ServiceProcess& Casework() { return suite_->casework(); }
  std::unique_ptr<CaseworkService::Stub> Stub() {
    return CaseworkService::NewStub(Casework().Channel());
  }

  // A case opened by a measure decision that started `start_offset` days from today.
  std::string OpenByIntake(const Person& person, const std::string& number,
                           const std::string& region, cw::MeasureType type, int start_offset) {
    cw::IngestMeasureDecisionsRequest request;
    *request.add_decisions() = Decision(person, number, region, type, start_offset);
    cw::IngestMeasureDecisionsResponse response;
    auto context = Casework().Context(kPoliceSystem);
    grpc::Status status = Stub()->IngestMeasureDecisions(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED);
    return response.results(0).affected_case();
  }

  // A case of a known user under no measure, opened by hand today.
  std::string OpenByHand(const TestCaller& caller, const Person& person,
                         const std::string& region) {
    cw::CreateCaseRequest request;
    request.mutable_case_()->mutable_personal_details()->set_full_name(person.name);
    request.mutable_case_()->mutable_personal_details()->set_national_id_number(person.id_number);
    request.mutable_case_()->set_residence_region_code(region);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = Casework().Context(caller);
    grpc::Status status = Stub()->CreateCase(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  cw::Case GetCase(const TestCaller& caller, const std::string& name) {
    cw::GetCaseRequest request;
    request.set_name(name);
    cw::Case got;
    auto context = Casework().Context(caller);
    grpc::Status status = Stub()->GetCase(context.get(), request, &got);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return got;
  }

  void CloseCase(const std::string& name) {
    cw::CloseCaseRequest request;
    request.set_name(name);
    request.set_close_reason(cw::CLOSE_REASON_OTHER);
    *request.mutable_close_date() = DaysFromToday(0);
    request.set_reason("迁往外省");
    cw::Case closed;
    auto context = Casework().Context(kFurongWorker);
    grpc::Status status = Stub()->CloseCase(context.get(), request, &closed);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status CreateContact(const TestCaller& caller, const std::string& parent,
                             const cw::Contact& contact, cw::Contact* created,
                             const std::string& request_id = "") {
    cw::CreateContactRequest request;
    request.set_parent(parent);
    *request.mutable_contact() = contact;
    request.set_request_id(request_id);
    auto context = Casework().Context(caller);
    return Stub()->CreateContact(context.get(), request, created);
  }

  grpc::Status GetContact(const TestCaller& caller, const std::string& name, cw::Contact* got,
                          bool full = false) {
    cw::GetContactRequest request;
    request.set_name(name);
    if (full) {
      request.set_view(cw::CASE_VIEW_FULL);
      request.set_access_purpose("走访记录复核");
    }
    auto context = Casework().Context(caller);
    return Stub()->GetContact(context.get(), request, got);
  }

  // Every page of a contact list.
  std::vector<cw::Contact> ListContacts(const TestCaller& caller, cw::ListContactsRequest request,
                                        grpc::Status* status = nullptr) {
    std::vector<cw::Contact> contacts;
    for (int page = 0; page < 50; ++page) {
      cw::ListContactsResponse response;
      auto context = Casework().Context(caller);
      grpc::Status result = Stub()->ListContacts(context.get(), request, &response);
      if (status != nullptr) *status = result;
      if (!result.ok()) break;
      contacts.insert(contacts.end(), response.contacts().begin(), response.contacts().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return contacts;
  }

  grpc::Status RecordTest(const TestCaller& caller, const std::string& parent,
                          const std::string& scheduled, cw::UrineTestResult result,
                          const google::type::Date& test_date, cw::UrineTest* recorded,
                          const std::vector<std::string>& substances = {},
                          const std::string& request_id = "") {
    cw::RecordUrineTestRequest request;
    request.set_parent(parent);
    request.set_scheduled_test(scheduled);
    request.set_result(result);
    *request.mutable_test_date() = test_date;
    for (const std::string& substance : substances) request.add_detected_substances(substance);
    request.set_request_id(request_id);
    auto context = Casework().Context(caller);
    return Stub()->RecordUrineTest(context.get(), request, recorded);
  }

  std::vector<cw::UrineTest> ListTests(const TestCaller& caller, const std::string& parent,
                                       std::vector<cw::UrineTestState> states = {},
                                       grpc::Status* status = nullptr) {
    cw::ListUrineTestsRequest request;
    request.set_parent(parent);
    for (cw::UrineTestState state : states) request.add_states(state);
    request.set_page_size(2);  // pages through, so the cursor is exercised
    std::vector<cw::UrineTest> tests;
    for (int page = 0; page < 100; ++page) {
      cw::ListUrineTestsResponse response;
      auto context = Casework().Context(caller);
      grpc::Status result = Stub()->ListUrineTests(context.get(), request, &response);
      if (status != nullptr) *status = result;
      EXPECT_TRUE(status != nullptr || result.ok()) << result.error_message();
      if (!result.ok()) break;
      tests.insert(tests.end(), response.urine_tests().begin(), response.urine_tests().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return tests;
  }

  grpc::Status CreateHelp(const TestCaller& caller, const std::string& parent,
                          const cw::HelpRecord& help, cw::HelpRecord* created) {
    cw::CreateHelpRecordRequest request;
    request.set_parent(parent);
    *request.mutable_help_record() = help;
    auto context = Casework().Context(caller);
    return Stub()->CreateHelpRecord(context.get(), request, created);
  }

  cw::WorkListSummary Summary(const TestCaller& caller) {
    cw::GetWorkListSummaryRequest request;
    cw::WorkListSummary summary;
    auto context = Casework().Context(caller);
    grpc::Status status = Stub()->GetWorkListSummary(context.get(), request, &summary);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return summary;
  }

  std::set<std::string> ListCaseNames(const TestCaller& caller, cw::ListCasesRequest request) {
    std::set<std::string> names;
    request.set_page_size(1000);
    cw::ListCasesResponse response;
    auto context = Casework().Context(caller);
    grpc::Status status = Stub()->ListCases(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& listed : response.cases()) names.insert(listed.name());
    return names;
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

CaseworkSuite* CaseworkFollowupTest::suite_ = nullptr;

// ---------------------------------------------------------------------------------------------
// Contacts

TEST_F(CaseworkFollowupTest, ReachedContactsResetTheOverdueClockAndNeverMoveItBack) {
  // Opened 20 days ago, never reached: overdue with a 5-day limit.
  const std::string wang = OpenByIntake(kWang, "湘长公(芙)戒决字[2026]第1001号", "430102001001",
                                        cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, -20);
  ASSERT_FALSE(wang.empty());
  EXPECT_TRUE(GetCase(kFurongWorker, wang).flags().contact_overdue());
  cw::ListCasesRequest overdue_list;
  overdue_list.set_contact_overdue(true);
  EXPECT_TRUE(ListCaseNames(kFurongWorker, overdue_list).contains(wang));
  const int overdue_before = Summary(kFurongWorker).contact_overdue();
  EXPECT_GE(overdue_before, 1);

  // Reached 10 days ago: the clock restarts there, still beyond 5 days.
  cw::Contact old_visit;
  ASSERT_TRUE(CreateContact(kFurongWorker, wang, NewContact(10, true), &old_visit).ok());
  EXPECT_TRUE(old_visit.name().starts_with(wang + "/contacts/"));
  cw::Case got = GetCase(kFurongWorker, wang);
  EXPECT_TRUE(SameDay(got.last_reached_contact_date(), DaysFromToday(-10)));
  EXPECT_TRUE(got.flags().contact_overdue());
  EXPECT_EQ(Summary(kFurongWorker).contact_overdue(), overdue_before);

  // Today, but not reached (nobody home): nothing changes.
  cw::Contact unreached;
  ASSERT_TRUE(CreateContact(kFurongWorker, wang, NewContact(0, false), &unreached).ok());
  EXPECT_TRUE(
      SameDay(GetCase(kFurongWorker, wang).last_reached_contact_date(), DaysFromToday(-10)));

  // Reached 2 days ago, with relief: the flag clears, in the case, the list and the counts.
  cw::Contact relief_visit = NewContact(2, true);
  relief_visit.set_kind(cw::CONTACT_KIND_RELIEF_VISIT);
  relief_visit.set_notes(kContactNotes);
  *relief_visit.mutable_relief_money() = Yuan(500);
  relief_visit.set_relief_items(2);
  relief_visit.set_relief_items_description(kReliefDescription);
  relief_visit.add_participant_volunteers("volunteers/vol0000000000000000001");
  cw::Contact relief;
  grpc::Status status = CreateContact(kFurongWorker, wang, relief_visit, &relief);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(relief.notes().empty());  // the create answers the basic view
  EXPECT_EQ(relief.relief_money().minor_units(), 50000);
  EXPECT_EQ(relief.relief_money().currency_code(), "CNY");
  EXPECT_EQ(relief.relief_items_description(), kReliefDescription);
  EXPECT_EQ(relief.audit().etag(), "1");
  EXPECT_EQ(relief.audit().create_subject(), "furong-worker");
  got = GetCase(kFurongWorker, wang);
  EXPECT_TRUE(SameDay(got.last_reached_contact_date(), DaysFromToday(-2)));
  EXPECT_FALSE(got.flags().contact_overdue());
  EXPECT_FALSE(ListCaseNames(kFurongWorker, overdue_list).contains(wang));
  EXPECT_EQ(Summary(kFurongWorker).contact_overdue(), overdue_before - 1);

  // Correcting that contact to an older day does not move the clock back.
  const google::protobuf::Timestamp month_ago = DaysAgo(30);
  cw::UpdateContactRequest update;
  update.mutable_contact()->set_name(relief.name());
  *update.mutable_contact()->mutable_contact_time() = month_ago;
  update.mutable_contact()->set_notes(kCorrectedNotes);
  update.mutable_update_mask()->add_paths("contact_time");
  update.mutable_update_mask()->add_paths("notes");
  update.set_etag("1");
  cw::Contact corrected;
  auto context = Casework().Context(kFurongWorker);
  status = Stub()->UpdateContact(context.get(), update, &corrected);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(corrected.audit().etag(), "2");
  EXPECT_EQ(corrected.contact_time().seconds(), month_ago.seconds());
  EXPECT_EQ(corrected.relief_money().minor_units(), 50000);  // not in the mask: unchanged
  got = GetCase(kFurongWorker, wang);
  EXPECT_TRUE(SameDay(got.last_reached_contact_date(), DaysFromToday(-2)));
  EXPECT_FALSE(got.flags().contact_overdue());
  // The same etag again is stale.
  context = Casework().Context(kFurongWorker);
  status = Stub()->UpdateContact(context.get(), update, &corrected);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");

  // The case's list: newest first, notes empty, relief summed.
  cw::ListContactsRequest list;
  list.set_parent(wang);
  list.set_page_size(1);
  std::vector<cw::Contact> contacts = ListContacts(kFurongOfficer, list);
  ASSERT_EQ(contacts.size(), 3u);
  EXPECT_EQ(contacts[0].name(), unreached.name());
  EXPECT_EQ(contacts[1].name(), old_visit.name());
  EXPECT_EQ(contacts[2].name(), relief.name());  // corrected to 30 days ago
  int64_t relief_fen = 0;
  for (const cw::Contact& contact : contacts) {
    EXPECT_TRUE(contact.notes().empty());
    relief_fen += contact.relief_money().minor_units();
  }
  EXPECT_EQ(relief_fen, 50000);
  // Filters: only reached contacts, only the last week.
  list.set_reached(true);
  EXPECT_EQ(ListContacts(kFurongOfficer, list).size(), 2u);
  list.clear_reached();
  *list.mutable_date_range()->mutable_start_date() = DaysFromToday(-7);
  *list.mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  contacts = ListContacts(kFurongOfficer, list);
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].name(), unreached.name());
}

TEST_F(CaseworkFollowupTest, ContactNotesAreReadOnlyInTheAuditedFullView) {
  const std::string zhou = OpenByHand(kFurongWorker, kZhou, "430102001");
  cw::Contact contact = NewContact(1, true);
  contact.set_notes(kContactNotes);
  cw::Contact created;
  ASSERT_TRUE(CreateContact(kFurongWorker, zhou, contact, &created).ok());

  cw::Contact got;
  ASSERT_TRUE(GetContact(kFurongOfficer, created.name(), &got).ok());
  EXPECT_TRUE(got.notes().empty());
  EXPECT_TRUE(got.reached());

  const int64_t audited = AuditEntries("resource = '" + created.name() + "'");
  grpc::Status status = GetContact(kFurongPolice, created.name(), &got, /*full=*/true);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.notes(), kContactNotes);
  EXPECT_EQ(AuditEntries("resource = '" + created.name() + "'"), audited + 1);
  const pqxx::result entry = Query(
      "SELECT subject, fields, purpose, denied FROM casework.access_audit_entries WHERE "
      "resource = '" +
      created.name() + "' ORDER BY sequence DESC LIMIT 1");
  EXPECT_EQ(entry[0][0].as<std::string>(), "furong-police");
  EXPECT_EQ(entry[0][1].as<std::string>(), "notes");
  EXPECT_EQ(entry[0][2].as<std::string>(), "走访记录复核");
  EXPECT_FALSE(entry[0][3].as<bool>());

  // Officers read figures, not notes; a full view needs a purpose.
  status = GetContact(kFurongOfficer, created.name(), &got, /*full=*/true);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "PERSONAL_DATA_ACCESS_DENIED");
  cw::GetContactRequest no_purpose;
  no_purpose.set_name(created.name());
  no_purpose.set_view(cw::CASE_VIEW_FULL);
  auto context = Casework().Context(kFurongWorker);
  status = Stub()->GetContact(context.get(), no_purpose, &got);
  EXPECT_EQ(ErrorReasonOf(status), "ACCESS_PURPOSE_REQUIRED");
  EXPECT_EQ(AuditEntries("resource = '" + created.name() + "'"), audited + 1);

  // Another county cannot tell the contact from a missing one; the attempt is audited.
  const std::string missing = zhou + "/contacts/doesnotexist00000000";
  grpc::Status foreign = GetContact(kTianxinWorker, created.name(), &got, /*full=*/true);
  grpc::Status absent = GetContact(kTianxinWorker, missing, &got, /*full=*/true);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(foreign), "RESOURCE_NOT_FOUND");
  EXPECT_EQ(absent.error_code(), grpc::StatusCode::NOT_FOUND);
  std::string foreign_message = foreign.error_message();
  foreign_message.replace(foreign_message.find(created.name()), created.name().size(), missing);
  EXPECT_EQ(foreign_message, absent.error_message());
  EXPECT_EQ(AuditEntries("denied AND resource = '" + created.name() +
                         "' AND subject = "
                         "'tianxin-worker'"),
            1);
  cw::ListContactsRequest list;
  list.set_parent(zhou);
  grpc::Status list_status;
  ListContacts(kTianxinOfficer, list, &list_status);
  EXPECT_EQ(list_status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(CaseworkFollowupTest, ContactListsOfEveryCaseStayInTheCallersCounty) {
  const std::string qian = OpenByHand(kTianxinWorker, kQian, "430103001");
  cw::Contact tianxin_contact;
  ASSERT_TRUE(CreateContact(kTianxinWorker, qian, NewContact(3, true), &tianxin_contact).ok());
  const std::string he = OpenByHand(kFurongWorker, kHe, "430102");
  cw::Contact furong_contact;
  ASSERT_TRUE(CreateContact(kFurongWorker, he, NewContact(3, true), &furong_contact).ok());

  cw::ListContactsRequest every;
  every.set_parent("cases/-");
  every.set_page_size(2);
  std::set<std::string> seen;
  for (const cw::Contact& contact : ListContacts(kFurongOfficer, every)) {
    EXPECT_TRUE(seen.insert(contact.name()).second) << "listed twice: " << contact.name();
    // Every one belongs to a case the officer can read.
    const std::string case_name = contact.name().substr(0, contact.name().find("/contacts/"));
    cw::GetCaseRequest request;
    request.set_name(case_name);
    cw::Case got;
    auto context = Casework().Context(kFurongOfficer);
    EXPECT_TRUE(Stub()->GetCase(context.get(), request, &got).ok()) << case_name;
    EXPECT_TRUE(got.residence_region_code().starts_with("430102"));
  }
  EXPECT_TRUE(seen.contains(furong_contact.name()));
  EXPECT_FALSE(seen.contains(tianxin_contact.name()));

  std::set<std::string> tianxin;
  for (const cw::Contact& contact : ListContacts(kTianxinOfficer, every)) {
    tianxin.insert(contact.name());
  }
  EXPECT_TRUE(tianxin.contains(tianxin_contact.name()));
  EXPECT_FALSE(tianxin.contains(furong_contact.name()));
}

TEST_F(CaseworkFollowupTest, ContactWritesRefuseBadFieldsWrongRolesOtherCountiesAndClosedCases) {
  const std::string sun = OpenByHand(kFurongWorker, kSun, "430102001");
  cw::Contact bad;
  *bad.mutable_contact_time() = DaysAgo(-2);  // the day after tomorrow
  bad.mutable_relief_money()->set_currency_code("USD");
  bad.mutable_relief_money()->set_minor_units(-100);
  bad.set_relief_items(-1);
  bad.add_participant_subjects("furong-worker");
  bad.add_participant_subjects("furong-worker");
  bad.add_participant_volunteers("organizations/abc");
  bad.set_notes(std::string(4001, 'x'));
  bad.set_relief_items_description(std::string(201, 'y'));
  cw::Contact created;
  grpc::Status status = CreateContact(kFurongWorker, sun, bad, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto violations = FieldViolationsOf(status);
  EXPECT_TRUE(Has(violations, "contact.kind=FIELD_REQUIRED"));
  EXPECT_TRUE(Has(violations, "contact.contact_time=DATE_IN_FUTURE"));
  EXPECT_TRUE(Has(violations, "contact.relief_money.currency_code=VALUE_NOT_ALLOWED"));
  EXPECT_TRUE(Has(violations, "contact.relief_money.minor_units=FIELD_OUT_OF_RANGE"));
  EXPECT_TRUE(Has(violations, "contact.relief_items=FIELD_OUT_OF_RANGE"));
  EXPECT_TRUE(Has(violations, "contact.participant_subjects[1]=DUPLICATE_IN_REQUEST"));
  EXPECT_TRUE(Has(violations, "contact.participant_volunteers[0]=FIELD_MALFORMED"));
  EXPECT_TRUE(Has(violations, "contact.notes=FIELD_TOO_LONG"));
  EXPECT_TRUE(Has(violations, "contact.relief_items_description=FIELD_TOO_LONG"));
  EXPECT_EQ(status.error_message().find("xxxx"), std::string::npos);
  cw::Contact no_time = NewContact(0, true);
  no_time.clear_contact_time();
  EXPECT_EQ(FieldViolationsOf(CreateContact(kFurongWorker, sun, no_time, &created)),
            std::vector<std::string>{"contact.contact_time=FIELD_REQUIRED"});
  EXPECT_EQ(
      FieldViolationsOf(CreateContact(kFurongWorker, "cases/-", NewContact(0, true), &created)),
      std::vector<std::string>{"parent=FIELD_MALFORMED"});
  EXPECT_EQ(FieldViolationsOf(CreateContact(kFurongWorker, "", NewContact(0, true), &created)),
            std::vector<std::string>{"parent=FIELD_REQUIRED"});

  // Contacts are the caseworker's log.
  for (const TestCaller& caller : {kFurongPolice, kFurongOfficer, kStaff}) {
    status = CreateContact(caller, sun, NewContact(0, true), &created);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller.subject;
    EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  }
  // Another county's case is a missing one; nothing is written.
  status = CreateContact(kTianxinWorker, sun, NewContact(0, true), &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      Query("SELECT count(*) FROM casework.contacts WHERE case_id = '" + sun.substr(6) + "'")[0][0]
          .as<int>(),
      0);

  // Idempotent by request id; the same id with other content conflicts.
  const std::string request_id = "0f8e2b9a-3c41-4d7e-9a55-7b1c2d3e4f50";
  cw::Contact first, again;
  ASSERT_TRUE(CreateContact(kFurongWorker, sun, NewContact(1, true), &first, request_id).ok());
  // The same request a moment later carries the same contact_time only if resent as is.
  cw::CreateContactRequest resend;
  resend.set_parent(sun);
  resend.set_request_id(request_id);
  *resend.mutable_contact() = NewContact(1, true);
  resend.mutable_contact()->mutable_contact_time()->set_seconds(first.contact_time().seconds());
  auto context = Casework().Context(kFurongWorker);
  status = Stub()->CreateContact(context.get(), resend, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.name(), first.name());
  resend.mutable_contact()->set_reached(false);
  context = Casework().Context(kFurongWorker);
  status = Stub()->CreateContact(context.get(), resend, &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "DUPLICATE_REQUEST_ID_CONFLICT");
  EXPECT_EQ(
      Query("SELECT count(*) FROM casework.contacts WHERE case_id = '" + sun.substr(6) + "'")[0][0]
          .as<int>(),
      1);

  // Update masks name every wrong path.
  cw::UpdateContactRequest update;
  update.mutable_contact()->set_name(first.name());
  cw::Contact updated;
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->UpdateContact(context.get(), update, &updated)),
            std::vector<std::string>{"update_mask=FIELD_REQUIRED"});
  update.mutable_update_mask()->add_paths("name");
  update.mutable_update_mask()->add_paths("audit");
  update.mutable_update_mask()->add_paths("mood");
  update.mutable_update_mask()->add_paths("kind");
  context = Casework().Context(kFurongWorker);
  const auto mask_violations =
      FieldViolationsOf(Stub()->UpdateContact(context.get(), update, &updated));
  EXPECT_TRUE(Has(mask_violations, "update_mask=FIELD_IMMUTABLE"));
  EXPECT_TRUE(Has(mask_violations, "update_mask=FIELD_OUTPUT_ONLY"));
  EXPECT_TRUE(Has(mask_violations, "update_mask=UNKNOWN_FIELD_PATH"));
  EXPECT_TRUE(Has(mask_violations, "contact.kind=FIELD_REQUIRED"));
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("reached");
  context = Casework().Context(kFurongPolice);
  EXPECT_EQ(ErrorReasonOf(Stub()->UpdateContact(context.get(), update, &updated)),
            "ROLE_NOT_GRANTED");
  context = Casework().Context(kTianxinWorker);
  EXPECT_EQ(Stub()->UpdateContact(context.get(), update, &updated).error_code(),
            grpc::StatusCode::NOT_FOUND);
  update.mutable_contact()->set_name(sun + "/contacts/doesnotexist00000000");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(Stub()->UpdateContact(context.get(), update, &updated).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Lists: a forged token, an empty date range and a negative page size are refused.
  cw::ListContactsRequest list;
  list.set_parent(sun);
  list.set_page_token("forged");
  cw::ListContactsResponse listed;
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListContacts(context.get(), list, &listed)),
            "INVALID_PAGE_TOKEN");
  list.clear_page_token();
  *list.mutable_date_range()->mutable_start_date() = DaysFromToday(0);
  *list.mutable_date_range()->mutable_end_date() = DaysFromToday(0);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->ListContacts(context.get(), list, &listed)),
            std::vector<std::string>{"date_range.end_date=END_BEFORE_START"});
  list.clear_date_range();
  list.set_page_size(-1);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(Stub()->ListContacts(context.get(), list, &listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  list.set_page_size(0);
  list.set_parent("cases");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->ListContacts(context.get(), list, &listed)),
            std::vector<std::string>{"parent=FIELD_MALFORMED"});
  context = Casework().Context(kStaff);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListContacts(context.get(), list, &listed)), "ROLE_NOT_GRANTED");

  // A closed case takes no more contacts, and its contacts are no longer corrected.
  CloseCase(sun);
  status = CreateContact(kFurongWorker, sun, NewContact(0, true), &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  update.mutable_contact()->set_name(first.name());
  context = Casework().Context(kFurongWorker);
  status = Stub()->UpdateContact(context.get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // Its history stays readable.
  ASSERT_TRUE(GetContact(kFurongWorker, first.name(), &updated).ok());
}

// ---------------------------------------------------------------------------------------------
// Urine tests

TEST_F(CaseworkFollowupTest, UrineTestsFollowTheScheduleGoOverdueAndFlagSuspectedRelapse) {
  // Under community rehabilitation for 100 days, never tested: the first test (start + 30 days)
  // is 70 days overdue.
  const std::string zhao = OpenByIntake(kZhao, "湘长公(芙)戒决字[2026]第2001号", "430102001",
                                        cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, -100);
  std::vector<cw::UrineTest> tests = ListTests(kFurongOfficer, zhao);
  ASSERT_EQ(tests.size(), 1u);
  const cw::UrineTest first = tests[0];
  EXPECT_EQ(first.state(), cw::URINE_TEST_STATE_OVERDUE);
  EXPECT_TRUE(SameDay(first.due_date(), DaysFromToday(-70)));
  EXPECT_EQ(first.result(), cw::URINE_TEST_RESULT_UNSPECIFIED);
  cw::Case got = GetCase(kFurongWorker, zhao);
  EXPECT_TRUE(SameDay(got.next_urine_test_due_date(), DaysFromToday(-70)));
  EXPECT_TRUE(got.flags().urine_test_overdue());
  cw::ListCasesRequest overdue_cases;
  overdue_cases.set_urine_test_overdue(true);
  EXPECT_TRUE(ListCaseNames(kFurongOfficer, overdue_cases).contains(zhao));
  const int overdue_before = Summary(kFurongOfficer).urine_test_overdue();
  EXPECT_GE(overdue_before, 1);

  // The county's overdue work list has it; the other county's does not.
  auto names = [](const std::vector<cw::UrineTest>& list) {
    std::set<std::string> result;
    for (const cw::UrineTest& test : list) result.insert(test.name());
    return result;
  };
  const std::vector<cw::UrineTest> overdue_list =
      ListTests(kFurongWorker, "cases/-", {cw::URINE_TEST_STATE_OVERDUE});
  EXPECT_TRUE(names(overdue_list).contains(first.name()));
  for (const cw::UrineTest& test : overdue_list) {
    EXPECT_EQ(test.state(), cw::URINE_TEST_STATE_OVERDUE);
  }
  EXPECT_FALSE(names(ListTests(kTianxinOfficer, "cases/-", {cw::URINE_TEST_STATE_OVERDUE}))
                   .contains(first.name()));

  // The police liaison records it late, negative: not on schedule; the next is due 30 days after
  // the sample, and the case is no longer overdue.
  cw::UrineTest recorded;
  grpc::Status status = RecordTest(kFurongPolice, zhao, first.name(),
                                   cw::URINE_TEST_RESULT_NEGATIVE, DaysFromToday(-1), &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(recorded.name(), first.name());
  EXPECT_EQ(recorded.state(), cw::URINE_TEST_STATE_RECORDED);
  EXPECT_FALSE(recorded.done_on_schedule());
  EXPECT_EQ(recorded.tester_subject(), "furong-police");
  EXPECT_EQ(recorded.result(), cw::URINE_TEST_RESULT_UNSPECIFIED);  // basic view
  got = GetCase(kFurongWorker, zhao);
  EXPECT_TRUE(SameDay(got.next_urine_test_due_date(), DaysFromToday(29)));
  EXPECT_FALSE(got.flags().urine_test_overdue());
  EXPECT_FALSE(got.flags().suspected_relapse());
  EXPECT_FALSE(ListCaseNames(kFurongOfficer, overdue_cases).contains(zhao));
  EXPECT_EQ(Summary(kFurongOfficer).urine_test_overdue(), overdue_before - 1);
  tests = ListTests(kFurongOfficer, zhao, {cw::URINE_TEST_STATE_SCHEDULED});
  ASSERT_EQ(tests.size(), 1u);
  const cw::UrineTest second = tests[0];
  EXPECT_TRUE(SameDay(second.due_date(), DaysFromToday(29)));

  // A fulfilled test cannot be fulfilled again.
  status = RecordTest(kFurongWorker, zhao, first.name(), cw::URINE_TEST_RESULT_NEGATIVE,
                      DaysFromToday(0), &recorded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");

  // An ad-hoc positive test: suspected relapse for a person's decision, the schedule unchanged.
  cw::UrineTest positive;
  status = RecordTest(kFurongWorker, zhao, "", cw::URINE_TEST_RESULT_POSITIVE, DaysFromToday(0),
                      &positive, {kSubstance, kSecondSubstance});
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(positive.has_due_date());
  EXPECT_FALSE(positive.done_on_schedule());
  EXPECT_EQ(positive.detected_substances_size(), 0);
  got = GetCase(kFurongWorker, zhao);
  EXPECT_TRUE(got.flags().suspected_relapse());
  EXPECT_EQ(got.status(), cw::CASE_STATUS_ACTIVE);  // never changed by a test
  EXPECT_TRUE(SameDay(got.next_urine_test_due_date(), DaysFromToday(29)));
  EXPECT_FALSE(GetCase(kFurongOfficer, zhao).flags().suspected_relapse());  // personal data
  cw::ListCasesRequest suspected;
  suspected.set_suspected_relapse(true);
  EXPECT_TRUE(ListCaseNames(kFurongWorker, suspected).contains(zhao));

  // The result is read only in the audited full view.
  cw::GetUrineTestRequest get;
  get.set_name(positive.name());
  cw::UrineTest read;
  auto context = Casework().Context(kFurongOfficer);
  ASSERT_TRUE(Stub()->GetUrineTest(context.get(), get, &read).ok());
  EXPECT_EQ(read.result(), cw::URINE_TEST_RESULT_UNSPECIFIED);
  EXPECT_EQ(read.state(), cw::URINE_TEST_STATE_RECORDED);
  get.set_view(cw::CASE_VIEW_FULL);
  context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->GetUrineTest(context.get(), get, &read)),
            "PERSONAL_DATA_ACCESS_DENIED");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->GetUrineTest(context.get(), get, &read)),
            "ACCESS_PURPOSE_REQUIRED");
  get.set_access_purpose("复吸研判");
  context = Casework().Context(kFurongWorker);
  status = Stub()->GetUrineTest(context.get(), get, &read);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(read.result(), cw::URINE_TEST_RESULT_POSITIVE);
  ASSERT_EQ(read.detected_substances_size(), 2);
  EXPECT_EQ(read.detected_substances(0), kSubstance);
  EXPECT_EQ(read.detected_substances(1), kSecondSubstance);
  const pqxx::result entry =
      Query("SELECT fields, purpose FROM casework.access_audit_entries WHERE resource = '" +
            positive.name() + "' AND NOT denied");
  ASSERT_EQ(entry.size(), 1u);
  EXPECT_EQ(entry[0][0].as<std::string>(), "result,detected_substances");
  EXPECT_EQ(entry[0][1].as<std::string>(), "复吸研判");

  // A person confirms the relapse: the flag clears.
  cw::ConfirmRelapseRequest confirm;
  confirm.set_name(zhao);
  *confirm.mutable_relapse_date() = DaysFromToday(0);
  confirm.set_reason("尿检阳性，本人承认");
  cw::Case confirmed;
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->ConfirmRelapse(context.get(), confirm, &confirmed).ok());
  EXPECT_EQ(confirmed.status(), cw::CASE_STATUS_RELAPSED);
  EXPECT_FALSE(confirmed.flags().suspected_relapse());
  EXPECT_FALSE(ListCaseNames(kFurongWorker, suspected).contains(zhao));

  // The scheduled test, taken early and negative, counts as done on schedule. A refusal on the
  // next one flags a suspected relapse again, which a person dismisses; the refusal took no sample,
  // so the test after it stays due where it was.
  status = RecordTest(kFurongWorker, zhao, second.name(), cw::URINE_TEST_RESULT_NEGATIVE,
                      DaysFromToday(0), &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(recorded.done_on_schedule());
  tests = ListTests(kFurongWorker, zhao, {cw::URINE_TEST_STATE_SCHEDULED});
  ASSERT_EQ(tests.size(), 1u);
  const cw::UrineTest third = tests[0];
  EXPECT_TRUE(SameDay(third.due_date(), DaysFromToday(30)));
  status = RecordTest(kFurongPolice, zhao, third.name(), cw::URINE_TEST_RESULT_REFUSED,
                      DaysFromToday(0), &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(recorded.done_on_schedule());
  EXPECT_TRUE(GetCase(kFurongWorker, zhao).flags().suspected_relapse());
  tests = ListTests(kFurongWorker, zhao, {cw::URINE_TEST_STATE_SCHEDULED});
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_NE(tests[0].name(), third.name());
  EXPECT_TRUE(SameDay(tests[0].due_date(), DaysFromToday(30)));
  cw::DismissSuspectedRelapseRequest dismiss;
  dismiss.set_name(zhao);
  dismiss.set_reason("本人因病服药，经医院证明");
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->DismissSuspectedRelapse(context.get(), dismiss, &confirmed).ok());
  EXPECT_FALSE(confirmed.flags().suspected_relapse());

  // The whole history, in order of the day each test was due or taken.
  tests = ListTests(kFurongOfficer, zhao);
  ASSERT_EQ(tests.size(), 5u);
  EXPECT_EQ(tests[0].name(), first.name());
  EXPECT_EQ(tests[1].name(), positive.name());
  std::map<cw::UrineTestState, int> states;
  for (const cw::UrineTest& test : tests) {
    ++states[test.state()];
    EXPECT_EQ(test.result(), cw::URINE_TEST_RESULT_UNSPECIFIED);
    EXPECT_EQ(test.detected_substances_size(), 0);
  }
  EXPECT_EQ(states[cw::URINE_TEST_STATE_RECORDED], 4);
  EXPECT_EQ(states[cw::URINE_TEST_STATE_SCHEDULED], 1);
}

TEST_F(CaseworkFollowupTest, ScheduleFollowsTheMeasureAndEndsWithTheCase) {
  // Community recovery: every 60 days from the start. No measure: no tests.
  const std::string li = OpenByIntake(kLi, "湘长公(天)康决字[2026]第3001号", "430103001",
                                      cw::MEASURE_TYPE_COMMUNITY_RECOVERY, -10);
  std::vector<cw::UrineTest> tests = ListTests(kTianxinOfficer, li);
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0].state(), cw::URINE_TEST_STATE_SCHEDULED);
  EXPECT_TRUE(SameDay(tests[0].due_date(), DaysFromToday(50)));
  EXPECT_TRUE(SameDay(GetCase(kTianxinOfficer, li).next_urine_test_due_date(), DaysFromToday(50)));
  cw::ListCasesRequest no_measure;
  no_measure.add_measure_types(cw::MEASURE_TYPE_NONE);
  for (const std::string& name : ListCaseNames(kFurongWorker, no_measure)) {
    EXPECT_TRUE(ListTests(kFurongWorker, name).empty()) << name;
    EXPECT_FALSE(GetCase(kFurongWorker, name).has_next_urine_test_due_date()) << name;
  }

  // A new decision puts the person in compulsory isolation: the facility tests, the scheduled
  // test is cancelled.
  cw::IngestMeasureDecisionsRequest isolation;
  *isolation.add_decisions() = Decision(kLi, "湘长公(天)强戒决字[2026]第3002号", "430103001",
                                        cw::MEASURE_TYPE_COMPULSORY_ISOLATION, 0);
  cw::IngestMeasureDecisionsResponse ingested;
  auto context = Casework().Context(kPoliceSystem);
  ASSERT_TRUE(Stub()->IngestMeasureDecisions(context.get(), isolation, &ingested).ok());
  ASSERT_EQ(ingested.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_UPDATED);
  tests = ListTests(kTianxinOfficer, li);
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_EQ(tests[0].state(), cw::URINE_TEST_STATE_CANCELLED);
  EXPECT_FALSE(GetCase(kTianxinOfficer, li).has_next_urine_test_due_date());

  // Back to community recovery: scheduled again from the new start; then the case closes and
  // the waiting test is cancelled; nothing more is recorded on it.
  cw::IngestMeasureDecisionsRequest recovery;
  *recovery.add_decisions() = Decision(kLi, "湘长公(天)康决字[2026]第3003号", "430103001",
                                       cw::MEASURE_TYPE_COMMUNITY_RECOVERY, -1);
  context = Casework().Context(kPoliceSystem);
  ASSERT_TRUE(Stub()->IngestMeasureDecisions(context.get(), recovery, &ingested).ok());
  tests = ListTests(kTianxinOfficer, li, {cw::URINE_TEST_STATE_SCHEDULED});
  ASSERT_EQ(tests.size(), 1u);
  EXPECT_TRUE(SameDay(tests[0].due_date(), DaysFromToday(59)));
  const std::string waiting = tests[0].name();

  cw::CloseCaseRequest close;
  close.set_name(li);
  close.set_close_reason(cw::CLOSE_REASON_OTHER);
  *close.mutable_close_date() = DaysFromToday(0);
  close.set_reason("迁往外省");
  cw::Case closed;
  context = Casework().Context(kTianxinWorker);
  ASSERT_TRUE(Stub()->CloseCase(context.get(), close, &closed).ok());
  EXPECT_FALSE(closed.has_next_urine_test_due_date());
  EXPECT_TRUE(ListTests(kTianxinOfficer, li, {cw::URINE_TEST_STATE_SCHEDULED}).empty());
  tests = ListTests(kTianxinOfficer, li, {cw::URINE_TEST_STATE_CANCELLED});
  EXPECT_EQ(tests.size(), 2u);
  cw::UrineTest recorded;
  grpc::Status status = RecordTest(kTianxinWorker, li, waiting, cw::URINE_TEST_RESULT_NEGATIVE,
                                   DaysFromToday(0), &recorded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");

  const pqxx::result cancelled =
      Query("SELECT count(*) FROM casework.urine_tests WHERE state = 4 AND case_id = '" +
            li.substr(6) + "'");
  EXPECT_EQ(cancelled[0][0].as<int>(), 2);
}

TEST_F(CaseworkFollowupTest, UrineTestWritesRefuseBadFieldsWrongRolesAndOtherCounties) {
  const std::string zhou_case = [&] {
    cw::LookupCasesRequest lookup;
    lookup.set_national_id_number(kZhou.id_number);
    lookup.set_access_purpose("核查");
    cw::LookupCasesResponse found;
    auto context = Casework().Context(kFurongWorker);
    EXPECT_TRUE(Stub()->LookupCases(context.get(), lookup, &found).ok());
    return found.cases_size() > 0 ? found.cases(0).name()
                                  : OpenByHand(kFurongWorker, kZhou, "430102001");
  }();
  cw::RecordUrineTestRequest request;
  request.set_parent(zhou_case);
  request.set_scheduled_test("cases/other000000000000000/urineTests/abc");
  *request.mutable_test_date() = DaysFromToday(1);
  request.add_detected_substances(kSubstance);
  cw::UrineTest recorded;
  auto context = Casework().Context(kFurongWorker);
  grpc::Status status = Stub()->RecordUrineTest(context.get(), request, &recorded);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto violations = FieldViolationsOf(status);
  EXPECT_TRUE(Has(violations, "scheduled_test=VALUE_NOT_ALLOWED"));
  EXPECT_TRUE(Has(violations, "test_date=DATE_IN_FUTURE"));
  EXPECT_TRUE(Has(violations, "result=FIELD_REQUIRED"));
  EXPECT_TRUE(Has(violations, "detected_substances=VALUE_NOT_ALLOWED"));
  EXPECT_EQ(status.error_message().find(kSubstance), std::string::npos);

  request.clear_scheduled_test();
  request.clear_detected_substances();
  request.set_result(cw::URINE_TEST_RESULT_POSITIVE);
  request.add_detected_substances("");
  request.add_detected_substances(std::string(33, 'a'));
  *request.mutable_test_date() = DaysFromToday(0);
  context = Casework().Context(kFurongWorker);
  const auto substance_violations =
      FieldViolationsOf(Stub()->RecordUrineTest(context.get(), request, &recorded));
  EXPECT_TRUE(Has(substance_violations, "detected_substances[0]=FIELD_REQUIRED"));
  EXPECT_TRUE(Has(substance_violations, "detected_substances[1]=FIELD_TOO_LONG"));

  // A scheduled test that does not exist; a record on "every case".
  request.clear_detected_substances();
  request.set_result(cw::URINE_TEST_RESULT_NEGATIVE);
  request.set_scheduled_test(zhou_case + "/urineTests/doesnotexist00000000");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->RecordUrineTest(context.get(), request, &recorded)),
            std::vector<std::string>{"scheduled_test=REFERENCE_NOT_FOUND"});
  request.clear_scheduled_test();
  request.set_parent("cases/-");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->RecordUrineTest(context.get(), request, &recorded)),
            std::vector<std::string>{"parent=FIELD_MALFORMED"});
  request.set_parent(zhou_case);

  // Officers and association staff do not record tests; another county sees no such case.
  for (const TestCaller& caller : {kFurongOfficer, kStaff}) {
    context = Casework().Context(caller);
    EXPECT_EQ(ErrorReasonOf(Stub()->RecordUrineTest(context.get(), request, &recorded)),
              "ROLE_NOT_GRANTED")
        << caller.subject;
  }
  const int64_t denied = AuditEntries("denied AND resource = '" + zhou_case + "'");
  context = Casework().Context(kTianxinWorker);
  status = Stub()->RecordUrineTest(context.get(), request, &recorded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(AuditEntries("denied AND resource = '" + zhou_case + "'"), denied + 1);
  context = Casework().Context(kTianxinWorker);
  cw::GetUrineTestRequest get;
  get.set_name(zhou_case + "/urineTests/doesnotexist00000000");
  EXPECT_EQ(Stub()->GetUrineTest(context.get(), get, &recorded).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Idempotent by request id; other content under the same id conflicts.
  request.set_request_id("5d2c7a10-8b3e-4f61-a2d4-9e8f7c6b5a40");
  cw::UrineTest again;
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->RecordUrineTest(context.get(), request, &recorded).ok());
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->RecordUrineTest(context.get(), request, &again).ok());
  EXPECT_EQ(again.name(), recorded.name());
  request.set_result(cw::URINE_TEST_RESULT_ABSENT);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->RecordUrineTest(context.get(), request, &again)),
            "DUPLICATE_REQUEST_ID_CONFLICT");

  // List filters.
  cw::ListUrineTestsRequest list;
  list.set_parent(zhou_case);
  list.add_states(cw::URINE_TEST_STATE_UNSPECIFIED);
  *list.mutable_due_date_range()->mutable_start_date() = DaysFromToday(1);
  *list.mutable_due_date_range()->mutable_end_date() = DaysFromToday(0);
  cw::ListUrineTestsResponse listed;
  context = Casework().Context(kFurongWorker);
  const auto list_violations =
      FieldViolationsOf(Stub()->ListUrineTests(context.get(), list, &listed));
  EXPECT_TRUE(Has(list_violations, "states[0]=VALUE_NOT_ALLOWED"));
  EXPECT_TRUE(Has(list_violations, "due_date_range.end_date=END_BEFORE_START"));
  list.clear_states();
  list.clear_due_date_range();
  list.set_page_token("forged");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListUrineTests(context.get(), list, &listed)),
            "INVALID_PAGE_TOKEN");
  list.clear_page_token();
  context = Casework().Context(kTianxinOfficer);
  EXPECT_EQ(Stub()->ListUrineTests(context.get(), list, &listed).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------------------------
// Help

TEST_F(CaseworkFollowupTest, HelpRecordsCarryAmountsAndOutcomes) {
  const std::string wang = [&] {
    cw::LookupCasesRequest lookup;
    lookup.set_national_id_number(kWang.id_number);
    lookup.set_access_purpose("帮扶登记");
    cw::LookupCasesResponse found;
    auto context = Casework().Context(kFurongWorker);
    EXPECT_TRUE(Stub()->LookupCases(context.get(), lookup, &found).ok());
    EXPECT_EQ(found.cases_size(), 1);
    return found.cases(0).name();
  }();
  cw::HelpRecord loan;
  loan.set_kind(cw::HELP_KIND_LOAN);
  *loan.mutable_help_date() = DaysFromToday(-40);
  *loan.mutable_amount() = Yuan(50000);
  loan.set_provider("长沙农商银行");
  loan.set_outcome(cw::HELP_OUTCOME_PENDING);
  loan.set_notes(kHelpNotes);
  cw::HelpRecord created_loan;
  grpc::Status status = CreateHelp(kFurongWorker, wang, loan, &created_loan);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(created_loan.name().starts_with(wang + "/helpRecords/"));
  EXPECT_EQ(created_loan.amount().minor_units(), 5000000);
  EXPECT_TRUE(created_loan.notes().empty());

  cw::HelpRecord job;
  job.set_kind(cw::HELP_KIND_EMPLOYMENT);
  *job.mutable_help_date() = DaysFromToday(-10);
  job.set_provider("蓝结家园就业基地");
  job.set_outcome(cw::HELP_OUTCOME_ACHIEVED);
  cw::HelpRecord created_job;
  ASSERT_TRUE(CreateHelp(kFurongWorker, wang, job, &created_job).ok());
  EXPECT_FALSE(created_job.has_amount());

  cw::HelpRecord allowance;
  allowance.set_kind(cw::HELP_KIND_SUBSISTENCE_ALLOWANCE);
  *allowance.mutable_help_date() = DaysFromToday(-5);
  allowance.set_outcome(cw::HELP_OUTCOME_ACHIEVED);
  cw::HelpRecord created_allowance;
  EXPECT_EQ(FieldViolationsOf(CreateHelp(kFurongWorker, wang, allowance, &created_allowance)),
            std::vector<std::string>{"help_record.amount=FIELD_REQUIRED"});
  *allowance.mutable_amount() = Yuan(620);
  ASSERT_TRUE(CreateHelp(kFurongWorker, wang, allowance, &created_allowance).ok());

  // Newest first; filtered by kind; money summed from the list.
  cw::ListHelpRecordsRequest list;
  list.set_parent(wang);
  cw::ListHelpRecordsResponse listed;
  auto context = Casework().Context(kFurongOfficer);
  ASSERT_TRUE(Stub()->ListHelpRecords(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.help_records_size(), 3);
  EXPECT_EQ(listed.help_records(0).name(), created_allowance.name());
  EXPECT_EQ(listed.help_records(2).name(), created_loan.name());
  int64_t total = 0;
  for (const cw::HelpRecord& help : listed.help_records()) {
    EXPECT_TRUE(help.notes().empty());
    total += help.amount().minor_units();
  }
  EXPECT_EQ(total, 5000000 + 62000);
  list.add_kinds(cw::HELP_KIND_LOAN);
  list.add_kinds(cw::HELP_KIND_SUBSISTENCE_ALLOWANCE);
  *list.mutable_date_range()->mutable_start_date() = DaysFromToday(-30);
  *list.mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  context = Casework().Context(kFurongOfficer);
  ASSERT_TRUE(Stub()->ListHelpRecords(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.help_records_size(), 1);
  EXPECT_EQ(listed.help_records(0).name(), created_allowance.name());
  // Every case of the county, paged; nothing of it in the other county.
  cw::ListHelpRecordsRequest every;
  every.set_parent("cases/-");
  every.set_page_size(2);
  std::set<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    cw::ListHelpRecordsResponse response;
    context = Casework().Context(kFurongOfficer);
    ASSERT_TRUE(Stub()->ListHelpRecords(context.get(), every, &response).ok());
    for (const auto& help : response.help_records()) EXPECT_TRUE(seen.insert(help.name()).second);
    if (response.next_page_token().empty()) break;
    every.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(seen.size(), 3u);
  every.clear_page_token();
  context = Casework().Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListHelpRecords(context.get(), every, &listed).ok());
  EXPECT_EQ(listed.help_records_size(), 0);

  // The loan is paid out: the outcome changes with the etag; kind is immutable; a loan keeps its
  // amount.
  cw::UpdateHelpRecordRequest update;
  update.mutable_help_record()->set_name(created_loan.name());
  update.mutable_help_record()->set_outcome(cw::HELP_OUTCOME_ACHIEVED);
  update.mutable_update_mask()->add_paths("outcome");
  update.set_etag(created_loan.audit().etag());
  cw::HelpRecord updated;
  context = Casework().Context(kFurongWorker);
  status = Stub()->UpdateHelpRecord(context.get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.outcome(), cw::HELP_OUTCOME_ACHIEVED);
  EXPECT_EQ(updated.amount().minor_units(), 5000000);
  EXPECT_EQ(updated.audit().etag(), "2");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->UpdateHelpRecord(context.get(), update, &updated)),
            "ETAG_MISMATCH");
  update.clear_etag();
  update.mutable_update_mask()->add_paths("kind");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->UpdateHelpRecord(context.get(), update, &updated)),
            std::vector<std::string>{"update_mask=FIELD_IMMUTABLE"});
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("amount");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->UpdateHelpRecord(context.get(), update, &updated)),
            std::vector<std::string>{"help_record.amount=FIELD_REQUIRED"});

  // Notes only in the audited full view.
  cw::GetHelpRecordRequest get;
  get.set_name(created_loan.name());
  get.set_view(cw::CASE_VIEW_FULL);
  get.set_access_purpose("贷款回访");
  cw::HelpRecord read;
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->GetHelpRecord(context.get(), get, &read).ok());
  EXPECT_EQ(read.notes(), kHelpNotes);
  EXPECT_EQ(AuditEntries("resource = '" + created_loan.name() + "' AND purpose = '贷款回访'"), 1);
  get.set_view(cw::CASE_VIEW_BASIC);
  context = Casework().Context(kFurongOfficer);
  ASSERT_TRUE(Stub()->GetHelpRecord(context.get(), get, &read).ok());
  EXPECT_TRUE(read.notes().empty());
  context = Casework().Context(kTianxinOfficer);
  EXPECT_EQ(Stub()->GetHelpRecord(context.get(), get, &read).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CaseworkFollowupTest, HelpWritesRefuseBadFieldsWrongRolesOtherCountiesAndClosedCases) {
  const std::string qian = [&] {
    cw::LookupCasesRequest lookup;
    lookup.set_national_id_number(kQian.id_number);
    lookup.set_access_purpose("帮扶登记");
    cw::LookupCasesResponse found;
    auto context = Casework().Context(kTianxinWorker);
    EXPECT_TRUE(Stub()->LookupCases(context.get(), lookup, &found).ok());
    return found.cases_size() > 0 ? found.cases(0).name()
                                  : OpenByHand(kTianxinWorker, kQian, "430103001");
  }();
  cw::HelpRecord bad;
  *bad.mutable_help_date() = DaysFromToday(1);
  bad.mutable_amount()->set_currency_code("cny");
  bad.mutable_amount()->set_minor_units(-1);
  bad.set_provider(std::string(129, 'p'));
  bad.set_notes(std::string(2001, 'n'));
  cw::HelpRecord created;
  grpc::Status status = CreateHelp(kTianxinWorker, qian, bad, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto violations = FieldViolationsOf(status);
  EXPECT_TRUE(Has(violations, "help_record.kind=FIELD_REQUIRED"));
  EXPECT_TRUE(Has(violations, "help_record.help_date=DATE_IN_FUTURE"));
  EXPECT_TRUE(Has(violations, "help_record.amount.currency_code=VALUE_NOT_ALLOWED"));
  EXPECT_TRUE(Has(violations, "help_record.amount.minor_units=FIELD_OUT_OF_RANGE"));
  EXPECT_TRUE(Has(violations, "help_record.provider=FIELD_TOO_LONG"));
  EXPECT_TRUE(Has(violations, "help_record.outcome=FIELD_REQUIRED"));
  EXPECT_TRUE(Has(violations, "help_record.notes=FIELD_TOO_LONG"));

  cw::HelpRecord training;
  training.set_kind(cw::HELP_KIND_JOB_TRAINING);
  *training.mutable_help_date() = DaysFromToday(0);
  training.set_outcome(cw::HELP_OUTCOME_PENDING);
  for (const TestCaller* caller : {&kFurongPolice, &kTianxinOfficer, &kStaff}) {
    EXPECT_EQ(ErrorReasonOf(CreateHelp(*caller, qian, training, &created)), "ROLE_NOT_GRANTED")
        << caller->subject;
  }
  status = CreateHelp(kFurongWorker, qian, training, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(CreateHelp(kTianxinWorker, qian, training, &created).ok());

  cw::ListHelpRecordsRequest list;
  list.set_parent(qian);
  list.add_kinds(static_cast<cw::HelpKind>(99));
  cw::ListHelpRecordsResponse listed;
  auto context = Casework().Context(kTianxinOfficer);
  EXPECT_EQ(FieldViolationsOf(Stub()->ListHelpRecords(context.get(), list, &listed)),
            std::vector<std::string>{"kinds[0]=VALUE_NOT_ALLOWED"});

  // Closed: no more help recorded or changed.
  cw::CloseCaseRequest close;
  close.set_name(qian);
  close.set_close_reason(cw::CLOSE_REASON_OTHER);
  *close.mutable_close_date() = DaysFromToday(0);
  close.set_reason("迁往外省");
  cw::Case closed;
  context = Casework().Context(kTianxinWorker);
  ASSERT_TRUE(Stub()->CloseCase(context.get(), close, &closed).ok());
  status = CreateHelp(kTianxinWorker, qian, training, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  cw::UpdateHelpRecordRequest update;
  update.mutable_help_record()->set_name(created.name());
  update.mutable_help_record()->set_outcome(cw::HELP_OUTCOME_DECLINED);
  update.mutable_update_mask()->add_paths("outcome");
  cw::HelpRecord updated;
  context = Casework().Context(kTianxinWorker);
  EXPECT_EQ(Stub()->UpdateHelpRecord(context.get(), update, &updated).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

// Runs last (gtest runs tests in the order they are defined): everything above wrote notes,
// results, substances and relief descriptions; none of it may appear outside the sealed columns.
TEST_F(CaseworkFollowupTest, ZzSensitiveFieldsAppearNowhereInClear) {
  const std::vector<std::string> secrets = {kContactNotes, kCorrectedNotes,  kReliefDescription,
                                            kSubstance,    kSecondSubstance, kHelpNotes};

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
  for (const std::string& secret : secrets) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << "in the database: " << secret;
  }
  // Results are sealed, and a positive one with substances seals to the same length as the
  // others: neither NULL columns nor lengths tell them apart.
  const pqxx::result sealed = Query(
      "SELECT count(*), count(DISTINCT length(result_sealed)) FROM casework.urine_tests WHERE "
      "state = 3");
  EXPECT_GE(sealed[0][0].as<int>(), 5);
  EXPECT_EQ(sealed[0][1].as<int>(), 1);
  EXPECT_EQ(Query("SELECT count(*) FROM casework.urine_tests WHERE state = 3 AND result_sealed "
                  "IS NULL")[0][0]
                .as<int>(),
            0);

  // Every event on the case topic: the facts without the secrets, versions rising per case.
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.casework.case.v1", 20);
  ASSERT_GE(events.size(), 20u);
  std::map<std::string, int> seen;
  std::map<std::string, int64_t> last_version;
  int64_t relief_fen = 0, help_fen = 0;
  for (const auto& event : events) {
    const std::string bytes = event.envelope.SerializeAsString();
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "in an event: " << secret;
    }
    const std::string& type = event.envelope.payload().type_url();
    seen[type.substr(type.rfind('.') + 1)]++;
    const std::string& id = event.envelope.aggregate_id();
    EXPECT_GE(event.envelope.aggregate_version(), last_version[id]) << type;
    last_version[id] = event.envelope.aggregate_version();
    ev::ContactLogged logged;
    if (event.envelope.payload().UnpackTo(&logged)) {
      relief_fen += logged.contact().relief_money().minor_units();
    }
    ev::HelpGiven given;
    if (event.envelope.payload().UnpackTo(&given)) help_fen += given.help().amount().minor_units();
    ev::UrineTestRecorded recorded;
    if (event.envelope.payload().UnpackTo(&recorded)) {
      EXPECT_TRUE(recorded.has_test_date());
      EXPECT_TRUE(recorded.urine_test().starts_with(recorded.case_name() + "/urineTests/"));
    }
  }
  for (const char* type : {"ContactLogged", "ContactCorrected", "UrineTestScheduled",
                           "UrineTestCancelled", "UrineTestRecorded", "HelpGiven", "HelpUpdated"}) {
    EXPECT_GT(seen[type], 0) << type;
  }
  EXPECT_EQ(relief_fen, 50000);
  EXPECT_EQ(help_fen, 5000000 + 62000);

  const std::string log = Casework().Log();
  ASSERT_FALSE(log.empty());
  for (const std::string& secret : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "in the log: " << secret;
  }
}

}  // namespace
}  // namespace jindu::testing

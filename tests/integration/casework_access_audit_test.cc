// The access audit API of the casework service, black-box over real servers: full reads, a refused
// read of another county's case and a lookup that found nothing produce entries; auditors list and
// export them within their region scope, by every filter; other roles are refused; the hash chain
// verifies intact, and a database owner who disables the append-only trigger to edit or delete a
// row is caught at exactly that entry, by the RPC and by the jindu-audit-verify command.

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>

#include "casework/audit/access_audit_chain.h"
#include "harness/calendar.h"
#include "harness/child_process.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "jindu/casework/v1/access_audit_service.grpc.pb.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "runtime/csv/csv_reader.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
namespace cw = casework::v1;

const std::string kVerifyTool =
    std::string(JINDU_BUILD_DIR) + "/tools/audit_verify/jindu-audit-verify";
constexpr char kGetCase[] = "/jindu.casework.v1.CaseworkService/GetCase";
constexpr char kPurpose[] = "走访前核对身份";
constexpr size_t kMaxChunkBytes = 1 << 20;

const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kTianxinWorker{
    .subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kProvinceAuditor{
    .subject = "province-auditor", .roles = {"auditor"}, .regions = {"430000"}};
const TestCaller kCityAuditor{
    .subject = "changsha-auditor", .roles = {"auditor"}, .regions = {"430100"}};
const TestCaller kFurongAuditor{
    .subject = "furong-auditor", .roles = {"auditor"}, .regions = {"430102"}};
const TestCaller kTianxinAuditor{
    .subject = "tianxin-auditor", .roles = {"auditor"}, .regions = {"430103"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};

// Synthetic people (check characters correct; 430102 芙蓉区, 430103 天心区).
struct Person {
  const char* name;
  const char* id_number;
};
const Person kWang{"王建国", "43010219800101002X"};
const Person kQian{"钱多多", "430103198808080041"};
// Never given a case: looking this number up finds nothing.
constexpr char kUnknownIdNumber[] = "430102199202020050";

const std::vector<std::string> kCsvHeader = {"序号",     "时间", "用户", "角色", "方法", "资源",
                                             "人员代号", "地区", "字段", "目的", "拒绝"};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

runtime::CivilDate ShanghaiDate(const google::protobuf::Timestamp& time) {
  return runtime::CivilDateInShanghai(
      std::chrono::system_clock::time_point(std::chrono::seconds(time.seconds())));
}

// The casework service's two APIs and its database, as a test drives them.
class AuditApi {
 public:
  explicit AuditApi(ServiceProcess& casework) : casework_(casework) {}

  cw::Case CreateCase(const TestCaller& caller, const Person& person, const std::string& region) {
    cw::CreateCaseRequest request;
    request.mutable_case_()->mutable_personal_details()->set_full_name(person.name);
    request.mutable_case_()->mutable_personal_details()->set_national_id_number(person.id_number);
    request.mutable_case_()->set_residence_region_code(region);
    request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_TWO);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = casework_.Context(caller);
    const grpc::Status status = Cases()->CreateCase(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status ReadFull(const TestCaller& caller, const std::string& name) {
    cw::GetCaseRequest request;
    request.set_name(name);
    request.set_view(cw::CASE_VIEW_FULL);
    request.set_access_purpose(kPurpose);
    cw::Case got;
    auto context = casework_.Context(caller);
    return Cases()->GetCase(context.get(), request, &got);
  }

  void LookupUnknown(const TestCaller& caller) {
    cw::LookupCasesRequest request;
    request.set_national_id_number(kUnknownIdNumber);
    request.set_access_purpose("核查来访人员");
    cw::LookupCasesResponse found;
    auto context = casework_.Context(caller);
    const grpc::Status status = Cases()->LookupCases(context.get(), request, &found);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(found.cases_size(), 0);
  }

  grpc::Status List(const TestCaller& caller, const cw::ListAccessAuditEntriesRequest& request,
                    cw::ListAccessAuditEntriesResponse* response) {
    auto context = casework_.Context(caller);
    return Audit()->ListAccessAuditEntries(context.get(), request, response);
  }

  // Every page of a list.
  std::vector<cw::AccessAuditEntry> ListAll(const TestCaller& caller,
                                            const cw::AccessAuditFilter& filter = {},
                                            int page_size = 1000) {
    std::vector<cw::AccessAuditEntry> entries;
    cw::ListAccessAuditEntriesRequest request;
    *request.mutable_filter() = filter;
    request.set_page_size(page_size);
    for (int page = 0; page < 1000; ++page) {
      cw::ListAccessAuditEntriesResponse response;
      const grpc::Status status = List(caller, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      entries.insert(entries.end(), response.entries().begin(), response.entries().end());
      if (!status.ok() || response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return entries;
  }

  std::vector<int64_t> Sequences(const TestCaller& caller, const cw::AccessAuditFilter& filter) {
    std::vector<int64_t> sequences;
    for (const auto& entry : ListAll(caller, filter)) sequences.push_back(entry.sequence());
    return sequences;
  }

  grpc::Status Export(const TestCaller& caller, const cw::AccessAuditFilter& filter,
                      std::vector<std::string>* chunks) {
    cw::ExportAccessAuditEntriesRequest request;
    *request.mutable_filter() = filter;
    auto context = casework_.Context(caller, 60s);
    auto reader = Audit()->ExportAccessAuditEntries(context.get(), request);
    cw::ExportAccessAuditEntriesResponse chunk;
    while (reader->Read(&chunk)) chunks->push_back(chunk.data());
    return reader->Finish();
  }

  // The export parsed; fails the test when it is not CSV with a byte order mark and the header.
  runtime::CsvDocument ExportCsv(const TestCaller& caller, const cw::AccessAuditFilter& filter,
                                 size_t* chunk_count = nullptr) {
    std::vector<std::string> chunks;
    const grpc::Status status = Export(caller, filter, &chunks);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::string text;
    for (const std::string& chunk : chunks) {
      EXPECT_LE(chunk.size(), kMaxChunkBytes);
      EXPECT_FALSE(chunk.empty());
      text += chunk;
    }
    if (chunk_count != nullptr) *chunk_count = chunks.size();
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    auto parsed = runtime::ParseCsv(text);
    if (const auto* error = std::get_if<runtime::CsvError>(&parsed)) {
      ADD_FAILURE() << "export is not CSV: " << error->message;
      return {};
    }
    runtime::CsvDocument document = std::get<runtime::CsvDocument>(std::move(parsed));
    EXPECT_EQ(document.header, kCsvHeader);
    return document;
  }

  grpc::Status Verify(const TestCaller& caller, int64_t from, int64_t to,
                      cw::VerifyAccessAuditLogResponse* response) {
    cw::VerifyAccessAuditLogRequest request;
    request.set_from_sequence(from);
    request.set_to_sequence(to);
    auto context = casework_.Context(caller, 60s);
    return Audit()->VerifyAccessAuditLog(context.get(), request, response);
  }

  cw::VerifyAccessAuditLogResponse VerifyAll() {
    cw::VerifyAccessAuditLogResponse response;
    const grpc::Status status = Verify(kProvinceAuditor, 0, 0, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  pqxx::result Query(const std::string& sql) {
    pqxx::connection connection(casework_.postgres_url());
    pqxx::nontransaction tx(connection);
    return tx.exec(sql);
  }
  int64_t Head() {
    return Query("SELECT sequence FROM casework.access_audit_head")[0][0].as<int64_t>();
  }
  int64_t EntryCount() {
    return Query("SELECT count(*) FROM casework.access_audit_entries")[0][0].as<int64_t>();
  }

  // What someone with the table owner's rights can do: switch the append-only trigger off, change
  // rows, switch it back on, in one transaction.
  void AsOwner(const std::string& sql) {
    pqxx::connection connection(casework_.postgres_url());
    pqxx::work tx(connection);
    tx.exec("ALTER TABLE casework.access_audit_entries DISABLE TRIGGER access_audit_append_only");
    tx.exec(sql);
    tx.exec("ALTER TABLE casework.access_audit_entries ENABLE TRIGGER access_audit_append_only");
    tx.commit();
  }

  ServiceProcess& casework() { return casework_; }

 private:
  std::unique_ptr<cw::CaseworkService::Stub> Cases() {
    return cw::CaseworkService::NewStub(casework_.Channel());
  }
  std::unique_ptr<cw::AccessAuditService::Stub> Audit() {
    return cw::AccessAuditService::NewStub(casework_.Channel());
  }

  ServiceProcess& casework_;
};

// The service log's lines whose "msg" is `message`, parsed.
std::vector<nlohmann::json> LogLines(const ServiceProcess& service, const std::string& message) {
  std::vector<nlohmann::json> lines;
  std::istringstream log(service.Log());
  for (std::string line; std::getline(log, line);) {
    const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object() && parsed.value("msg", "") == message) lines.push_back(parsed);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Lists, filters, scopes, roles and exports over five entries:
//   1, 2  furong-worker reads case A (芙蓉区) in full
//   3     tianxin-worker reads case B (天心区) in full
//   4     tianxin-worker tries case A: refused (answered NOT_FOUND), recorded denied
//   5     furong-worker looks up an ID number with no case: an entry without a region
class CaseworkAccessAuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_audit_list", "", "430523").release();
    AuditApi api(suite_->casework());
    case_a_ = new cw::Case(api.CreateCase(kFurongWorker, kWang, "430102"));
    case_b_ = new cw::Case(api.CreateCase(kTianxinWorker, kQian, "430103"));
    EXPECT_TRUE(api.ReadFull(kFurongWorker, case_a_->name()).ok());
    EXPECT_TRUE(api.ReadFull(kFurongWorker, case_a_->name()).ok());
    EXPECT_TRUE(api.ReadFull(kTianxinWorker, case_b_->name()).ok());
    EXPECT_EQ(api.ReadFull(kTianxinWorker, case_a_->name()).error_code(),
              grpc::StatusCode::NOT_FOUND);
    api.LookupUnknown(kFurongWorker);
    EXPECT_EQ(api.Head(), 5);
  }
  static void TearDownTestSuite() {
    delete case_a_;
    delete case_b_;
    delete suite_;
    suite_ = nullptr;
  }

  AuditApi Api() { return AuditApi(suite_->casework()); }

  static CaseworkSuite* suite_;
  static cw::Case* case_a_;
  static cw::Case* case_b_;
};

CaseworkSuite* CaseworkAccessAuditTest::suite_ = nullptr;
cw::Case* CaseworkAccessAuditTest::case_a_ = nullptr;
cw::Case* CaseworkAccessAuditTest::case_b_ = nullptr;

TEST_F(CaseworkAccessAuditTest, AProvinceAuditorListsEveryEntryOldestFirstWithItsChainLinks) {
  AuditApi api = Api();
  const auto before = std::chrono::system_clock::now();
  const std::vector<cw::AccessAuditEntry> entries = api.ListAll(kProvinceAuditor);
  ASSERT_EQ(entries.size(), 5u);
  for (size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].sequence(), static_cast<int64_t>(i + 1));
    EXPECT_EQ(entries[i].name(), "accessAuditEntries/" + std::to_string(i + 1));
    EXPECT_EQ(entries[i].entry_hash().size(), 64u);
    EXPECT_EQ(entries[i].previous_hash(), i == 0 ? "" : entries[i - 1].entry_hash());
    const auto time =
        std::chrono::system_clock::time_point(std::chrono::seconds(entries[i].time().seconds()));
    EXPECT_LE(time, before);
    EXPECT_GT(time, before - 10min);
  }
  const cw::AccessAuditEntry& read = entries[0];
  EXPECT_EQ(read.subject(), "furong-worker");
  EXPECT_EQ(std::vector<std::string>(read.roles().begin(), read.roles().end()),
            std::vector<std::string>{"ROLE_CASEWORKER"});
  EXPECT_EQ(read.method(), kGetCase);
  EXPECT_EQ(read.resource(), case_a_->name());
  EXPECT_EQ(read.person_pseudonym(), case_a_->person_pseudonym());
  EXPECT_EQ(read.region_code(), "430102");
  EXPECT_NE(
      std::find(read.fields().begin(), read.fields().end(), "personal_details.national_id_number"),
      read.fields().end());
  EXPECT_EQ(read.purpose(), kPurpose);
  EXPECT_FALSE(read.denied());

  const cw::AccessAuditEntry& refused = entries[3];
  EXPECT_TRUE(refused.denied());
  EXPECT_EQ(refused.subject(), "tianxin-worker");
  EXPECT_EQ(refused.resource(), case_a_->name());
  EXPECT_EQ(refused.region_code(), "430102");
  EXPECT_TRUE(refused.fields().empty());

  const cw::AccessAuditEntry& lookup = entries[4];
  EXPECT_EQ(lookup.method(), "/jindu.casework.v1.CaseworkService/LookupCases");
  EXPECT_EQ(lookup.region_code(), "");
  EXPECT_EQ(lookup.resource(), "");
  EXPECT_EQ(lookup.person_pseudonym().size(), 25u);
  EXPECT_NE(lookup.person_pseudonym(), case_a_->person_pseudonym());

  // Pages of two: the same entries, three pages, the last without a token.
  std::vector<int64_t> paged;
  cw::ListAccessAuditEntriesRequest request;
  request.set_page_size(2);
  int pages = 0;
  std::string second_token;
  do {
    cw::ListAccessAuditEntriesResponse response;
    ASSERT_TRUE(api.List(kProvinceAuditor, request, &response).ok());
    for (const auto& entry : response.entries()) paged.push_back(entry.sequence());
    request.set_page_token(response.next_page_token());
    if (++pages == 1) second_token = response.next_page_token();
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(paged, (std::vector<int64_t>{1, 2, 3, 4, 5}));

  // A token belongs to its filters; garbage is no token.
  request.set_page_token(second_token);
  request.mutable_filter()->set_denied_only(true);
  cw::ListAccessAuditEntriesResponse response;
  grpc::Status status = api.List(kProvinceAuditor, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_PAGE_TOKEN");
  request.set_page_token("not-a-token");
  status = api.List(kProvinceAuditor, request, &response);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_PAGE_TOKEN");

  // Reading the log appends nothing to it; the service log says who read what.
  EXPECT_EQ(api.EntryCount(), 5);
  EXPECT_EQ(api.Head(), 5);
  bool logged = false;
  for (const nlohmann::json& line : LogLines(api.casework(), "access audit log read")) {
    if (line.value("caller_subject", "") == "province-auditor" &&
        line.value("rpc", "") == "ListAccessAuditEntries" && line.value("entries", -1) == 5) {
      logged = true;
    }
  }
  EXPECT_TRUE(logged) << api.casework().Log();
}

TEST_F(CaseworkAccessAuditTest, FiltersBySubjectPersonResourceDeniedRegionAndPeriod) {
  AuditApi api = Api();
  using Sequences = std::vector<int64_t>;
  cw::AccessAuditFilter filter;
  filter.set_subject("tianxin-worker");
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{3, 4}));
  filter.Clear();
  filter.set_person_pseudonym(case_a_->person_pseudonym());
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{1, 2, 4}));
  filter.Clear();
  filter.set_resource(case_b_->name());
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{3}));
  filter.Clear();
  filter.set_denied_only(true);
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{4}));
  filter.set_subject("furong-worker");  // filters combine with AND
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), Sequences{});

  // Regions: an entry of a lookup that found nothing belongs to no county, only to the province.
  filter.Clear();
  filter.set_within_region_code("430103");
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{3}));
  filter.set_within_region_code("430100");
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{1, 2, 3, 4}));
  filter.set_within_region_code("430000");
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{1, 2, 3, 4, 5}));

  // Periods are Asia/Shanghai days; expectations come from the entries' own times, so a run
  // across midnight still knows which day each entry belongs to.
  const std::vector<cw::AccessAuditEntry> entries = api.ListAll(kProvinceAuditor);
  ASSERT_EQ(entries.size(), 5u);
  const runtime::CivilDate day = ShanghaiDate(entries[0].time());
  auto on = [&](auto keep) {
    Sequences expected;
    for (const auto& entry : entries) {
      if (keep(ShanghaiDate(entry.time()))) expected.push_back(entry.sequence());
    }
    return expected;
  };
  filter.Clear();
  *filter.mutable_period()->mutable_day() = ProtoDay(day);
  const Sequences that_day = on([&](runtime::CivilDate d) { return d == day; });
  EXPECT_EQ(that_day.front(), 1);
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), that_day);
  *filter.mutable_period()->mutable_day() = ProtoDay(runtime::AddDays(day, -1));
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), Sequences{});
  *filter.mutable_period()->mutable_range()->mutable_start_date() = ProtoDay(day);
  *filter.mutable_period()->mutable_range()->mutable_end_date() =
      ProtoDay(runtime::AddDays(day, 2));
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), (Sequences{1, 2, 3, 4, 5}));
  filter.mutable_period()->mutable_month()->set_year(day.year);
  filter.mutable_period()->mutable_month()->set_month(day.month);
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter),
            on([&](runtime::CivilDate d) { return d.year == day.year && d.month == day.month; }));
  filter.mutable_period()->mutable_quarter()->set_year(day.year);
  filter.mutable_period()->mutable_quarter()->set_quarter((day.month - 1) / 3 + 1);
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), on([&](runtime::CivilDate d) {
              return d.year == day.year && (d.month - 1) / 3 == (day.month - 1) / 3;
            }));
  filter.mutable_period()->set_year(day.year - 1);
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), Sequences{});
  filter.set_subject("tianxin-worker");
  filter.mutable_period()->set_year(day.year);
  Sequences tianxin_that_year;
  for (int64_t sequence : on([&](runtime::CivilDate d) { return d.year == day.year; })) {
    if (sequence == 3 || sequence == 4) tianxin_that_year.push_back(sequence);
  }
  EXPECT_EQ(api.Sequences(kProvinceAuditor, filter), tianxin_that_year);

  // The service log names the filters of each read.
  bool logged = false;
  for (const nlohmann::json& line : LogLines(api.casework(), "access audit log read")) {
    if (line.value("filter_subject", "") == "tianxin-worker" &&
        line.value("filter_period", "") ==
            std::to_string(day.year) + "-01-01/" + std::to_string(day.year + 1) + "-01-01") {
      logged = true;
    }
  }
  EXPECT_TRUE(logged);
}

TEST_F(CaseworkAccessAuditTest, AnAuditorSeesOnlyEntriesOfItsOwnScope) {
  AuditApi api = Api();
  using Sequences = std::vector<int64_t>;
  EXPECT_EQ(api.Sequences(kFurongAuditor, {}), (Sequences{1, 2, 4}));
  EXPECT_EQ(api.Sequences(kTianxinAuditor, {}), (Sequences{3}));
  // A city auditor sees its counties, but not the entry that has no region.
  EXPECT_EQ(api.Sequences(kCityAuditor, {}), (Sequences{1, 2, 3, 4}));
  // Tianxin's worker probing a Furong case is Furong's auditor's business.
  cw::AccessAuditFilter filter;
  filter.set_subject("tianxin-worker");
  EXPECT_EQ(api.Sequences(kFurongAuditor, filter), (Sequences{4}));
  filter.Clear();
  filter.set_person_pseudonym(case_b_->person_pseudonym());
  EXPECT_EQ(api.Sequences(kFurongAuditor, filter), Sequences{});

  // Naming a region outside the scope is refused, for lists and exports alike.
  filter.Clear();
  filter.set_within_region_code("430103");
  cw::ListAccessAuditEntriesRequest request;
  *request.mutable_filter() = filter;
  cw::ListAccessAuditEntriesResponse response;
  grpc::Status status = api.List(kFurongAuditor, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  std::vector<std::string> chunks;
  status = api.Export(kFurongAuditor, filter, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  EXPECT_TRUE(chunks.empty());
  request.mutable_filter()->set_within_region_code("430000");
  status = api.List(kCityAuditor, request, &response);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");

  // The export shows the same scope.
  const runtime::CsvDocument furong = api.ExportCsv(kFurongAuditor, {});
  ASSERT_EQ(furong.rows.size(), 3u);
  EXPECT_EQ(furong.rows[0].fields[0], "1");
  EXPECT_EQ(furong.rows[2].fields[0], "4");
  EXPECT_EQ(api.ExportCsv(kTianxinAuditor, {}).rows.size(), 1u);

  // The chain spans every region: only an auditor of the province may verify it.
  for (const TestCaller* auditor : {&kFurongAuditor, &kCityAuditor}) {
    cw::VerifyAccessAuditLogResponse verdict;
    status = api.Verify(*auditor, 0, 0, &verdict);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << auditor->subject;
    EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE") << auditor->subject;
  }
}

TEST_F(CaseworkAccessAuditTest, OnlyAuditorsReadTheLog) {
  AuditApi api = Api();
  for (const TestCaller* caller : {&kFurongWorker, &kFurongOfficer, &kProvinceAdmin}) {
    cw::ListAccessAuditEntriesResponse listed;
    grpc::Status status = api.List(*caller, cw::ListAccessAuditEntriesRequest(), &listed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller->subject;
    EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED") << caller->subject;
    EXPECT_EQ(listed.entries_size(), 0);
    std::vector<std::string> chunks;
    status = api.Export(*caller, {}, &chunks);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller->subject;
    EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED") << caller->subject;
    EXPECT_TRUE(chunks.empty());
    cw::VerifyAccessAuditLogResponse verdict;
    status = api.Verify(*caller, 0, 0, &verdict);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller->subject;
    EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED") << caller->subject;
  }
  cw::ListAccessAuditEntriesResponse listed;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 30s);
  context.AddMetadata("authorization", "Bearer forged");
  const grpc::Status forged =
      cw::AccessAuditService::NewStub(api.casework().Channel())
          ->ListAccessAuditEntries(&context, cw::ListAccessAuditEntriesRequest(), &listed);
  EXPECT_EQ(forged.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(CaseworkAccessAuditTest, BadFiltersAreRefusedNamingTheField) {
  AuditApi api = Api();
  struct BadFilter {
    std::function<void(cw::AccessAuditFilter*)> set;
    std::string violation;
  };
  const std::vector<BadFilter> cases = {
      {[](auto* f) { f->set_person_pseudonym("王建国"); },
       "filter.person_pseudonym=FIELD_MALFORMED"},
      {[](auto* f) { f->set_resource("cases"); }, "filter.resource=FIELD_MALFORMED"},
      {[](auto* f) { f->set_resource("cases/A B"); }, "filter.resource=FIELD_MALFORMED"},
      {[](auto* f) { f->set_subject(std::string(129, 's')); }, "filter.subject=FIELD_TOO_LONG"},
      {[](auto* f) { f->mutable_period(); }, "filter.period=FIELD_REQUIRED"},
      {[](auto* f) {
         *f->mutable_period()->mutable_day() = ProtoDay({2024, 2, 30});
       },
       "filter.period.day=FIELD_MALFORMED"},
      {[](auto* f) {
         f->mutable_period()->mutable_month()->set_year(2024);
         f->mutable_period()->mutable_month()->set_month(13);
       },
       "filter.period.month.month=FIELD_OUT_OF_RANGE"},
      {[](auto* f) {
         f->mutable_period()->mutable_quarter()->set_year(2024);
         f->mutable_period()->mutable_quarter()->set_quarter(0);
       },
       "filter.period.quarter.quarter=FIELD_OUT_OF_RANGE"},
      {[](auto* f) { f->mutable_period()->set_year(1999); },
       "filter.period.year=FIELD_OUT_OF_RANGE"},
      {[](auto* f) {
         *f->mutable_period()->mutable_range()->mutable_start_date() = ProtoDay({2024, 7, 2});
         *f->mutable_period()->mutable_range()->mutable_end_date() = ProtoDay({2024, 7, 1});
       },
       "filter.period.range.end_date=END_BEFORE_START"},
      {[](auto* f) { f->set_within_region_code("4301"); },
       "filter.within_region_code=FIELD_MALFORMED"},
      {[](auto* f) { f->set_within_region_code("439900"); },
       "filter.within_region_code=REFERENCE_NOT_FOUND"},
  };
  for (const BadFilter& bad : cases) {
    cw::ListAccessAuditEntriesRequest request;
    bad.set(request.mutable_filter());
    cw::ListAccessAuditEntriesResponse response;
    grpc::Status status = api.List(kProvinceAuditor, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.violation;
    EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD") << bad.violation;
    EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{bad.violation});
    std::vector<std::string> chunks;
    status = api.Export(kProvinceAuditor, request.filter(), &chunks);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad.violation;
    EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{bad.violation});
    EXPECT_TRUE(chunks.empty());
  }
  // Every bad field at once.
  cw::ListAccessAuditEntriesRequest request;
  for (const BadFilter& bad : {cases[0], cases[1], cases[3]}) bad.set(request.mutable_filter());
  cw::ListAccessAuditEntriesResponse response;
  EXPECT_EQ(FieldViolationsOf(api.List(kProvinceAuditor, request, &response)),
            (std::vector<std::string>{"filter.person_pseudonym=FIELD_MALFORMED",
                                      "filter.resource=FIELD_MALFORMED",
                                      "filter.subject=FIELD_TOO_LONG"}));
  request.Clear();
  request.set_page_size(-1);
  EXPECT_EQ(FieldViolationsOf(api.List(kProvinceAuditor, request, &response)),
            std::vector<std::string>{"page_size=FIELD_OUT_OF_RANGE"});

  // Verification ranges.
  cw::VerifyAccessAuditLogResponse verdict;
  EXPECT_EQ(FieldViolationsOf(api.Verify(kProvinceAuditor, -1, -2, &verdict)),
            (std::vector<std::string>{"from_sequence=FIELD_OUT_OF_RANGE",
                                      "to_sequence=FIELD_OUT_OF_RANGE"}));
  grpc::Status status = api.Verify(kProvinceAuditor, 4, 2, &verdict);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"to_sequence=END_BEFORE_START"});
  status = api.Verify(kProvinceAuditor, 6, 0, &verdict);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"from_sequence=FIELD_OUT_OF_RANGE"});
}

TEST_F(CaseworkAccessAuditTest, ExportIsCsvWithByteOrderMarkChineseHeadersAndShanghaiTimes) {
  AuditApi api = Api();
  const std::vector<cw::AccessAuditEntry> entries = api.ListAll(kProvinceAuditor);
  ASSERT_EQ(entries.size(), 5u);
  const runtime::CsvDocument document = api.ExportCsv(kProvinceAuditor, {});
  ASSERT_EQ(document.rows.size(), 5u);
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::vector<std::string>& row = document.rows[i].fields;
    const cw::AccessAuditEntry& entry = entries[i];
    EXPECT_EQ(row[0], std::to_string(entry.sequence()));
    // "YYYY-MM-DD HH:MM:SS", the date as Shanghai's calendar shows it.
    ASSERT_EQ(row[1].size(), 19u) << row[1];
    EXPECT_EQ(row[1].substr(0, 10), runtime::FormatIsoDate(ShanghaiDate(entry.time())));
    const int64_t seconds_of_day = (entry.time().seconds() + 8 * 3600) % 86400;
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", static_cast<int>(seconds_of_day / 3600),
                  static_cast<int>(seconds_of_day / 60 % 60),
                  static_cast<int>(seconds_of_day % 60));
    EXPECT_EQ(row[1].substr(11), clock);
    EXPECT_EQ(row[2], entry.subject());
    EXPECT_EQ(row[3], "ROLE_CASEWORKER");
    EXPECT_EQ(row[4], entry.method());
    EXPECT_EQ(row[5], entry.resource());
    EXPECT_EQ(row[6], entry.person_pseudonym());
    EXPECT_EQ(row[7], entry.region_code());
    EXPECT_EQ(row[9], entry.purpose());
    EXPECT_EQ(row[10], entry.denied() ? "是" : "否");
  }
  // Field paths stay one value, commas and all.
  EXPECT_EQ(document.rows[0].fields[8],
            "personal_details.full_name,personal_details.national_id_number");

  cw::AccessAuditFilter filter;
  filter.set_denied_only(true);
  const runtime::CsvDocument denied = api.ExportCsv(kProvinceAuditor, filter);
  ASSERT_EQ(denied.rows.size(), 1u);
  EXPECT_EQ(denied.rows[0].fields[5], case_a_->name());
  filter.Clear();
  filter.set_subject("nobody");
  EXPECT_EQ(api.ExportCsv(kProvinceAuditor, filter).rows.size(), 0u);

  EXPECT_EQ(api.EntryCount(), 5);  // exports are not audited into the chain either
  bool logged = false;
  for (const nlohmann::json& line : LogLines(api.casework(), "access audit log read")) {
    if (line.value("rpc", "") == "ExportAccessAuditEntries" &&
        line.value("filter_denied_only", false) && line.value("entries", -1) == 1) {
      logged = true;
    }
  }
  EXPECT_TRUE(logged);
}

// ---------------------------------------------------------------------------------------------
// The chain: verification by RPC and by jindu-audit-verify, over a log long enough to need several
// verification chunks and export messages, and tampering by a database owner.
class CaseworkAccessAuditChainTest : public ::testing::Test {
 protected:
  static constexpr int64_t kRealEntries = 5;
  static constexpr int64_t kLongLog = 6005;  // more than one verification chunk of 5,000

  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_audit_chain", "", "430523").release();
    AuditApi api(suite_->casework());
    case_ = new cw::Case(api.CreateCase(kFurongWorker, kWang, "430102"));
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(api.ReadFull(kFurongWorker, case_->name()).ok());
    EXPECT_EQ(api.ReadFull(kTianxinWorker, case_->name()).error_code(),
              grpc::StatusCode::NOT_FOUND);
    api.LookupUnknown(kTianxinWorker);
    EXPECT_EQ(api.Head(), kRealEntries);
  }
  static void TearDownTestSuite() {
    delete case_;
    delete suite_;
    suite_ = nullptr;
  }

  AuditApi Api() { return AuditApi(suite_->casework()); }

  struct ToolRun {
    int exit_code = -1;
    std::string output;
  };
  ToolRun RunVerifier(std::vector<std::string> args, const std::string& token) {
    args.insert(args.begin(), kVerifyTool);
    const std::string log = ::testing::TempDir() + "/audit_verify_" + std::to_string(runs_++);
    std::map<std::string, std::string> environment;
    if (!token.empty()) environment["JINDU_TOKEN"] = token;
    auto tool = ChildProcess::Start(args, environment, log);
    ToolRun run;
    run.exit_code = tool->Wait(120s);
    run.output = ReadFile(log);
    return run;
  }
  ToolRun RunVerifier() {
    return RunVerifier({"--target", Target()}, suite_->casework().Token(kProvinceAuditor));
  }
  std::string Target() const {
    return "127.0.0.1:" + std::to_string(suite_->casework().grpc_port());
  }

  // Makes the log kLongLog entries long, appending after the real reads exactly as
  // audit/access_audit_log.cc appends (head locked, chain hash, head moved) but in one transaction,
  // so a test need not make six thousand calls. Reads of 岳麓区 by one subject, with long purposes
  // so the export needs several messages.
  void EnsureLongLog() {
    AuditApi api = Api();
    if (api.Head() >= kLongLog) return;
    pqxx::connection connection(suite_->casework().postgres_url());
    pqxx::work tx(connection);
    const pqxx::row head =
        tx.exec1("SELECT sequence, entry_hash FROM casework.access_audit_head FOR UPDATE");
    std::string previous_hash = head[1].as<std::string>();
    connection.prepare("append",
                       "INSERT INTO casework.access_audit_entries (sequence, time_micros, subject, "
                       "roles, method, resource, person_pseudonym, region_code, region_path, "
                       "fields, purpose, denied, request_id, previous_hash, entry_hash) VALUES "
                       "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)");
    std::string purpose;
    while (purpose.size() < 560) purpose += "入户走访核对家庭成员联系方式及社区康复执行情况";
    const int64_t now_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
    for (int64_t sequence = head[0].as<int64_t>() + 1; sequence <= kLongLog; ++sequence) {
      casework::AccessAuditEntryContent entry;
      entry.sequence = sequence;
      entry.time_micros = now_micros + sequence;
      entry.subject = "bulk-reader";
      entry.roles = "caseworker";
      entry.method = kGetCase;
      entry.resource = "cases/bulk" + std::to_string(sequence);
      entry.person_pseudonym = "p00000000000000000000" + std::to_string(1000 + sequence % 1000);
      entry.region_code = "430104";
      entry.region_path = ";430000;430100;430104;";
      entry.fields = "personal_details.full_name,personal_details.national_id_number";
      entry.purpose = purpose;
      entry.request_id = "bulk-" + std::to_string(sequence);
      const std::string entry_hash = casework::AccessAuditEntryHash(previous_hash, entry);
      tx.exec_prepared("append", entry.sequence, entry.time_micros, entry.subject, entry.roles,
                       entry.method, entry.resource, entry.person_pseudonym, entry.region_code,
                       entry.region_path, entry.fields, entry.purpose, entry.denied,
                       entry.request_id, previous_hash, entry_hash);
      previous_hash = entry_hash;
    }
    tx.exec_params("UPDATE casework.access_audit_head SET sequence = $1, entry_hash = $2", kLongLog,
                   previous_hash);
    tx.commit();
  }

  // Keeps a copy of one entry, for Restore to put back after a tampering.
  void Save(int64_t sequence) {
    Api().AsOwner(
        "CREATE TABLE public.saved_entry AS SELECT * FROM "
        "casework.access_audit_entries WHERE sequence = " +
        std::to_string(sequence));
  }
  void Restore(int64_t sequence) {
    Api().AsOwner(
        "DELETE FROM casework.access_audit_entries WHERE sequence = " + std::to_string(sequence) +
        "; INSERT INTO casework.access_audit_entries SELECT * FROM public.saved_entry; "
        "DROP TABLE public.saved_entry");
  }
  // Rewrites an entry's subject and recomputes its entry_hash, as a forger who knows the chain
  // would.
  void ForgeSubject(int64_t sequence, const std::string& subject) {
    AuditApi api = Api();
    const pqxx::result rows = api.Query(
        "SELECT sequence, time_micros, subject, roles, method, resource, person_pseudonym, "
        "region_code, region_path, fields, purpose, denied, request_id, previous_hash FROM "
        "casework.access_audit_entries WHERE sequence = " +
        std::to_string(sequence));
    ASSERT_EQ(rows.size(), 1u);
    const pqxx::row row = rows[0];
    const casework::AccessAuditEntryContent entry{.sequence = row[0].as<int64_t>(),
                                                  .time_micros = row[1].as<int64_t>(),
                                                  .subject = subject,
                                                  .roles = row[3].as<std::string>(),
                                                  .method = row[4].as<std::string>(),
                                                  .resource = row[5].as<std::string>(),
                                                  .person_pseudonym = row[6].as<std::string>(),
                                                  .region_code = row[7].as<std::string>(),
                                                  .region_path = row[8].as<std::string>(),
                                                  .fields = row[9].as<std::string>(),
                                                  .purpose = row[10].as<std::string>(),
                                                  .denied = row[11].as<bool>(),
                                                  .request_id = row[12].as<std::string>()};
    api.AsOwner("UPDATE casework.access_audit_entries SET subject = '" + subject +
                "', entry_hash = '" +
                casework::AccessAuditEntryHash(row[13].as<std::string>(), entry) +
                "' WHERE sequence = " + std::to_string(sequence));
  }

  // The RPC and the command both say the chain breaks at `sequence` with `problem`.
  void ExpectBrokenAt(int64_t sequence, const std::string& problem) {
    SCOPED_TRACE("expected broken at " + std::to_string(sequence) + ": " + problem);
    const cw::VerifyAccessAuditLogResponse verdict = Api().VerifyAll();
    EXPECT_FALSE(verdict.intact());
    EXPECT_EQ(verdict.first_broken_sequence(), sequence);
    EXPECT_EQ(verdict.problem(), problem);
    const ToolRun run = RunVerifier();
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find("broken at sequence " + std::to_string(sequence) + ": " + problem),
              std::string::npos)
        << run.output;
  }
  void ExpectIntact(int64_t entries) {
    SCOPED_TRACE("expected intact");
    const cw::VerifyAccessAuditLogResponse verdict = Api().VerifyAll();
    EXPECT_TRUE(verdict.intact()) << verdict.problem() << " at " << verdict.first_broken_sequence();
    EXPECT_EQ(verdict.entries_checked(), entries);
    EXPECT_EQ(verdict.first_broken_sequence(), 0);
    EXPECT_EQ(verdict.problem(), "");
  }

  static CaseworkSuite* suite_;
  static cw::Case* case_;
  int runs_ = 0;
};

CaseworkSuite* CaseworkAccessAuditChainTest::suite_ = nullptr;
cw::Case* CaseworkAccessAuditChainTest::case_ = nullptr;

TEST_F(CaseworkAccessAuditChainTest, AnIntactChainVerifiesWholeAndInRanges) {
  AuditApi api = Api();
  if (api.Head() != kRealEntries) GTEST_SKIP() << "runs on the log before it is made long";
  ExpectIntact(kRealEntries);
  cw::VerifyAccessAuditLogResponse verdict;
  ASSERT_TRUE(api.Verify(kProvinceAuditor, 2, 3, &verdict).ok());
  EXPECT_TRUE(verdict.intact());
  EXPECT_EQ(verdict.entries_checked(), 2);
  ASSERT_TRUE(api.Verify(kProvinceAuditor, 4, 100, &verdict).ok());  // beyond the head: the head
  EXPECT_TRUE(verdict.intact());
  EXPECT_EQ(verdict.entries_checked(), 2);
  ASSERT_TRUE(api.Verify(kProvinceAuditor, 0, 1, &verdict).ok());
  EXPECT_EQ(verdict.entries_checked(), 1);

  const ToolRun run = RunVerifier();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("entries checked: 5"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("intact"), std::string::npos) << run.output;
  const ToolRun range = RunVerifier({"--target", Target(), "--from", "2", "--to", "4"},
                                    suite_->casework().Token(kProvinceAuditor));
  EXPECT_EQ(range.exit_code, 0) << range.output;
  EXPECT_NE(range.output.find("entries checked: 3"), std::string::npos) << range.output;
}

TEST_F(CaseworkAccessAuditChainTest, TheVerifierSaysWhatWentWrongByExitCode) {
  const std::string auditor = suite_->casework().Token(kProvinceAuditor);
  EXPECT_EQ(RunVerifier({"--target", Target()}, "").exit_code, 2);  // no token
  EXPECT_EQ(RunVerifier({}, auditor).exit_code, 2);                 // no target
  EXPECT_EQ(RunVerifier({"--target", Target(), "--from", "x"}, auditor).exit_code, 2);
  EXPECT_EQ(RunVerifier({"--target", Target(), "--to", "-3"}, auditor).exit_code, 2);
  EXPECT_EQ(RunVerifier({"--target", Target(), "--verbose"}, auditor).exit_code, 2);
  // Refused by the service: a county auditor, a caseworker, a forged token, a bad range.
  const ToolRun county =
      RunVerifier({"--target", Target()}, suite_->casework().Token(kFurongAuditor));
  EXPECT_EQ(county.exit_code, 3);
  EXPECT_NE(county.output.find("REGION_OUT_OF_SCOPE"), std::string::npos) << county.output;
  const ToolRun worker =
      RunVerifier({"--target", Target()}, suite_->casework().Token(kFurongWorker));
  EXPECT_EQ(worker.exit_code, 3);
  EXPECT_NE(worker.output.find("ROLE_NOT_GRANTED"), std::string::npos) << worker.output;
  EXPECT_EQ(RunVerifier({"--target", Target()}, "forged").exit_code, 3);
  const ToolRun backwards =
      RunVerifier({"--target", Target(), "--from", "3", "--to", "2"}, auditor);
  EXPECT_EQ(backwards.exit_code, 3);
  EXPECT_NE(backwards.output.find("to_sequence"), std::string::npos) << backwards.output;
  // Nobody listening.
  EXPECT_EQ(RunVerifier({"--target", "127.0.0.1:1", "--timeout", "5"}, auditor).exit_code, 3);
}

TEST_F(CaseworkAccessAuditChainTest, ALongLogIsVerifiedAndExportedInBoundedChunks) {
  EnsureLongLog();
  AuditApi api = Api();
  ExpectIntact(kLongLog);
  size_t chunks = 0;
  const runtime::CsvDocument document = api.ExportCsv(kProvinceAuditor, {}, &chunks);
  EXPECT_EQ(static_cast<int64_t>(document.rows.size()), kLongLog);
  EXPECT_GE(chunks, 4u);  // about 5 MB of rows
  for (size_t i = 0; i < document.rows.size(); ++i) {
    if (document.rows[i].fields[0] != std::to_string(i + 1)) {
      ADD_FAILURE() << "row " << i << " is sequence " << document.rows[i].fields[0];
      break;
    }
  }
  cw::AccessAuditFilter filter;
  filter.set_subject("bulk-reader");
  filter.set_within_region_code("430104");
  cw::ListAccessAuditEntriesRequest request;
  *request.mutable_filter() = filter;
  request.set_page_size(5000);  // at most 1000 a page
  cw::ListAccessAuditEntriesResponse page;
  ASSERT_TRUE(api.List(kProvinceAuditor, request, &page).ok());
  EXPECT_EQ(page.entries_size(), 1000);
  EXPECT_EQ(page.entries(0).sequence(), kRealEntries + 1);
  EXPECT_FALSE(page.next_page_token().empty());
  EXPECT_EQ(api.ListAll(kProvinceAuditor, filter).size(),
            static_cast<size_t>(kLongLog - kRealEntries));
}

TEST_F(CaseworkAccessAuditChainTest, TamperingAsTheDatabaseOwnerIsFoundAtTheExactEntry) {
  EnsureLongLog();
  AuditApi api = Api();
  ExpectIntact(kLongLog);

  // The service's own rights end at appending: the trigger refuses edits and deletions.
  {
    pqxx::connection connection(suite_->casework().postgres_url());
    pqxx::work tx(connection);
    EXPECT_THROW(
        tx.exec("UPDATE casework.access_audit_entries SET purpose = '' WHERE sequence = 2"),
        pqxx::sql_error);
  }
  {
    pqxx::connection connection(suite_->casework().postgres_url());
    pqxx::work tx(connection);
    try {
      tx.exec("DELETE FROM casework.access_audit_entries WHERE sequence = 2");
      ADD_FAILURE() << "a delete went through";
    } catch (const pqxx::sql_error& error) {
      EXPECT_NE(std::string(error.what()).find("append-only"), std::string::npos) << error.what();
    }
  }
  ExpectIntact(kLongLog);

  // An edited purpose: that entry's hash no longer matches.
  Save(2);
  api.AsOwner("UPDATE casework.access_audit_entries SET purpose = '例行检查' WHERE sequence = 2");
  ExpectBrokenAt(2, "hash mismatch");
  cw::VerifyAccessAuditLogResponse verdict;
  ASSERT_TRUE(api.Verify(kProvinceAuditor, 0, 0, &verdict).ok());
  EXPECT_EQ(verdict.entries_checked(), 2);
  // A range that leaves the edited entry out still links to the hash it stored.
  ASSERT_TRUE(api.Verify(kProvinceAuditor, 3, 0, &verdict).ok());
  EXPECT_TRUE(verdict.intact());
  Restore(2);
  ExpectIntact(kLongLog);

  // A forger who also recomputes the edited entry's own hash breaks the next link instead.
  Save(3);
  ForgeSubject(3, "someone-else");
  ExpectBrokenAt(4, "previous hash mismatch");
  Restore(3);
  ExpectIntact(kLongLog);

  // A deleted entry in the middle, the first of the second verification chunk.
  Save(5001);
  api.AsOwner("DELETE FROM casework.access_audit_entries WHERE sequence = 5001");
  ExpectBrokenAt(5001, "missing entry");
  Restore(5001);
  ExpectIntact(kLongLog);

  // A deleted last entry: the head still names it, also when the range asked for goes beyond it.
  const std::string last = std::to_string(kLongLog);
  Save(kLongLog);
  api.AsOwner("DELETE FROM casework.access_audit_entries WHERE sequence = " + last);
  ExpectBrokenAt(kLongLog, "missing entry");
  ASSERT_TRUE(api.Verify(kProvinceAuditor, 0, kLongLog + 100, &verdict).ok());
  EXPECT_FALSE(verdict.intact());
  EXPECT_EQ(verdict.first_broken_sequence(), kLongLog);
  Restore(kLongLog);
  ExpectIntact(kLongLog);

  // The last entry rewritten with its own hash recomputed: no later link holds it, the head does.
  Save(kLongLog);
  ForgeSubject(kLongLog, "someone-else");
  ExpectBrokenAt(kLongLog, "head mismatch");
  Restore(kLongLog);
  ExpectIntact(kLongLog);

  // A row slipped in after the head.
  api.AsOwner(
      "INSERT INTO casework.access_audit_entries SELECT sequence + 1, time_micros, "
      "subject, roles, method, resource, person_pseudonym, region_code, region_path, "
      "fields, purpose, denied, request_id, entry_hash, entry_hash FROM "
      "casework.access_audit_entries WHERE sequence = " +
      std::to_string(kLongLog));
  ExpectBrokenAt(kLongLog + 1, "entry beyond head");
  api.AsOwner("DELETE FROM casework.access_audit_entries WHERE sequence = " +
              std::to_string(kLongLog + 1));
  ExpectIntact(kLongLog);

  // A cut tail: the newest entry and the head moved back together leave an intact, shorter chain,
  // which only the count kept from an earlier run reveals.
  const std::string token = suite_->casework().Token(kProvinceAuditor);
  const std::string expected = std::to_string(kLongLog);
  EXPECT_EQ(RunVerifier({"--target", Target(), "--at-least", expected}, token).exit_code, 0);
  api.AsOwner("DELETE FROM casework.access_audit_entries WHERE sequence = " + last +
              "; UPDATE casework.access_audit_head SET sequence = sequence - 1, entry_hash = "
              "(SELECT entry_hash FROM casework.access_audit_entries WHERE sequence = " +
              last + " - 1)");
  const ToolRun cut = RunVerifier({"--target", Target(), "--at-least", expected}, token);
  EXPECT_EQ(cut.exit_code, 1) << cut.output;
  EXPECT_NE(cut.output.find("the log was cut"), std::string::npos) << cut.output;
  EXPECT_EQ(RunVerifier({"--target", Target()}, token).exit_code, 0);  // undetectable without it
}

}  // namespace
}  // namespace jindu::testing

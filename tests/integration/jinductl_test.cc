// jinductl, the command-line client, run as a child process against the real services (reporting
// beside registration, publicity and casework): login and the saved token, regions import, orgs,
// volunteers, an activity through review, the dashboard as an aligned table and as JSON, exports,
// mutual TLS, and the exit codes that tell scripts what went wrong.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "harness/calendar.h"
#include "harness/child_process.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/temp_dir.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;

const std::string kTool = std::string(JINDU_BUILD_DIR) + "/tools/jinductl/jinductl";

const TestCaller kAdmin{.subject = "it-staff", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kStaff{
    .subject = "changsha-staff", .roles = {"association_staff"}, .regions = {"430100"}};
// Above the district associations (whose parent is the city's): the city's officer reviews.
const TestCaller kReviewer{
    .subject = "changsha-officer", .roles = {"county_officer"}, .regions = {"430100"}};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Terminal columns of UTF-8 text, written independently of the tool's own: CJK ideographs and
// full-width forms take two columns.
size_t Columns(const std::string& text) {
  size_t columns = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) code = (code << 6) | (text[i + k] & 0x3F);
    const bool wide = (code >= 0x2E80 && code <= 0x9FFF) || (code >= 0xFF00 && code <= 0xFF60);
    columns += wide ? 2 : 1;
    i += length;
  }
  return columns;
}

// A valid national ID number (GB 11643 check character) for 17 digits.
std::string NationalId(std::string digits) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (digits[static_cast<size_t>(i)] - '0') * kWeights[i];
  return digits + "10X98765432"[sum % 11];
}

std::string FormatDay(const google::type::Date& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year(), date.month(), date.day());
  return text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::string LineStartingWith(const std::string& text, const std::string& prefix) {
  for (const std::string& line : Lines(text)) {
    if (line.starts_with(prefix)) return line;
  }
  return "";
}

// int64 fields are strings in protobuf JSON.
long long Int64(const nlohmann::json& value) {
  return value.is_string() ? std::stoll(value.get<std::string>()) : value.get<long long>();
}

struct ToolRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  nlohmann::json Json() const {
    nlohmann::json json = nlohmann::json::parse(out, nullptr, false);
    EXPECT_FALSE(json.is_discarded()) << "not JSON: " << out << err;
    return json;
  }
};

std::ostream& operator<<(std::ostream& stream, const ToolRun& run) {
  return stream << "exit " << run.exit_code << "\nstdout:\n" << run.out << "stderr:\n" << run.err;
}

class JinductlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("jinductl", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  static std::string Address(ServiceProcess& service) {
    return "127.0.0.1:" + std::to_string(service.grpc_port());
  }

  // Runs the tool with every service's address; `token` empty runs it without --token (and with
  // JINDU_TOKEN cleared, so only a saved token can serve).
  ToolRun Run(std::vector<std::string> args, const std::string& token = "") {
    const std::string base = ::testing::TempDir() + "/jinductl_run_" + std::to_string(runs_++);
    std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$@\" 2>\"" + base + ".err\"", "sh",
                                     kTool};
    argv.insert(argv.end(), args.begin(), args.end());
    for (const std::string& flag :
         {"--registration-addr=" + Address(suite_->registration()),
          "--casework-addr=" + Address(suite_->casework()),
          "--publicity-addr=" + Address(suite_->publicity()),
          "--reporting-addr=" + Address(suite_->reporting()), "--config-dir=" + config_dir_}) {
      const std::string name = flag.substr(0, flag.find('='));
      const bool given = std::any_of(args.begin(), args.end(),
                                     [&](const std::string& arg) { return arg.starts_with(name); });
      if (!given) argv.push_back(flag);  // a test's own address wins
    }
    if (!token.empty()) argv.push_back("--token=" + token);
    std::filesystem::remove(base + ".out");  // logs are appended to: start from nothing
    std::filesystem::remove(base + ".err");
    auto tool = ChildProcess::Start(argv, {{"JINDU_TOKEN", ""}}, base + ".out");
    ToolRun run;
    run.exit_code = tool->Wait(60s);
    run.out = ReadFile(base + ".out");
    run.err = ReadFile(base + ".err");
    return run;
  }

  // Repeats a command while the service has not yet learnt what it names from another service's
  // events (exit 5), at most 30 s.
  ToolRun RunUntilAccepted(const std::vector<std::string>& args, const std::string& token) {
    ToolRun run;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    do {
      run = Run(args, token);
      if (run.exit_code != 5) break;
      std::this_thread::sleep_for(300ms);
    } while (std::chrono::steady_clock::now() < deadline);
    return run;
  }

  std::string RegistrationToken() { return suite_->registration().Token(kAdmin); }
  std::string ReportingToken() { return suite_->reporting().Token(kAdmin); }

  void SetUp() override {
    config_dir_ = ::testing::TempDir() + "/jinductl_config_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(config_dir_);
  }

  static ReportingSuite* suite_;
  std::string config_dir_;
  static inline int runs_ = 0;
};

ReportingSuite* JinductlTest::suite_ = nullptr;

TEST_F(JinductlTest, LoginSavesTheTokenForLaterCallsAndLogoutForgetsIt) {
  ToolRun anonymous = Run({"regions", "list"});
  EXPECT_EQ(anonymous.exit_code, 3) << anonymous;
  EXPECT_NE(anonymous.err.find("no token"), std::string::npos) << anonymous;

  // A token the service refuses is not saved.
  ToolRun refused = Run({"login"}, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln");
  EXPECT_EQ(refused.exit_code, 3) << refused;
  EXPECT_FALSE(std::filesystem::exists(config_dir_ + "/credentials"));

  ToolRun login = Run({"login"}, RegistrationToken());
  ASSERT_EQ(login.exit_code, 0) << login;
  struct stat info {};
  ASSERT_EQ(::stat((config_dir_ + "/credentials").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);

  ToolRun listed = Run({"regions", "list", "--parent", "430100", "--output", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_GE(listed.Json()["regions"].size(), 9u) << listed;

  ToolRun whoami = Run({"whoami", "--output", "json"});
  ASSERT_EQ(whoami.exit_code, 0) << whoami;
  EXPECT_EQ(whoami.Json()["subject"], "it-staff");
  EXPECT_EQ(whoami.Json()["roles"], nlohmann::json::array({"province_admin"}));
  EXPECT_EQ(whoami.Json()["regions"], nlohmann::json::array({"430000"}));
  EXPECT_GT(whoami.Json()["expires_unix"].get<long long>(), 0);

  EXPECT_EQ(Run({"logout"}).exit_code, 0);
  EXPECT_EQ(Run({"regions", "list"}).exit_code, 3);
}

TEST_F(JinductlTest, ImportsRegionsAndFindsThem) {
  const std::string csv = ::testing::TempDir() + "/jinductl_townships.csv";
  std::ofstream(csv) << kRegionCsvHeader << "430102001,文艺路街道,township,430102,1996-01-01,\n"
                     << "430102002,韭菜园街道,township,430102,1996-01-01,\n";
  ToolRun imported = Run({"regions", "import", csv}, RegistrationToken());
  ASSERT_EQ(imported.exit_code, 0) << imported;
  EXPECT_NE(imported.out.find("imported: 2 rows read, 2 created, 0 updated, 0 unchanged"),
            std::string::npos)
      << imported;
  // Not a terminal: plain progress lines, no carriage returns.
  EXPECT_NE(imported.err.find("regions import: 2/2 rows"), std::string::npos) << imported;
  EXPECT_EQ(imported.err.find('\r'), std::string::npos);

  // On a terminal (a pseudo-terminal made by script(1)): a bar redrawn in place.
  const std::string typescript = ::testing::TempDir() + "/jinductl_tty.log";
  std::filesystem::remove(typescript);
  auto tty = ChildProcess::Start({"script", "-qefc",
                                  kTool + " regions import " + csv +
                                      " --registration-addr=" + Address(suite_->registration()) +
                                      " --token=" + RegistrationToken(),
                                  "/dev/null"},
                                 {{"JINDU_TOKEN", ""}}, typescript);
  ASSERT_EQ(tty->Wait(60s), 0) << ReadFile(typescript);
  const std::string drawn = ReadFile(typescript);
  EXPECT_NE(drawn.find("\rregions import [##############################] 100% 2/2 rows"),
            std::string::npos)
      << drawn;
  EXPECT_NE(drawn.find("0 created, 0 updated, 2 unchanged"), std::string::npos) << drawn;

  ToolRun listed =
      Run({"regions", "list", "--parent", "430102", "--output", "json"}, RegistrationToken());
  ASSERT_EQ(listed.exit_code, 0) << listed;
  std::vector<std::string> codes;
  const nlohmann::json regions = listed.Json();
  for (const auto& region : regions["regions"]) codes.push_back(region["region_code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"430102001", "430102002"}));
  EXPECT_EQ(listed.Json()["regions"][0]["display_name"], "文艺路街道");
  EXPECT_EQ(listed.Json()["regions"][0]["level"], "REGION_LEVEL_TOWNSHIP");

  ToolRun table = Run({"regions", "get", "430102001"}, RegistrationToken());
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_NE(table.out.find("文艺路街道"), std::string::npos) << table;

  // A bad row: refused whole, the row's field named.
  std::ofstream(csv) << kRegionCsvHeader << "430302,雨湖区,county,439900,1980-01-01,\n";
  ToolRun bad = Run({"regions", "import", csv}, RegistrationToken());
  EXPECT_EQ(bad.exit_code, 5) << bad;
  EXPECT_NE(bad.err.find("rows[0].parent"), std::string::npos) << bad;
}

TEST_F(JinductlTest, OrganisationsVolunteersAndAnActivityReachTheDashboard) {
  const std::string registrar = RegistrationToken();
  ToolRun city = Run({"orgs", "create", "--name", "长沙市社会禁毒协会", "--kind", "association",
                      "--region", "430100", "--founded", "2019-06-26", "--output", "json"},
                     registrar);
  ASSERT_EQ(city.exit_code, 0) << city;
  const std::string city_name = city.Json()["name"];
  ToolRun furong = Run({"orgs", "create", "--name", "芙蓉区社会禁毒协会", "--kind", "association",
                        "--region", "430102", "--parent", city_name, "--output", "json"},
                       registrar);
  ASSERT_EQ(furong.exit_code, 0) << furong;
  const std::string furong_name = furong.Json()["name"];
  EXPECT_EQ(furong.Json()["parent"], city_name);
  EXPECT_EQ(furong.Json()["kind"], "ORGANIZATION_KIND_ASSOCIATION");

  ToolRun orgs =
      Run({"orgs", "list", "--region", "430100", "--kind", "association", "--output", "json"},
          registrar);
  ASSERT_EQ(orgs.exit_code, 0) << orgs;
  std::set<std::string> names;
  const nlohmann::json organizations = orgs.Json();
  for (const auto& org : organizations["organizations"]) names.insert(org["display_name"]);
  EXPECT_EQ(names, (std::set<std::string>{"长沙市社会禁毒协会", "芙蓉区社会禁毒协会"}));

  // A volunteer through registration, approval and activation; reads stay masked.
  ToolRun volunteer = Run(
      {"volunteers", "create", "--name", "李四", "--id-number", NationalId("43010219900101001"),
       "--phone", "13812345678", "--region", "430102", "--org", furong_name, "--output", "json"},
      registrar);
  ASSERT_EQ(volunteer.exit_code, 0) << volunteer;
  const std::string volunteer_name = volunteer.Json()["name"];
  EXPECT_EQ(volunteer.Json()["state"], "VOLUNTEER_STATE_APPLIED");
  EXPECT_EQ(volunteer.out.find("13812345678"), std::string::npos) << "phone shown unmasked";
  ToolRun approved = Run({"volunteers", "approve", volunteer_name, "--output", "json"}, registrar);
  ASSERT_EQ(approved.exit_code, 0) << approved;
  EXPECT_EQ(approved.Json()["state"], "VOLUNTEER_STATE_APPROVED");
  ToolRun active = Run({"volunteers", "activate", volunteer_name, "--output", "json"}, registrar);
  ASSERT_EQ(active.exit_code, 0) << active;
  EXPECT_EQ(active.Json()["state"], "VOLUNTEER_STATE_ACTIVE");

  ToolRun listed_volunteers = Run({"volunteers", "list", "--region", "430102"}, registrar);
  ASSERT_EQ(listed_volunteers.exit_code, 0) << listed_volunteers;
  EXPECT_NE(listed_volunteers.out.find("138****5678"), std::string::npos) << listed_volunteers;
  EXPECT_EQ(listed_volunteers.out.find("13812345678"), std::string::npos) << listed_volunteers;
  ToolRun got = Run({"orgs", "get", furong_name}, registrar);
  ASSERT_EQ(got.exit_code, 0) << got;
  EXPECT_NE(LineStartingWith(got.out, "display_name").find("芙蓉区社会禁毒协会"), std::string::npos)
      << got;
  EXPECT_NE(LineStartingWith(got.out, "founding_date").find(FormatDay(DaysFromToday(0))),
            std::string::npos)
      << got;

  // Staff record an activity (once publicity has learnt the organisation from registration's
  // events) and submit it; the city's officer approves it.
  const std::string staff = suite_->publicity().Token(kStaff);
  ToolRun draft =
      RunUntilAccepted({"activities", "create", "--org", furong_name, "--region", "430102",
                        "--title", "禁毒知识进校园", "--kind", "street_campaign", "--six-into",
                        "schools", "--audience", "120", "--output", "json"},
                       staff);
  ASSERT_EQ(draft.exit_code, 0) << draft;
  const std::string activity = draft.Json()["name"];
  EXPECT_EQ(draft.Json()["review_state"], "REVIEW_STATE_DRAFT");
  ToolRun submitted = Run({"activities", "submit", activity, "--output", "json"}, staff);
  ASSERT_EQ(submitted.exit_code, 0) << submitted;
  EXPECT_EQ(submitted.Json()["review_state"], "REVIEW_STATE_SUBMITTED");
  ToolRun approval = Run({"activities", "approve", activity, "--output", "json"},
                         suite_->publicity().Token(kReviewer));
  ASSERT_EQ(approval.exit_code, 0) << approval;
  EXPECT_EQ(approval.Json()["review_state"], "REVIEW_STATE_APPROVED");
  // A rejection needs a reason: refused with the field named.
  ToolRun no_reason = Run({"activities", "reject", activity}, suite_->publicity().Token(kReviewer));
  EXPECT_EQ(no_reason.exit_code, 5) << no_reason;
  ToolRun fetched = Run({"activities", "get", activity, "--output", "json"}, staff);
  ASSERT_EQ(fetched.exit_code, 0) << fetched;
  EXPECT_EQ(fetched.Json()["approved_revision"], 1);
  ToolRun listed = Run({"activities", "list", "--region", "430102"}, staff);
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_NE(listed.out.find("禁毒知识进校园"), std::string::npos) << listed;

  // A news report about it, listed back.
  ToolRun report = Run({"reports", "create", "--title", "芙蓉区禁毒宣传进校园", "--outlet",
                        "湖南日报", "--tier", "provincial_mainstream", "--channel", "newspaper",
                        "--org", furong_name, "--activity", activity, "--output", "json"},
                       staff);
  ASSERT_EQ(report.exit_code, 0) << report;
  EXPECT_EQ(report.Json()["media_tier"], "MEDIA_TIER_PROVINCIAL_MAINSTREAM");
  ToolRun reports =
      Run({"reports", "list", "--region", "430102", "--tier", "provincial_mainstream"}, staff);
  ASSERT_EQ(reports.exit_code, 0) << reports;
  EXPECT_NE(reports.out.find("湖南日报"), std::string::npos) << reports;

  // Cases: none yet, listed as the service answers (a caseworker's read).
  ToolRun cases =
      Run({"cases", "list", "--region", "430102", "--output", "json"},
          suite_->casework().Token(
              {.subject = "furong-caseworker", .roles = {"caseworker"}, .regions = {"430102"}}));
  ASSERT_EQ(cases.exit_code, 0) << cases;
  EXPECT_EQ(cases.Json()["cases"], nlohmann::json::array());

  // The province's dashboard as JSON (the Dashboard message) counts it once the events arrive.
  const std::string reader = ReportingToken();
  ToolRun json;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    json = Run({"dashboard", "show", "430000", "--output", "json"}, reader);
    ASSERT_EQ(json.exit_code, 0) << json;
    if (Int64(json.Json()["year"]["figures"]["publicity"]["activities"]) == 1) break;
    std::this_thread::sleep_for(300ms);
  }
  const nlohmann::json dashboard = json.Json();
  EXPECT_EQ(dashboard["name"], "dashboards/430000");
  EXPECT_EQ(Int64(dashboard["year"]["figures"]["publicity"]["activities"]), 1) << json;
  EXPECT_EQ(Int64(dashboard["year"]["figures"]["publicity"]["audience"]), 120);
  EXPECT_EQ(dashboard["year"]["figures"]["region_display_name"], "湖南省");
  // Zeros are printed too: scripts find every key.
  EXPECT_TRUE(dashboard["year"]["figures"]["casework"].contains("cases_opened")) << json;
  EXPECT_EQ(dashboard["year"]["indicators"].size(), 12u);

  // As a table: columns aligned by display width whatever mix of Chinese and ASCII a row holds.
  ToolRun table = Run({"dashboard", "show", "430100"}, reader);
  ASSERT_EQ(table.exit_code, 0) << table;
  const std::string header = LineStartingWith(table.out, "数字 figure");
  const std::string activities = LineStartingWith(table.out, "活动 activities");
  const std::string volunteers = LineStartingWith(table.out, "志愿者 在册/活跃");
  ASSERT_FALSE(header.empty()) << table;
  ASSERT_FALSE(activities.empty()) << table;
  ASSERT_FALSE(volunteers.empty()) << table;
  EXPECT_NE(header.size(), activities.size()) << "same bytes: the check would prove nothing";
  // Numbers are right-aligned under their headers, so every row ends in the same column.
  EXPECT_EQ(Columns(activities), Columns(header)) << table;
  EXPECT_EQ(Columns(volunteers), Columns(header)) << table;
  EXPECT_TRUE(activities.ends_with(" 1")) << activities;
  // The label column is as wide everywhere: the second column starts at the same place.
  const std::string indicator_header = LineStartingWith(table.out, "指标 indicator");
  const std::string control = LineStartingWith(table.out, "管控率");
  ASSERT_FALSE(control.empty()) << table;
  EXPECT_EQ(Columns(control), Columns(indicator_header)) << table;
  EXPECT_NE(table.out.find("长沙市 430100"), std::string::npos) << table;
  EXPECT_NE(table.out.find("freshness"), std::string::npos) << table;
  EXPECT_TRUE(table.out.find("source: cache") != std::string::npos ||
              table.out.find("source: database") != std::string::npos)
      << table;

  ToolRun quarter = Run({"dashboard", "show", "430100", "--period", "quarter"}, reader);
  ASSERT_EQ(quarter.exit_code, 0) << quarter;
  EXPECT_NE(quarter.out.find("本季"), std::string::npos);
  EXPECT_EQ(quarter.out.find("本年"), std::string::npos);
}

TEST_F(JinductlTest, ExportsCsvAndXlsxFiles) {
  const std::string year = std::to_string(DaysFromToday(0).year());
  const std::string csv = ::testing::TempDir() + "/jinductl_figures.csv";
  const std::string xlsx = ::testing::TempDir() + "/jinductl_figures.xlsx";
  std::filesystem::remove(csv);
  std::filesystem::remove(xlsx);
  ToolRun exported = Run({"export", "region_figures", "--region", "430100", "--period", year,
                          "--format", "csv", "-o", csv},
                         ReportingToken());
  ASSERT_EQ(exported.exit_code, 0) << exported;
  const std::string content = ReadFile(csv);
  EXPECT_TRUE(content.starts_with("\xEF\xBB\xBF")) << "no BOM";
  EXPECT_NE(content.find("地区代码"), std::string::npos) << content;
  EXPECT_NE(content.find("430102"), std::string::npos) << content;

  ToolRun range = Run({"export", "indicators", "--region", "430100", "--period",
                       year + "-01-01.." + year + "-12-31", "--format", "xlsx", "-o", xlsx},
                      ReportingToken());
  ASSERT_EQ(range.exit_code, 0) << range;
  EXPECT_TRUE(ReadFile(xlsx).starts_with("PK")) << "not a zip (xlsx) file";
  EXPECT_FALSE(std::filesystem::exists(xlsx + ".part"));
}

// A registration service that requires client certificates of a CA made for this run (by the
// openssl command line): the tool reaches it with --tls-ca-file and a client certificate, and is
// refused (unreachable, exit 6) without one.
TEST_F(JinductlTest, TalksMutualTlsWithClientCertificates) {
  TempDir dir("jinductl-tls");
  auto openssl = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    auto process = ChildProcess::Start(args, {}, dir.File("openssl.log"));
    ASSERT_EQ(process->Wait(30s), 0) << ReadFile(dir.File("openssl.log"));
  };
  std::ofstream(dir.File("server.ext")) << "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                           "extendedKeyUsage=serverAuth\n";
  std::ofstream(dir.File("client.ext")) << "extendedKeyUsage=clientAuth\n";
  openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", dir.File("ca.key"), "-out", dir.File("ca.crt"), "-days", "2", "-subj",
           "/CN=jinductl test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
           "keyUsage=critical,keyCertSign,cRLSign"});
  for (const std::string name : {"server", "client"}) {
    openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", dir.File(name + ".key"), "-out", dir.File(name + ".csr"), "-subj",
             "/CN=" + name});
    openssl({"x509", "-req", "-in", dir.File(name + ".csr"), "-CA", dir.File("ca.crt"), "-CAkey",
             dir.File("ca.key"), "-CAcreateserial", "-out", dir.File(name + ".crt"), "-days", "2",
             "-extfile", dir.File(name + ".ext")});
  }
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(dir.File("ca.crt"));
  options.pem_cert_chain = ReadFile(dir.File("client.crt"));
  options.pem_private_key = ReadFile(dir.File("client.key"));
  auto service = ServiceProcess::Start("services/registration/jindu-registration", "jinductl_tls",
                                       {{"JINDU_TLS_CERT_FILE", dir.File("server.crt")},
                                        {"JINDU_TLS_KEY_FILE", dir.File("server.key")},
                                        {"JINDU_TLS_CLIENT_CA_FILE", dir.File("ca.crt")}},
                                       grpc::SslCredentials(options));
  const std::string address =
      "--registration-addr=localhost:" + std::to_string(service->grpc_port());
  const std::string token = service->Token(kAdmin);

  ToolRun mutual =
      Run({"regions", "list", "--output", "json", address, "--tls-ca-file", dir.File("ca.crt"),
           "--tls-cert-file", dir.File("client.crt"), "--tls-key-file", dir.File("client.key")},
          token);
  EXPECT_EQ(mutual.exit_code, 0) << mutual;
  EXPECT_TRUE(mutual.Json().contains("regions")) << mutual;

  ToolRun no_certificate = Run(
      {"regions", "list", address, "--tls-ca-file", dir.File("ca.crt"), "--timeout", "3s"}, token);
  EXPECT_EQ(no_certificate.exit_code, 6) << no_certificate;
  ToolRun plaintext = Run({"regions", "list", address, "--timeout", "3s"}, token);
  EXPECT_EQ(plaintext.exit_code, 6) << plaintext;
  ToolRun half =
      Run({"regions", "list", address, "--tls-cert-file", dir.File("client.crt")}, token);
  EXPECT_EQ(half.exit_code, 2) << half;
  EXPECT_NE(half.err.find("--tls-key-file"), std::string::npos) << half;
}

TEST_F(JinductlTest, ExitCodesSayWhatWentWrong) {
  ToolRun bad_flag = Run({"orgs", "list", "--colour", "red"}, RegistrationToken());
  EXPECT_EQ(bad_flag.exit_code, 2) << bad_flag;
  EXPECT_NE(bad_flag.err.find("--colour"), std::string::npos) << bad_flag;
  // A flag of another command is still wrong here, and named.
  ToolRun misplaced = Run({"regions", "list", "--kind", "lecture"}, RegistrationToken());
  EXPECT_EQ(misplaced.exit_code, 2) << misplaced;
  EXPECT_NE(misplaced.err.find("--kind"), std::string::npos) << misplaced;
  ToolRun bad_value = Run({"orgs", "create", "--name", "x", "--kind", "club", "--region", "430102"},
                          RegistrationToken());
  EXPECT_EQ(bad_value.exit_code, 2) << bad_value;
  EXPECT_NE(bad_value.err.find("--kind club"), std::string::npos) << bad_value;
  ToolRun bad_period =
      Run({"export", "lecturers", "--region", "430100", "--period", "2024-13"}, ReportingToken());
  EXPECT_EQ(bad_period.exit_code, 2) << bad_period;
  EXPECT_NE(bad_period.err.find("--period"), std::string::npos) << bad_period;
  EXPECT_EQ(Run({"nonsense"}).exit_code, 2);
  EXPECT_EQ(Run({"--help"}).exit_code, 0);
  EXPECT_NE(Run({"orgs", "create", "--help"}).out.find("--kind KIND"), std::string::npos);
  ToolRun completion = Run({"completion", "bash"});
  EXPECT_EQ(completion.exit_code, 0);
  EXPECT_NE(completion.out.find("complete -F _jinductl jinductl"), std::string::npos);
  EXPECT_NE(completion.out.find("--six-into"), std::string::npos);

  ToolRun missing = Run({"regions", "get", "439999"}, RegistrationToken());
  EXPECT_EQ(missing.exit_code, 4) << missing;

  ToolRun invalid = Run({"orgs", "create", "--name", "某协会", "--kind", "association", "--region",
                         "4301", "--output", "json"},
                        RegistrationToken());
  EXPECT_EQ(invalid.exit_code, 5) << invalid;
  EXPECT_NE(invalid.err.find("organization.region_code"), std::string::npos) << invalid;
  EXPECT_TRUE(invalid.out.empty()) << "errors go to stderr only";

  // A caseworker holds no reporting role.
  ToolRun denied =
      Run({"dashboard", "show", "430102"},
          suite_->reporting().Token(
              {.subject = "furong-caseworker", .roles = {"caseworker"}, .regions = {"430102"}}));
  EXPECT_EQ(denied.exit_code, 3) << denied;
  EXPECT_NE(denied.err.find("ROLE_NOT_GRANTED"), std::string::npos) << denied;

  // Reporting stopped: the tool says which service at which address it could not reach.
  const std::string address = Address(suite_->reporting());
  suite_->reporting().Stop();
  ToolRun unreachable = Run({"dashboard", "show", "430000", "--timeout", "5s"}, ReportingToken());
  EXPECT_EQ(unreachable.exit_code, 6) << unreachable;
  EXPECT_NE(unreachable.err.find("reporting service at " + address), std::string::npos)
      << unreachable;
}

}  // namespace
}  // namespace jindu::testing

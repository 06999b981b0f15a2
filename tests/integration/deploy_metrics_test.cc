// The dashboards (deploy/grafana/*.json) and alert rules (deploy/prometheus/alerts.yaml) name only
// metrics the services really export: the whole suite runs (registration, casework, publicity,
// reporting over real PostgreSQL, Redis and Kafka), calls go through every service so that the
// per-method series exist, events flow into reporting's projections, and every metric name found
// in a panel's or a rule's PromQL must be among the names scraped from the four /metrics endpoints.
// A dashboard that names a metric nobody exports shows "No data" forever; an alert on one never
// fires: both fail here instead.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness/calendar.h"
#include "harness/metrics_scrape.h"
#include "harness/registration_backed_suite.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace fs = std::filesystem;
namespace rep = reporting::v1;
namespace pub = publicity::v1;
namespace reg = registration::v1;

const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kChangshaStaff{
    .subject = "changsha-staff", .roles = {"association_staff"}, .regions = {"430100"}};

// Series Prometheus itself adds to every scrape target: not exported by a service, yet real.
const std::set<std::string> kSynthesizedByPrometheus = {"up", "scrape_duration_seconds",
                                                        "scrape_samples_scraped"};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every metric name of a text exposition: the families (# TYPE lines) and the sample names, so
// that a histogram's _bucket, _sum and _count count as exported.
std::set<std::string> ExportedNames(const std::string& exposition) {
  std::set<std::string> names;
  std::istringstream lines(exposition);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream words(line.substr(7));
      std::string name;
      words >> name;
      names.insert(name);
    } else if (!line.empty() && line[0] != '#') {
      names.insert(line.substr(0, line.find_first_of("{ ")));
    }
  }
  return names;
}

bool IsIdentifierStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

// The metric names a PromQL expression selects. Label matchers ({...}), range and subquery
// durations ([...]), strings, Grafana variables ($x, ${x}), numbers and durations are skipped;
// an identifier followed by '(' is a function or aggregation; the parenthesised list after by,
// without, on, ignoring, group_left and group_right holds label names. label_values(metric, label)
// of Grafana's variable queries names its metric first.
std::set<std::string> MetricNamesIn(const std::string& expression) {
  static const std::set<std::string> kKeywords = {
      "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
      "offset", "inf", "nan", "atan2", "start", "end",
      // Aggregations may put their modifier first: sum by (x) (...).
      "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk",
      "topk", "quantile", "limitk", "limit_ratio"};
  static const std::set<std::string> kLabelListKeywords = {"by",       "without",    "on",
                                                           "ignoring", "group_left", "group_right"};
  std::set<std::string> names;
  size_t i = 0;
  const size_t n = expression.size();
  auto skip_balanced = [&](char open, char close) {
    int depth = 0;
    for (; i < n; ++i) {
      if (expression[i] == open) ++depth;
      if (expression[i] == close && --depth == 0) {
        ++i;
        return;
      }
    }
  };
  while (i < n) {
    const char c = expression[i];
    if (c == '"' || c == '\'' || c == '`') {
      const size_t close = expression.find(c, i + 1);
      i = close == std::string::npos ? n : close + 1;
    } else if (c == '{') {
      skip_balanced('{', '}');
    } else if (c == '[') {
      skip_balanced('[', ']');
    } else if (c == '$') {
      ++i;
      if (i < n && expression[i] == '{') {
        skip_balanced('{', '}');
      } else {
        while (i < n && IsIdentifierChar(expression[i])) ++i;
      }
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      while (i < n &&
             (std::isalnum(static_cast<unsigned char>(expression[i])) || expression[i] == '.')) {
        ++i;  // 0.99, 1e3, and durations like 5m
      }
    } else if (IsIdentifierStart(c)) {
      const size_t start = i;
      while (i < n && IsIdentifierChar(expression[i])) ++i;
      const std::string word = expression.substr(start, i - start);
      size_t next = i;
      while (next < n && std::isspace(static_cast<unsigned char>(expression[next]))) ++next;
      const bool call = next < n && expression[next] == '(';
      if (call && kLabelListKeywords.count(word) > 0) {
        i = next;
        skip_balanced('(', ')');
      } else if (call && word == "label_values") {
        // label_values(metric, label) or label_values(label): the metric, if any, comes first.
        const size_t close = expression.find(')', next);
        const std::string arguments = expression.substr(next + 1, close - next - 1);
        if (arguments.find(',') != std::string::npos) {
          for (const std::string& name : MetricNamesIn(arguments.substr(0, arguments.find(',')))) {
            names.insert(name);
          }
        }
        i = close == std::string::npos ? n : close + 1;
      } else if (!call && kKeywords.count(word) == 0) {
        names.insert(word);
      }
    } else {
      ++i;
    }
  }
  return names;
}

// Every "expr" of a Grafana dashboard (panels, rows, targets at any depth) and every variable's
// query.
void CollectDashboardQueries(const nlohmann::json& node, std::vector<std::string>* queries) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if ((it.key() == "expr") && it.value().is_string()) {
        queries->push_back(it.value().get<std::string>());
      } else if (it.key() == "query" && it.value().is_string() &&
                 it.value().get<std::string>().find("label_values") != std::string::npos) {
        queries->push_back(it.value().get<std::string>());
      } else if (it.key() == "query" && it.value().is_object() && it.value().contains("query") &&
                 it.value()["query"].is_string()) {
        queries->push_back(it.value()["query"].get<std::string>());
      } else {
        CollectDashboardQueries(it.value(), queries);
      }
    }
  } else if (node.is_array()) {
    for (const auto& element : node) CollectDashboardQueries(element, queries);
  }
}

// The expressions of a Prometheus rules file: "expr: ..." on one line, or a block scalar
// ("expr: |" / "expr: >") whose lines are indented deeper than the key.
std::vector<std::string> RuleExpressions(const std::string& yaml) {
  std::vector<std::string> expressions;
  std::istringstream lines(yaml);
  std::string line;
  std::vector<std::string> all;
  while (std::getline(lines, line)) all.push_back(line);
  for (size_t k = 0; k < all.size(); ++k) {
    const size_t key = all[k].find("expr:");
    if (key == std::string::npos) continue;
    if (all[k].find_first_not_of(" -") != key) continue;  // "expr:" must start the mapping entry
    std::string rest = all[k].substr(key + 5);
    const size_t first = rest.find_first_not_of(' ');
    rest = first == std::string::npos ? "" : rest.substr(first);
    if (rest.empty() || rest[0] == '|' || rest[0] == '>') {
      std::string block;
      while (k + 1 < all.size()) {
        const std::string& next = all[k + 1];
        const size_t indent = next.find_first_not_of(' ');
        if (indent != std::string::npos && indent <= key) break;
        block += next + "\n";
        ++k;
      }
      expressions.push_back(block);
    } else {
      if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') &&
          rest.back() == rest.front()) {
        rest = rest.substr(1, rest.size() - 2);
      }
      expressions.push_back(rest);
    }
  }
  return expressions;
}

class DeployMetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The gauges computed by periodic queries (publicity's review backlog, reporting's missing
    // filings) refresh every half second here instead of every 15 or 60 s. The environment
    // reaches every service of the suite; those without the setting ignore it.
    setenv("JINDU_GAUGE_REFRESH_MS", "500", 1);
    suite_ = ReportingSuite::Start("deploy_metrics", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static grpc::Status GetDashboard(rep::Dashboard* dashboard) {
    auto context = suite_->reporting().Context(kFurongOfficer);
    rep::GetDashboardRequest request;
    request.set_name("dashboards/430102");
    return rep::ReportingService::NewStub(suite_->reporting().Channel())
        ->GetDashboard(context.get(), request, dashboard);
  }

  // Once per suite: the city's association (registration) submits an activity in 芙蓉区 for
  // review (publicity), so the review backlog gauge and the per-county event counter have series.
  static void SubmitAnActivity() {
    if (submitted_activity_) return;
    reg::CreateOrganizationRequest organization;
    organization.mutable_organization()->set_display_name("长沙市社会禁毒协会");
    organization.mutable_organization()->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
    organization.mutable_organization()->set_region_code("430100");
    *organization.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    reg::Organization association;
    auto context = suite_->registration().Context(kRegistrar);
    ASSERT_TRUE(reg::RegistrationService::NewStub(suite_->registration().Channel())
                    ->CreateOrganization(context.get(), organization, &association)
                    .ok());
    pub::CreateActivityRequest request;
    pub::Activity* activity = request.mutable_activity();
    activity->set_organization(association.name());
    activity->set_region_code("430102");
    activity->set_title("禁毒宣传展览");
    activity->set_kind(pub::ACTIVITY_KIND_EXHIBITION);
    activity->set_six_into_category(pub::SIX_INTO_CATEGORY_VENUES);
    *activity->mutable_activity_date() = DaysFromToday(-1);
    activity->set_audience_count(80);
    request.set_submit(true);
    // The organisation reaches publicity as registration's event: until then it is unknown there.
    grpc::Status status;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      pub::Activity created;
      auto call = suite_->publicity().Context(kChangshaStaff);
      status = pub::PublicityService::NewStub(suite_->publicity().Channel())
                   ->CreateActivity(call.get(), request, &created);
      if (status.ok()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    submitted_activity_ = true;
  }

  // Scrapes `service` until the sample `name` with `labels` has a value `accept`s, at most 20 s.
  static std::string ScrapeUntil(ServiceProcess& service, const std::string& name,
                                 const std::map<std::string, std::string>& labels,
                                 const std::function<bool(double)>& accept) {
    std::string metrics;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      metrics = ScrapeMetrics(service.metrics_port());
      if (accept(SampleValue(metrics, name, labels))) return metrics;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ADD_FAILURE() << name << " never reached the expected value; last scrape:\n" << metrics;
    return metrics;
  }

  static ReportingSuite* suite_;
  static bool submitted_activity_;
};

ReportingSuite* DeployMetricsTest::suite_ = nullptr;
bool DeployMetricsTest::submitted_activity_ = false;

TEST(PromqlMetricNames, FindsSelectorsAndSkipsLabelsFunctionsAndVariables) {
  EXPECT_EQ(MetricNamesIn("sum by (grpc_service, grpc_method) (rate(grpc_server_handled_total"
                          "{job=~\"$job\", grpc_code!=\"OK\"}[$__rate_interval]))"),
            std::set<std::string>{"grpc_server_handled_total"});
  EXPECT_EQ(MetricNamesIn("histogram_quantile(0.99, sum by (le) (rate("
                          "grpc_server_handling_seconds_bucket[5m]))) > 0.5"),
            std::set<std::string>{"grpc_server_handling_seconds_bucket"});
  EXPECT_EQ(MetricNamesIn("time() - max by (producer) (jindu_projection_last_event_timestamp_"
                          "seconds) > 600 and on (producer) up == 1"),
            (std::set<std::string>{"jindu_projection_last_event_timestamp_seconds", "up"}));
  EXPECT_EQ(MetricNamesIn("label_values(jindu_build_info, service)"),
            std::set<std::string>{"jindu_build_info"});
  EXPECT_EQ(MetricNamesIn("a / ignoring(x) group_left(y) b offset 1h"),
            (std::set<std::string>{"a", "b"}));
}

TEST(PromqlMetricNames, ReadsOneLineAndBlockRuleExpressions) {
  const std::string yaml =
      "groups:\n"
      "  - name: g\n"
      "    rules:\n"
      "      - alert: A\n"
      "        expr: rate(x_total[5m]) > 0\n"
      "      - alert: B\n"
      "        expr: |\n"
      "          sum(y)\n"
      "            / sum(z) > 1\n"
      "        for: 5m\n";
  EXPECT_EQ(RuleExpressions(yaml),
            (std::vector<std::string>{"rate(x_total[5m]) > 0",
                                      "          sum(y)\n            / sum(z) > 1\n"}));
}

TEST_F(DeployMetricsTest, EveryDashboardAndAlertQueryNamesAnExportedMetric) {
  // Calls on reporting (computed once, then from Redis), so the cache and RED series exist.
  rep::Dashboard dashboard;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(GetDashboard(&dashboard).ok());
    if (dashboard.source() == rep::DASHBOARD_SOURCE_CACHE) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(dashboard.source(), rep::DASHBOARD_SOURCE_CACHE);

  // A casework write: its event crosses the outbox and Kafka into reporting's projections, which
  // then export their freshness for casework.
  namespace cw = casework::v1;
  cw::IngestMeasureDecisionsRequest request;
  cw::MeasureDecision* decision = request.add_decisions();
  decision->set_decision_number("芙公(禁)决字[2026]第401号");
  decision->set_issuing_authority("长沙市公安局芙蓉分局");
  decision->set_measure_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  *decision->mutable_decision_date() = DaysFromToday(0);
  *decision->mutable_start_date() = DaysFromToday(0);
  *decision->mutable_end_date() = DaysFromToday(3 * 365);
  decision->mutable_person()->set_full_name("孙立新");
  decision->mutable_person()->set_national_id_number("43010219800101002X");
  decision->mutable_person()->set_phone("+8613877778888");
  decision->set_residence_region_code("430102");
  cw::IngestMeasureDecisionsResponse response;
  auto context = suite_->casework().Context(
      {.subject = "gongan-system", .roles = {"system_caller"}, .regions = {}});
  ASSERT_TRUE(cw::CaseworkService::NewStub(suite_->casework().Channel())
                  ->IngestMeasureDecisions(context.get(), request, &response)
                  .ok());

  std::string reporting_metrics;
  const auto fresh_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < fresh_deadline) {
    reporting_metrics = ScrapeMetrics(suite_->reporting().metrics_port());
    if (reporting_metrics.find("jindu_projection_last_event_timestamp_seconds{producer=\"casework"
                               "\"}") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_NE(reporting_metrics.find(
                "jindu_projection_last_event_timestamp_seconds{producer=\"casework\"}"),
            std::string::npos)
      << reporting_metrics;
  // Per-method RED series exist for the calls just made.
  EXPECT_GT(SampleValue(reporting_metrics, "grpc_server_handled_total",
                        {{"grpc_method", "GetDashboard"}, {"grpc_code", "OK"}}),
            0);

  // An activity awaiting review, counted by publicity's backlog gauge and, once published, by the
  // per-county event counter.
  SubmitAnActivity();
  const auto positive = [](double value) { return value > 0; };
  ScrapeUntil(suite_->publicity(), "jindu_publicity_activities_awaiting_review",
              {{"county", "430102"}}, positive);
  ScrapeUntil(suite_->publicity(), "jindu_outbox_events_published_total",
              {{"aggregate_type", "activity"}}, positive);

  std::set<std::string> exported = kSynthesizedByPrometheus;
  for (ServiceProcess* service :
       {&suite_->registration(), &suite_->casework(), &suite_->publicity(), &suite_->reporting()}) {
    const std::set<std::string> names = ExportedNames(ScrapeMetrics(service->metrics_port()));
    // The RED metrics come from every service.
    EXPECT_EQ(names.count("grpc_server_handled_total"), 1u);
    EXPECT_EQ(names.count("grpc_server_handling_seconds_bucket"), 1u);
    exported.insert(names.begin(), names.end());
  }

  const fs::path deploy = fs::path(JINDU_SOURCE_DIR) / "deploy";
  std::vector<std::pair<std::string, std::string>> queries;  // (file, expression)
  int dashboards = 0;
  for (const auto& entry : fs::directory_iterator(deploy / "grafana")) {
    if (entry.path().extension() != ".json") continue;
    ++dashboards;
    std::vector<std::string> expressions;
    CollectDashboardQueries(nlohmann::json::parse(ReadFile(entry.path())), &expressions);
    EXPECT_FALSE(expressions.empty()) << entry.path() << " has no query";
    for (const std::string& expression : expressions) {
      queries.emplace_back(entry.path().filename().string(), expression);
    }
  }
  EXPECT_GE(dashboards, 2);
  const std::vector<std::string> rules =
      RuleExpressions(ReadFile(deploy / "prometheus" / "alerts.yaml"));
  EXPECT_GE(rules.size(), 6u);
  for (const std::string& expression : rules) queries.emplace_back("alerts.yaml", expression);

  int checked = 0;
  for (const auto& [file, expression] : queries) {
    const std::set<std::string> names = MetricNamesIn(expression);
    EXPECT_FALSE(names.empty()) << file << ": no metric in " << expression;
    for (const std::string& name : names) {
      ++checked;
      EXPECT_EQ(exported.count(name), 1u)
          << file << " names " << name << ", which no service exports, in: " << expression;
    }
  }
  EXPECT_GT(checked, 30);
  std::cout << queries.size() << " queries, " << checked << " metric references checked against "
            << exported.size() << " exported names\n";
}

// The series the pool, the outbox and the business gauges export hold real values, not just names.
TEST_F(DeployMetricsTest, PoolOutboxAndBusinessGaugesHoldRealValues) {
  SubmitAnActivity();
  // Every service's pool: its size (the default 8), leases counted, acquisitions timed.
  for (ServiceProcess* service :
       {&suite_->registration(), &suite_->casework(), &suite_->publicity(), &suite_->reporting()}) {
    const std::string metrics = ScrapeMetrics(service->metrics_port());
    EXPECT_EQ(SampleValue(metrics, "jindu_db_pool_max_connections"), 8) << metrics;
    const double in_use = SampleValue(metrics, "jindu_db_pool_connections", {{"state", "in_use"}});
    const double idle = SampleValue(metrics, "jindu_db_pool_connections", {{"state", "idle"}});
    EXPECT_GE(in_use, 0);
    EXPECT_LE(in_use + idle, 8);
    EXPECT_GT(idle + in_use, 0);  // the relay and consumers opened connections
    EXPECT_NE(metrics.find("jindu_db_pool_waiting{schema="), std::string::npos);
    EXPECT_GT(SampleValue(metrics, "jindu_db_pool_acquire_seconds_count"), 0);
    EXPECT_GT(SampleValue(metrics, "jindu_db_pool_acquire_seconds_bucket", {{"le", "+Inf"}}), 0);
  }

  // Publicity: one activity of 芙蓉区 awaits review; its ActivitySubmitted event was published
  // under the county of its region.
  const auto one = [](double value) { return value == 1; };
  ScrapeUntil(suite_->publicity(), "jindu_publicity_activities_awaiting_review",
              {{"county", "430102"}}, one);
  ScrapeUntil(suite_->publicity(), "jindu_outbox_events_published_total",
              {{"schema", "publicity"}, {"aggregate_type", "activity"}, {"county", "430102"}}, one);

  // Registration published the region tree: the province's and cities' own codes stay as they
  // are, the counties' events count under their code.
  const std::string registration = ScrapeMetrics(suite_->registration().metrics_port());
  EXPECT_GT(SampleValue(registration, "jindu_outbox_events_published_total",
                        {{"aggregate_type", "region"}, {"county", "430000"}}),
            0);
  EXPECT_GT(SampleValue(registration, "jindu_outbox_events_published_total",
                        {{"aggregate_type", "region"}, {"county", "430102"}}),
            0);

  // Reporting: both period kinds have a count of missing filings and a deadline in the past
  // (nobody filed anything in this suite, so every county of the sample tree that existed then is
  // missing).
  const std::string reporting =
      ScrapeUntil(suite_->reporting(), "jindu_reporting_filings_missing",
                  {{"period_kind", "quarter"}}, [](double value) { return value > 0; });
  const double now = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
  for (const std::string kind : {"month", "quarter"}) {
    EXPECT_GT(SampleValue(reporting, "jindu_reporting_filings_missing", {{"period_kind", kind}}), 0)
        << kind;
    const double deadline = SampleValue(
        reporting, "jindu_reporting_filing_deadline_timestamp_seconds", {{"period_kind", kind}});
    EXPECT_LT(deadline, now) << kind;
    EXPECT_GT(deadline, now - 200 * 86400) << kind;
  }
}

// The images' HEALTHCHECK (and the chart's probes with TLS) run tools/deploy/jindu-healthcheck:
// against a real service it reports SERVING (exit 0); against a port nobody serves it fails.
TEST_F(DeployMetricsTest, TheImageHealthCheckAsksTheRealService) {
  const char* cache = std::getenv("JINDU_CACHE_DIR");
  const char* home = std::getenv("HOME");
  const std::string bin =
      (cache != nullptr ? std::string(cache)
                        : std::string(home != nullptr ? home : "") + "/.cache/jindu") +
      "/bin";
  if (!fs::exists(bin + "/grpc-health-probe")) {
    GTEST_SKIP() << "grpc-health-probe is not built (tools/setup.sh)";
  }
  const std::string script = std::string(JINDU_SOURCE_DIR) + "/tools/deploy/jindu-healthcheck";
  auto run = [&](int port) {
    const std::string command = "env PATH=" + bin +
                                ":/usr/bin:/bin JINDU_GRPC_PORT=" + std::to_string(port) + " " +
                                script + " >/dev/null 2>&1";
    return std::system(command.c_str());
  };
  EXPECT_EQ(run(suite_->reporting().grpc_port()), 0);
  EXPECT_EQ(run(suite_->registration().grpc_port()), 0);
  EXPECT_NE(run(suite_->reporting().metrics_port()), 0);  // HTTP, not gRPC
}

}  // namespace
}  // namespace jindu::testing

// The reporting service's figure requests over real servers (reporting beside registration,
// publicity and casework, each learning the region tree from registration's events): the region
// and period checks every figure request starts with, roll-up to child regions, freshness.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace rep = reporting::v1;
using rep::ReportingService;

const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kCaseworker{
    .subject = "furong-caseworker", .roles = {"caseworker"}, .regions = {"430102"}};

class ReportingFiguresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_figures", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  grpc::Status Compute(const rep::ComputeRegionFiguresRequest& request, const TestCaller& caller,
                       rep::ComputeRegionFiguresResponse* response) {
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(caller);
    return stub->ComputeRegionFigures(context.get(), request, response);
  }
  static rep::ComputeRegionFiguresRequest Request(const std::string& region, int year, int month) {
    rep::ComputeRegionFiguresRequest request;
    request.set_region_code(region);
    request.mutable_period()->mutable_month()->set_year(year);
    request.mutable_period()->mutable_month()->set_month(month);
    return request;
  }

  static ReportingSuite* suite_;
};

ReportingSuite* ReportingFiguresTest::suite_ = nullptr;

TEST_F(ReportingFiguresTest, AnswersARegionAndItsChildrenForAPeriod) {
  rep::ComputeRegionFiguresRequest request = Request("430100", 2024, 7);
  request.set_by_child_region(true);
  rep::ComputeRegionFiguresResponse response;
  grpc::Status status = Compute(request, kProvinceAdmin, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.figures().region_code(), "430100");
  EXPECT_EQ(response.figures().region_display_name(), "长沙市");
  EXPECT_EQ(response.figures().period().month().month(), 7);
  std::vector<std::string> children;
  for (const auto& child : response.by_child_region()) children.push_back(child.region_code());
  ASSERT_FALSE(children.empty());
  EXPECT_TRUE(std::is_sorted(children.begin(), children.end()));
  // Its districts and counties, and the special zones it holds (湘江新区 and the like).
  for (const std::string& code : children) {
    EXPECT_TRUE(code.starts_with("4301") || code.starts_with("Z4301")) << code;
  }
  EXPECT_NE(std::find(children.begin(), children.end(), "430102"), children.end());
  EXPECT_FALSE(response.frozen());

  // A county officer asks for the county.
  ASSERT_TRUE(Compute(Request("430102", 2024, 7), kFurongOfficer, &response).ok());
  EXPECT_EQ(response.figures().region_display_name(), "芙蓉区");
}

TEST_F(ReportingFiguresTest, RefusesBadRegionsPeriodsAndCallers) {
  rep::ComputeRegionFiguresResponse response;
  grpc::Status status = Compute(Request("430102", 2024, 13), kProvinceAdmin, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"period.month.month=FIELD_OUT_OF_RANGE"});

  rep::ComputeRegionFiguresRequest no_period;
  no_period.set_region_code("430102");
  status = Compute(no_period, kProvinceAdmin, &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"period=FIELD_REQUIRED"});

  rep::ComputeRegionFiguresRequest backwards;
  backwards.set_region_code("430102");
  auto* range = backwards.mutable_period()->mutable_range();
  range->mutable_start_date()->set_year(2024);
  range->mutable_start_date()->set_month(11);
  range->mutable_start_date()->set_day(1);
  range->mutable_end_date()->set_year(2024);
  range->mutable_end_date()->set_month(7);
  range->mutable_end_date()->set_day(1);
  status = Compute(backwards, kProvinceAdmin, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(FieldViolationsOf(status).size(), 1u);
  EXPECT_TRUE(FieldViolationsOf(status)[0].starts_with("period.range"));

  status = Compute(Request("439999", 2024, 7), kProvinceAdmin, &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"region_code=REFERENCE_NOT_FOUND"});

  // A county sees its county only.
  status = Compute(Request("430103", 2024, 7), kFurongOfficer, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  status = Compute(Request("430100", 2024, 7), kFurongOfficer, &response);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  // Caseworkers hold no reporting role.
  status = Compute(Request("430102", 2024, 7), kCaseworker, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
}

TEST_F(ReportingFiguresTest, IndicatorsDivideByRegistrationsDenominators) {
  // Registration's yearly denominators reach reporting as events.
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/region_denominators_sample.csv");
  std::stringstream csv;
  csv << in.rdbuf();
  auto regions = registration::v1::RegionService::NewStub(suite_->registration().Channel());
  registration::v1::ImportRegionDenominatorsRequest import;
  import.set_csv(csv.str());
  registration::v1::ImportRegionDenominatorsResponse imported;
  auto context = suite_->registration().Context(kProvinceAdmin);
  ASSERT_TRUE(regions->ImportRegionDenominators(context.get(), import, &imported).ok());

  rep::ComputeIndicatorsRequest request;
  request.set_region_code("430100");
  request.mutable_period()->set_year(2024);
  request.add_indicators(rep::INDICATOR_PUBLICITY_COVERAGE);
  request.add_indicators(rep::INDICATOR_NEW_USERS);
  request.set_with_components(true);
  auto stub = ReportingService::NewStub(suite_->reporting().Channel());
  rep::ComputeIndicatorsResponse response;
  // The five Changsha districts of the sample, each once (not the two other cities' counties).
  const int64_t changsha = 630000 + 770000 + 1540000 + 850000 + 1230000;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    response.Clear();
    auto call = suite_->reporting().Context(kProvinceAdmin);
    grpc::Status status = stub->ComputeIndicators(call.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    if (response.values(0).denominator() == changsha) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(response.values_size(), 2);
  const rep::IndicatorValue& coverage = response.values(0);
  EXPECT_EQ(coverage.indicator(), rep::INDICATOR_PUBLICITY_COVERAGE);
  EXPECT_EQ(coverage.definition_version(), "publicity_coverage.v1");
  EXPECT_EQ(coverage.denominator(), changsha);
  bool furong = false;
  for (const auto& component : coverage.components()) {
    if (component.region_code() == "430102") {
      EXPECT_EQ(component.denominator(), 630000);
      furong = true;
    }
  }
  EXPECT_TRUE(furong);
  EXPECT_EQ(response.values(1).indicator(), rep::INDICATOR_NEW_USERS);
  EXPECT_EQ(response.values(1).denominator(), 0);
  EXPECT_TRUE(response.freshness().has_last_event_time());

  rep::ComputeIndicatorsRequest twice = request;
  twice.add_indicators(rep::INDICATOR_NEW_USERS);
  twice.add_indicators(static_cast<rep::Indicator>(99));
  auto call = suite_->reporting().Context(kProvinceAdmin);
  grpc::Status status = stub->ComputeIndicators(call.get(), twice, &response);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"indicators[2]=DUPLICATE_IN_REQUEST",
                                      "indicators[3]=VALUE_NOT_ALLOWED"}));
}

TEST_F(ReportingFiguresTest, ListsEveryIndicatorDefinitionInPages) {
  auto stub = ReportingService::NewStub(suite_->reporting().Channel());
  rep::ListIndicatorDefinitionsRequest request;
  request.set_page_size(5);
  std::vector<std::string> versions;
  int pages = 0;
  do {
    rep::ListIndicatorDefinitionsResponse response;
    auto context = suite_->reporting().Context(kFurongOfficer);
    ASSERT_TRUE(stub->ListIndicatorDefinitions(context.get(), request, &response).ok());
    for (const auto& definition : response.definitions()) versions.push_back(definition.version());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(versions.size(), 12u);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(versions[2], "control_rate.v1");

  rep::ListIndicatorDefinitionsRequest one;
  one.set_indicator(rep::INDICATOR_ISOLATION_RATE);
  rep::ListIndicatorDefinitionsResponse response;
  auto context = suite_->reporting().Context(kFurongOfficer);
  ASSERT_TRUE(stub->ListIndicatorDefinitions(context.get(), one, &response).ok());
  ASSERT_EQ(response.definitions_size(), 1);
  EXPECT_EQ(response.definitions(0).display_name(), "强制隔离戒毒收戒率");
  EXPECT_EQ(response.definitions(0).target(), ">= 30%");
}

// Reads a whole export; the status and the chunks' first file name and type.
grpc::Status Export(ReportingSuite& suite, const rep::ExportTableRequest& request,
                    const TestCaller& caller, std::string* file_name, std::string* content_type,
                    std::string* bytes) {
  auto stub = ReportingService::NewStub(suite.reporting().Channel());
  auto context = suite.reporting().Context(caller);
  auto reader = stub->ExportTable(context.get(), request);
  rep::ExportTableResponse chunk;
  bool first = true;
  while (reader->Read(&chunk)) {
    if (first) {
      *file_name = chunk.file_name();
      *content_type = chunk.content_type();
      first = false;
    }
    *bytes += chunk.data();
  }
  return reader->Finish();
}

TEST_F(ReportingFiguresTest, ExportsFiguresAsCsvAndXlsxWithChineseHeaders) {
  rep::ExportTableRequest request;
  request.set_table(rep::REPORT_TABLE_REGION_FIGURES);
  request.set_format(rep::EXPORT_FORMAT_CSV);
  request.set_region_code("430100");
  auto* range = request.mutable_period()->mutable_range();
  range->mutable_start_date()->set_year(2024);
  range->mutable_start_date()->set_month(7);
  range->mutable_start_date()->set_day(1);
  range->mutable_end_date()->set_year(2024);
  range->mutable_end_date()->set_month(11);
  range->mutable_end_date()->set_day(1);
  std::string file_name, content_type, bytes;
  grpc::Status status = Export(*suite_, request, kProvinceAdmin, &file_name, &content_type, &bytes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(file_name, "禁毒工作数据汇总_430100_2024-07-01_2024-10-31.csv");
  EXPECT_EQ(content_type, "text/csv; charset=utf-8");
  ASSERT_TRUE(bytes.starts_with("\xEF\xBB\xBF地区代码,地区,宣传活动(场)"));
  rep::ComputeRegionFiguresRequest compute;
  compute.set_region_code("430100");
  *compute.mutable_period() = request.period();
  compute.set_by_child_region(true);
  rep::ComputeRegionFiguresResponse figures;
  ASSERT_TRUE(Compute(compute, kProvinceAdmin, &figures).ok());
  // A header, one line per child region, the city's total.
  size_t lines = 0;
  for (size_t at = bytes.find("\r\n"); at != std::string::npos; at = bytes.find("\r\n", at + 2)) {
    ++lines;
  }
  EXPECT_EQ(lines, static_cast<size_t>(figures.by_child_region_size()) + 2);
  EXPECT_NE(bytes.find("\r\n430100,长沙市合计,"), std::string::npos);

  request.set_format(rep::EXPORT_FORMAT_XLSX);
  bytes.clear();
  ASSERT_TRUE(Export(*suite_, request, kProvinceAdmin, &file_name, &content_type, &bytes).ok());
  EXPECT_TRUE(file_name.ends_with(".xlsx"));
  EXPECT_TRUE(bytes.starts_with(std::string("PK\x03\x04", 4)));

  // Indicators with their counts per child region, and who filed July 2024 (nobody: all late).
  rep::ExportTableRequest indicators = request;
  indicators.set_table(rep::REPORT_TABLE_INDICATORS);
  indicators.set_format(rep::EXPORT_FORMAT_CSV);
  bytes.clear();
  status = Export(*suite_, indicators, kProvinceAdmin, &file_name, &content_type, &bytes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(bytes.starts_with("\xEF\xBB\xBF指标,定义版本,地区代码,分子,分母,比率\r\n"));
  EXPECT_NE(bytes.find("\r\nINDICATOR_CONTROL_RATE,control_rate.v1,合计,"), std::string::npos);
  EXPECT_NE(bytes.find("\r\nINDICATOR_CONTROL_RATE,control_rate.v1,430102,"), std::string::npos);
  rep::ExportTableRequest filings = indicators;
  filings.set_table(rep::REPORT_TABLE_FILINGS);
  filings.mutable_period()->mutable_month()->set_year(2024);
  filings.mutable_period()->mutable_month()->set_month(7);
  bytes.clear();
  status = Export(*suite_, filings, kProvinceAdmin, &file_name, &content_type, &bytes);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(bytes.starts_with("\xEF\xBB\xBF地区代码,报送状态,"));
  EXPECT_NE(bytes.find("\r\n430102,FILING_STATE_LATE,"), std::string::npos);
  EXPECT_EQ(file_name, "报表报送情况_430100_2024-07-01_2024-07-31.csv");

  // Unhappy paths: no table, another county's region.
  rep::ExportTableRequest no_table = request;
  no_table.clear_table();
  status = Export(*suite_, no_table, kProvinceAdmin, &file_name, &content_type, &bytes);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"table=FIELD_REQUIRED"});
  rep::ExportTableRequest other_county = request;
  other_county.set_region_code("430103");
  status = Export(*suite_, other_county, kFurongOfficer, &file_name, &content_type, &bytes);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace jindu::testing

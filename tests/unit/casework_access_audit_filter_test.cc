// The access audit API's pure parts: periods become Asia/Shanghai day boundaries (a read at
// 16:30 UTC on June 30 belongs to July 1), every bad filter field is named, and export rows are
// RFC 4180 with neutralised formulas and Asia/Shanghai times.
#include <gtest/gtest.h>

#include "casework/audit/access_audit_csv.h"
#include "casework/audit/access_audit_filter.h"

namespace jindu::casework {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
// 2024-07-01T00:00:00+08:00 = 2024-06-30T16:00:00Z.
constexpr int64_t kJuly1Shanghai = 1719763200 * kMicrosPerSecond;

std::vector<std::string> Fields(const runtime::FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const auto& violation : violations.violations()) {
    fields.push_back(violation.field + "=" +
                     common::v1::FieldViolationReason_Name(violation.reason));
  }
  return fields;
}

google::type::Date Day(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

TEST(AccessAuditFilterTest, MidnightIsShanghaiMidnight) {
  EXPECT_EQ(ShanghaiMidnightMicros({2024, 7, 1}), kJuly1Shanghai);
  EXPECT_EQ(ShanghaiMidnightMicros({1970, 1, 1}), -8LL * 3600 * kMicrosPerSecond);
}

TEST(AccessAuditFilterTest, EveryPeriodKindBecomesWholeDays) {
  runtime::FieldViolations violations;
  common::v1::Period period;
  *period.mutable_day() = Day(2024, 2, 29);
  auto days = CheckPeriod("p", period, &violations);
  ASSERT_TRUE(days.has_value());
  EXPECT_EQ(days->start, (runtime::CivilDate{2024, 2, 29}));
  EXPECT_EQ(days->end, (runtime::CivilDate{2024, 3, 1}));

  period.mutable_month()->set_year(2024);
  period.mutable_month()->set_month(12);
  days = CheckPeriod("p", period, &violations);
  ASSERT_TRUE(days.has_value());
  EXPECT_EQ(days->start, (runtime::CivilDate{2024, 12, 1}));
  EXPECT_EQ(days->end, (runtime::CivilDate{2025, 1, 1}));

  period.mutable_quarter()->set_year(2024);
  period.mutable_quarter()->set_quarter(3);
  days = CheckPeriod("p", period, &violations);
  ASSERT_TRUE(days.has_value());
  EXPECT_EQ(days->start, (runtime::CivilDate{2024, 7, 1}));
  EXPECT_EQ(days->end, (runtime::CivilDate{2024, 10, 1}));

  period.set_year(2023);
  days = CheckPeriod("p", period, &violations);
  ASSERT_TRUE(days.has_value());
  EXPECT_EQ(days->start, (runtime::CivilDate{2023, 1, 1}));
  EXPECT_EQ(days->end, (runtime::CivilDate{2024, 1, 1}));

  *period.mutable_range()->mutable_start_date() = Day(2024, 6, 26);
  *period.mutable_range()->mutable_end_date() = Day(2024, 11, 1);
  days = CheckPeriod("p", period, &violations);
  ASSERT_TRUE(days.has_value());
  EXPECT_EQ(days->start, (runtime::CivilDate{2024, 6, 26}));
  EXPECT_EQ(days->end, (runtime::CivilDate{2024, 11, 1}));
  EXPECT_TRUE(violations.empty());
}

TEST(AccessAuditFilterTest, BadPeriodsNameTheirField) {
  auto fields_of = [](const common::v1::Period& period) {
    runtime::FieldViolations violations;
    EXPECT_FALSE(CheckPeriod("filter.period", period, &violations).has_value());
    return Fields(violations);
  };
  common::v1::Period period;
  EXPECT_EQ(fields_of(period), std::vector<std::string>{"filter.period=FIELD_REQUIRED"});
  *period.mutable_day() = Day(2023, 2, 29);
  EXPECT_EQ(fields_of(period), std::vector<std::string>{"filter.period.day=FIELD_MALFORMED"});
  period.mutable_month()->set_year(1999);
  period.mutable_month()->set_month(13);
  EXPECT_EQ(fields_of(period),
            (std::vector<std::string>{"filter.period.month.year=FIELD_OUT_OF_RANGE",
                                      "filter.period.month.month=FIELD_OUT_OF_RANGE"}));
  period.mutable_quarter()->set_year(2024);
  period.mutable_quarter()->set_quarter(5);
  EXPECT_EQ(fields_of(period),
            std::vector<std::string>{"filter.period.quarter.quarter=FIELD_OUT_OF_RANGE"});
  period.set_year(10000);
  EXPECT_EQ(fields_of(period), std::vector<std::string>{"filter.period.year=FIELD_OUT_OF_RANGE"});
  *period.mutable_range()->mutable_start_date() = Day(2024, 7, 1);
  *period.mutable_range()->mutable_end_date() = Day(2024, 7, 1);
  EXPECT_EQ(fields_of(period),
            std::vector<std::string>{"filter.period.range.end_date=END_BEFORE_START"});
}

TEST(AccessAuditFilterTest, EveryBadFilterFieldIsNamedAtOnce) {
  runtime::RegionDirectory regions;
  runtime::RegionEntry province;
  province.code = "430000";
  province.level = common::v1::REGION_LEVEL_PROVINCE;
  regions.Upsert(province);
  v1::AccessAuditFilter filter;
  filter.set_person_pseudonym("P0123456789ABCDEF01234567");
  filter.set_resource("cases/../etc");
  filter.set_subject(std::string(129, 'a'));
  filter.mutable_period();  // present, but no kind
  filter.set_within_region_code("43");
  runtime::FieldViolations violations;
  CheckAccessAuditFilter(filter, regions, &violations);
  EXPECT_EQ(Fields(violations),
            (std::vector<std::string>{
                "filter.person_pseudonym=FIELD_MALFORMED", "filter.resource=FIELD_MALFORMED",
                "filter.subject=FIELD_TOO_LONG", "filter.period=FIELD_REQUIRED",
                "filter.within_region_code=FIELD_MALFORMED"}));

  v1::AccessAuditFilter unknown_region;
  unknown_region.set_within_region_code("439900");
  runtime::FieldViolations unknown;
  CheckAccessAuditFilter(unknown_region, regions, &unknown);
  EXPECT_EQ(Fields(unknown),
            std::vector<std::string>{"filter.within_region_code=REFERENCE_NOT_FOUND"});
}

TEST(AccessAuditFilterTest, AGoodFilterBecomesAQuery) {
  runtime::RegionDirectory regions;
  runtime::RegionEntry province;
  province.code = "430000";
  province.level = common::v1::REGION_LEVEL_PROVINCE;
  regions.Upsert(province);
  v1::AccessAuditFilter filter;
  filter.set_person_pseudonym("p0123456789abcdef01234567");
  filter.set_resource("caseTransfers/abc-123");
  filter.set_subject("furong-worker");
  filter.mutable_period()->mutable_month()->set_year(2024);
  filter.mutable_period()->mutable_month()->set_month(7);
  filter.set_within_region_code("430000");
  filter.set_denied_only(true);
  runtime::FieldViolations violations;
  const CheckedAccessAuditFilter checked = CheckAccessAuditFilter(filter, regions, &violations);
  EXPECT_TRUE(violations.empty()) << Fields(violations).front();
  EXPECT_EQ(checked.query.person_pseudonym, "p0123456789abcdef01234567");
  EXPECT_EQ(checked.query.resource, "caseTransfers/abc-123");
  EXPECT_EQ(checked.query.subject, "furong-worker");
  EXPECT_EQ(checked.query.from_micros, kJuly1Shanghai);
  EXPECT_EQ(checked.query.until_micros, ShanghaiMidnightMicros({2024, 8, 1}));
  EXPECT_TRUE(checked.query.denied_only);
  EXPECT_EQ(checked.within_region_code, "430000");
  EXPECT_EQ(checked.period_text, "2024-07-01/2024-08-01");
}

TEST(AccessAuditCsvTest, ValuesAreQuotedAndFormulasNeutralised) {
  EXPECT_EQ(CsvField(""), "\"\"");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\"\r\nnext"), "\"say \"\"hi\"\"\r\nnext\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("+1"), "\"'+1\"");
  EXPECT_EQ(CsvField("-1"), "\"'-1\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(CsvField("核对=身份"), "\"核对=身份\"");
}

TEST(AccessAuditCsvTest, TimesAreShanghaiWallClock) {
  // 2024-06-30T16:30:05Z is 2024-07-01 00:30:05 in Shanghai.
  EXPECT_EQ(ShanghaiDateTime(kJuly1Shanghai + (30 * 60 + 5) * kMicrosPerSecond + 999999),
            "2024-07-01 00:30:05");
  EXPECT_EQ(ShanghaiDateTime(kJuly1Shanghai - 1), "2024-06-30 23:59:59");
}

TEST(AccessAuditCsvTest, HeaderHasTheByteOrderMarkAndChineseColumns) {
  EXPECT_EQ(AccessAuditCsvHeader(),
            "\xEF\xBB\xBF\"序号\",\"时间\",\"用户\",\"角色\",\"方法\",\"资源\",\"人员代号\","
            "\"地区\",\"字段\",\"目的\",\"拒绝\"\r\n");
  AccessAuditEntryContent entry;
  entry.sequence = 42;
  entry.time_micros = kJuly1Shanghai;
  entry.subject = "furong-worker";
  entry.roles = "caseworker";
  entry.method = "/jindu.casework.v1.CaseworkService/GetCase";
  entry.resource = "cases/abc";
  entry.person_pseudonym = "p0123456789abcdef01234567";
  entry.region_code = "430102";
  entry.fields = "personal_details.full_name,personal_details.phone";
  entry.purpose = "走访前核对身份";
  entry.denied = true;
  EXPECT_EQ(AccessAuditCsvRow(entry),
            "\"42\",\"2024-07-01 00:00:00\",\"furong-worker\",\"caseworker\","
            "\"/jindu.casework.v1.CaseworkService/GetCase\",\"cases/abc\","
            "\"p0123456789abcdef01234567\",\"430102\","
            "\"personal_details.full_name,personal_details.phone\",\"走访前核对身份\",\"是\"\r\n");
}

}  // namespace
}  // namespace jindu::casework

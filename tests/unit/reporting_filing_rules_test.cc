// Filing rules: the late delta is current minus frozen figures field by field, with breakdowns
// matched by their keys (an entry on one side only counts as zero on the other) and zero
// differences left out; late_event_count counts the numeric cells that differ. Period ids, names,
// deadlines and states follow filing_period.h.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "reporting/filings/figures_diff.h"
#include "reporting/filings/filing_period.h"

namespace jindu::reporting {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::RegionFigures Frozen() {
  v1::RegionFigures figures;
  figures.set_region_code("430102");
  figures.set_region_display_name("芙蓉区");
  figures.mutable_period()->mutable_month()->set_year(2024);
  figures.mutable_period()->mutable_month()->set_month(7);
  auto* publicity = figures.mutable_publicity();
  publicity->set_activities(10);
  publicity->set_lectures(4);
  publicity->set_audience(900);
  auto* tier = publicity->add_by_media_tier();
  tier->set_tier(publicity::v1::MEDIA_TIER_CENTRAL_MAINSTREAM);
  tier->set_news_reports(2);
  auto* participation = publicity->add_participation();
  participation->set_campaign("campaigns/c1");
  participation->set_campaign_display_name("6.26");
  participation->set_kind(publicity::v1::PARTICIPATION_KIND_PLEDGE);
  participation->set_participants(100);
  participation->set_target(500);
  auto* casework = figures.mutable_casework();
  casework->set_cases_opened(3);
  auto* help = casework->add_help();
  help->set_kind(casework::v1::HELP_KIND_EMPLOYMENT);
  help->set_records(2);
  help->mutable_amount()->set_currency_code("CNY");
  help->mutable_amount()->set_minor_units(50000);
  figures.mutable_registration()->set_volunteers(40);
  return figures;
}

TEST(FiguresDiffTest, EqualFiguresHaveAnEmptyDelta) {
  const FiguresDelta delta = DiffFigures(Frozen(), Frozen());
  EXPECT_EQ(delta.changed_cells, 0);
  EXPECT_EQ(delta.delta.region_code(), "430102");
  EXPECT_EQ(delta.delta.region_display_name(), "芙蓉区");
  EXPECT_EQ(delta.delta.period().month().month(), 7);
  EXPECT_FALSE(delta.delta.has_publicity());
  EXPECT_FALSE(delta.delta.has_registration());
  EXPECT_FALSE(delta.delta.has_casework());
}

TEST(FiguresDiffTest, DifferencesByFieldAndByBreakdownKey) {
  v1::RegionFigures current = Frozen();
  auto* publicity = current.mutable_publicity();
  publicity->set_activities(11);  // +1
  publicity->set_audience(850);   // -50
  // A tier only current has, another tier's count unchanged.
  auto* tier = publicity->add_by_media_tier();
  tier->set_tier(publicity::v1::MEDIA_TIER_ONLINE);
  tier->set_news_reports(5);
  // The campaign renamed: still the same entry, by its campaign and kind.
  publicity->mutable_participation(0)->set_campaign_display_name("6.26 国际禁毒日");
  publicity->mutable_participation(0)->set_participants(130);
  // Money differences in minor units.
  current.mutable_casework()->mutable_help(0)->mutable_amount()->set_minor_units(80000);
  // Unchanged: left out.
  current.mutable_registration()->set_volunteers(40);

  const FiguresDelta delta = DiffFigures(current, Frozen());
  v1::RegionFigures expected;
  expected.set_region_code("430102");
  expected.set_region_display_name("芙蓉区");
  *expected.mutable_period() = Frozen().period();
  auto* want = expected.mutable_publicity();
  want->set_activities(1);
  want->set_audience(-50);
  auto* want_tier = want->add_by_media_tier();
  want_tier->set_tier(publicity::v1::MEDIA_TIER_ONLINE);
  want_tier->set_news_reports(5);
  auto* want_participation = want->add_participation();
  want_participation->set_campaign("campaigns/c1");
  want_participation->set_campaign_display_name("6.26 国际禁毒日");
  want_participation->set_kind(publicity::v1::PARTICIPATION_KIND_PLEDGE);
  want_participation->set_participants(30);
  auto* want_help = expected.mutable_casework()->add_help();
  want_help->set_kind(casework::v1::HELP_KIND_EMPLOYMENT);
  want_help->mutable_amount()->set_currency_code("CNY");
  want_help->mutable_amount()->set_minor_units(30000);
  std::string report;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&report);
  EXPECT_TRUE(differencer.Compare(expected, delta.delta)) << report;
  // activities, audience, the new tier, participants, the amount.
  EXPECT_EQ(delta.changed_cells, 5);
}

TEST(FiguresDiffTest, AnEntryOnlyFrozenHasIsNegative) {
  v1::RegionFigures current = Frozen();
  current.mutable_publicity()->clear_by_media_tier();
  current.mutable_casework()->set_cases_opened(0);
  const FiguresDelta delta = DiffFigures(current, Frozen());
  ASSERT_EQ(delta.delta.publicity().by_media_tier_size(), 1);
  EXPECT_EQ(delta.delta.publicity().by_media_tier(0).tier(),
            publicity::v1::MEDIA_TIER_CENTRAL_MAINSTREAM);
  EXPECT_EQ(delta.delta.publicity().by_media_tier(0).news_reports(), -2);
  EXPECT_EQ(delta.delta.casework().cases_opened(), -3);
  EXPECT_EQ(delta.changed_cells, 2);
  // Frozen + delta is current again.
  const FiguresDelta back = DiffFigures(Frozen(), current);
  EXPECT_EQ(back.delta.casework().cases_opened(), 3);
}

TEST(FilingPeriodTest, PeriodIdsAndNames) {
  auto month = ParseFilingPeriodId("2024-07");
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->period.month().month(), 7);
  EXPECT_EQ(month->dates.start, (runtime::CivilDate{2024, 7, 1}));
  EXPECT_EQ(month->dates.end, (runtime::CivilDate{2024, 8, 1}));
  auto quarter = ParseFilingPeriodId("2024-Q4");
  ASSERT_TRUE(quarter.has_value());
  EXPECT_EQ(quarter->dates.end, (runtime::CivilDate{2025, 1, 1}));
  for (const char* bad : {"2024-7", "2024-13", "2024-00", "2024-Q5", "2024-Q0", "1999-01",
                          "2024/07", "24-07", "2024-Q3x", ""}) {
    EXPECT_FALSE(ParseFilingPeriodId(bad).has_value()) << bad;
  }
  auto key = ParseFilingName("regions/430102/filings/2024-Q3");
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->region_code, "430102");
  EXPECT_EQ(key->period.id, "2024-Q3");
  EXPECT_EQ(FilingName("430102", "2024-Q3"), "regions/430102/filings/2024-Q3");
  for (const char* bad : {"regions//filings/2024-07", "regions/430102/filings/", "filings/2024-07",
                          "regions/430102/filing/2024-07", "regions/4301/02/filings/2024-07"}) {
    EXPECT_FALSE(ParseFilingName(bad).has_value()) << bad;
  }
  common::v1::Period year;
  year.set_year(2024);
  EXPECT_FALSE(FilingPeriodOf(year).has_value());
}

TEST(FilingPeriodTest, StatesAroundTheEndAndTheDeadline) {
  const FilingPeriod july = *ParseFilingPeriodId("2024-07");
  // 2024-08-01 00:00 +08:00 is 2024-07-31 16:00 UTC.
  const auto end = PeriodEnd(july);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(end.time_since_epoch()).count(),
            1722441600);
  const auto deadline = FilingDeadline(july, 10);
  EXPECT_EQ(deadline - end, std::chrono::hours(24 * 10));
  const auto second = std::chrono::seconds(1);
  EXPECT_EQ(FilingStateAt(july, 10, end - second, std::nullopt), v1::FILING_STATE_OPEN);
  EXPECT_EQ(FilingStateAt(july, 10, end, std::nullopt), v1::FILING_STATE_DUE);
  EXPECT_EQ(FilingStateAt(july, 10, deadline - second, std::nullopt), v1::FILING_STATE_DUE);
  EXPECT_EQ(FilingStateAt(july, 10, deadline, std::nullopt), v1::FILING_STATE_LATE);
  EXPECT_EQ(FilingStateAt(july, 10, deadline, deadline - second), v1::FILING_STATE_FILED);
  EXPECT_EQ(FilingStateAt(july, 10, deadline, deadline), v1::FILING_STATE_FILED_LATE);
}

// The period the missing-filings gauges count: the latest one whose deadline has come, at the
// exact instant (Asia/Shanghai midnight) and across year ends.
TEST(FilingPeriodTest, LatestOverduePeriod) {
  const FilingPeriod july = *ParseFilingPeriodId("2024-07");
  const auto second = std::chrono::seconds(1);
  // July's deadline with 10 days: 2024-08-11 00:00 +08:00.
  const auto july_deadline = FilingDeadline(july, 10);
  EXPECT_EQ(LatestOverduePeriod(false, 10, july_deadline).id, "2024-07");
  EXPECT_EQ(LatestOverduePeriod(false, 10, july_deadline - second).id, "2024-06");
  // Q2's deadline (2024-07-11) passed, Q3's (2024-10-11) not yet.
  EXPECT_EQ(LatestOverduePeriod(true, 10, july_deadline).id, "2024-Q2");
  const FilingPeriod q3 = *ParseFilingPeriodId("2024-Q3");
  EXPECT_EQ(LatestOverduePeriod(true, 10, FilingDeadline(q3, 10)).id, "2024-Q3");
  // Early January: December and the fourth quarter are not overdue yet; November and the third
  // quarter are.
  const FilingPeriod january = *ParseFilingPeriodId("2025-01");
  const auto new_year = PeriodEnd(*ParseFilingPeriodId("2024-12")) + std::chrono::hours(24 * 3);
  EXPECT_EQ(LatestOverduePeriod(false, 10, new_year).id, "2024-11");
  EXPECT_EQ(LatestOverduePeriod(true, 10, new_year).id, "2024-Q3");
  EXPECT_EQ(LatestOverduePeriod(false, 0, PeriodEnd(january)).id, "2025-01");
  // A deadline of a year: still found.
  EXPECT_EQ(LatestOverduePeriod(false, 366, july_deadline).id, "2023-07");
}

}  // namespace
}  // namespace jindu::reporting

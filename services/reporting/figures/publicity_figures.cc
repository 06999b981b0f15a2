#include "reporting/figures/publicity_figures.h"

#include "runtime/access/caller_access.h"
#include "runtime/postgres/prepared_statements.h"

namespace jindu::reporting {
namespace {

namespace pub = publicity::v1;

}  // namespace

v1::PublicityFigures ComputePublicityFigures(pqxx::transaction_base& tx, const std::string& schema,
                                             const std::string& region_code,
                                             const runtime::CivilDateRange& dates) {
  v1::PublicityFigures figures;
  const std::string start = runtime::FormatIsoDate(dates.start);
  const std::string end = runtime::FormatIsoDate(dates.end);
  // The region is a parameter, not a literal: one prepared statement serves every region.
  const std::string pattern = runtime::RegionPathPattern(region_code);
  // Each fact once, however many of the region's descendants and zones hold it.
  const std::string activities = " FROM " + schema +
                                 ".activity_facts a WHERE a.activity_date >= $1::date AND " +
                                 "a.activity_date < $2::date AND a.region_path LIKE $3";
  const std::string lecture = std::to_string(pub::ACTIVITY_KIND_LECTURE);

  const pqxx::row totals =
      runtime::ExecPrepared1(tx,
                             "SELECT count(*), count(*) FILTER (WHERE a.kind = " + lecture +
                                 "), coalesce(sum(a.audience), 0)" + activities,
                             start, end, pattern);
  figures.set_activities(totals[0].as<int64_t>());
  figures.set_lectures(totals[1].as<int64_t>());
  figures.set_audience(totals[2].as<int64_t>());
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx,
           "SELECT a.six_into_category, count(*), count(*) FILTER (WHERE a.kind = " + lecture +
               "), coalesce(sum(a.audience), 0)" + activities +
               " GROUP BY a.six_into_category ORDER BY a.six_into_category",
           start, end, pattern)) {
    v1::SixIntoFigures* six = figures.add_by_six_into_category();
    six->set_category(static_cast<pub::SixIntoCategory>(row[0].as<int>()));
    six->set_activities(row[1].as<int64_t>());
    six->set_lectures(row[2].as<int64_t>());
    six->set_audience(row[3].as<int64_t>());
  }
  for (const pqxx::row& row :
       runtime::ExecPrepared(tx,
                             "SELECT a.kind, count(*), coalesce(sum(a.audience), 0)" + activities +
                                 " GROUP BY a.kind ORDER BY a.kind",
                             start, end, pattern)) {
    v1::ActivityKindFigures* kind = figures.add_by_activity_kind();
    kind->set_kind(static_cast<pub::ActivityKind>(row[0].as<int>()));
    kind->set_activities(row[1].as<int64_t>());
    kind->set_audience(row[2].as<int64_t>());
  }
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx,
           "SELECT m.kind, sum(m.count) FROM " + schema +
               ".activity_fact_materials m WHERE m.activity_id IN (SELECT a.activity_id" +
               activities + ") GROUP BY m.kind ORDER BY m.kind",
           start, end, pattern)) {
    v1::MaterialTotal* material = figures.add_materials();
    material->set_kind(static_cast<pub::MaterialKind>(row[0].as<int>()));
    material->set_count(row[1].as<int64_t>());
  }

  const std::string reports = " FROM " + schema +
                              ".news_report_facts n WHERE NOT n.retracted AND n.publish_date >= " +
                              "$1::date AND n.publish_date < $2::date AND n.region_path LIKE $3";
  const pqxx::row report_totals = runtime::ExecPrepared1(
      tx, "SELECT count(*), count(DISTINCT n.outlet_name)" + reports, start, end, pattern);
  figures.set_news_reports(report_totals[0].as<int64_t>());
  figures.set_distinct_outlets(report_totals[1].as<int64_t>());
  for (const pqxx::row& row :
       runtime::ExecPrepared(tx,
                             "SELECT n.media_tier, count(*)" + reports +
                                 " GROUP BY n.media_tier ORDER BY n.media_tier",
                             start, end, pattern)) {
    v1::MediaTierFigures* tier = figures.add_by_media_tier();
    tier->set_tier(static_cast<pub::MediaTier>(row[0].as<int>()));
    tier->set_news_reports(row[1].as<int64_t>());
  }
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx, "SELECT n.channel, count(*)" + reports + " GROUP BY n.channel ORDER BY n.channel",
           start, end, pattern)) {
    v1::MediaChannelFigures* channel = figures.add_by_channel();
    channel->set_channel(static_cast<pub::MediaChannel>(row[0].as<int>()));
    channel->set_news_reports(row[1].as<int64_t>());
  }

  // Participation per campaign and kind; the target is the one set for exactly this region.
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx,
           "SELECT p.campaign_id, coalesce(c.display_name, ''), p.kind, sum(p.accepted), "
           "coalesce((SELECT t.target_count FROM " +
               schema +
               ".campaign_target_facts t WHERE t.campaign_id = p.campaign_id AND t.kind = p.kind "
               "AND t.region_code = $3), 0), sum(p.score_sum), sum(p.max_score_sum) FROM " +
               schema + ".participation_facts p LEFT JOIN " + schema +
               ".campaign_facts c ON c.campaign_id = p.campaign_id WHERE p.count_date >= "
               "$1::date AND p.count_date < $2::date AND " +
               "p.region_path LIKE $4 GROUP BY p.campaign_id, c.display_name, p.kind ORDER BY "
               "p.campaign_id, p.kind",
           start, end, region_code, pattern)) {
    v1::ParticipationFigures* participation = figures.add_participation();
    participation->set_campaign("campaigns/" + row[0].as<std::string>());
    participation->set_campaign_display_name(row[1].as<std::string>());
    participation->set_kind(static_cast<pub::ParticipationKind>(row[2].as<int>()));
    participation->set_participants(row[3].as<int64_t>());
    participation->set_target(row[4].as<int64_t>());
    participation->set_score_sum(row[5].as<int64_t>());
    participation->set_max_score_sum(row[6].as<int64_t>());
  }
  return figures;
}

}  // namespace jindu::reporting

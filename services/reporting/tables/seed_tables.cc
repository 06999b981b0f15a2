#include "reporting/tables/seed_tables.h"

#include <map>

#include "jindu/registration/v1/organization.pb.h"
#include "reporting/figures/region_figures.h"
#include "runtime/access/caller_access.h"

namespace jindu::reporting {
namespace {

namespace pub = publicity::v1;

const std::string kLecture = std::to_string(pub::ACTIVITY_KIND_LECTURE);
const std::string kLectureTeam = std::to_string(registration::v1::ORGANIZATION_KIND_LECTURE_TEAM);

struct Dates {
  std::string start;
  std::string end;
};

Dates IsoDates(const runtime::CivilDateRange& dates) {
  return {runtime::FormatIsoDate(dates.start), runtime::FormatIsoDate(dates.end)};
}

// The lecture teams of the region existing at some time in the period ($1 start, $2 end), as a
// subquery of their ids; `team_id` narrows to one (quoted here, never spliced raw).
std::string TeamsOf(pqxx::transaction_base& tx, const std::string& schema,
                    const std::string& region_code, const std::string& team_id) {
  return "SELECT o.organization_id FROM " + schema +
         ".organization_facts o WHERE o.kind = " + kLectureTeam + " AND " +
         runtime::RegionPathCondition(tx, "o.region_path", {region_code}, false) +
         " AND (o.founding_date IS NULL OR o.founding_date < $2::date) AND (o.dissolution_date "
         "IS NULL OR o.dissolution_date >= $1::date)" +
         (team_id.empty() ? std::string() : " AND o.organization_id = " + tx.quote(team_id));
}

}  // namespace

void ComputeLectureTeams(pqxx::transaction_base& tx, const std::string& schema,
                         const std::string& region_code, const runtime::CivilDateRange& range,
                         v1::ComputeLectureTeamTableResponse* response) {
  const Dates dates = IsoDates(range);
  const std::string teams = TeamsOf(tx, schema, region_code, "");
  for (const pqxx::row& row : tx.exec_params(
           "SELECT t.organization_id, t.display_name, t.region_code, (SELECT count(*) FROM " +
               schema + ".activity_facts a WHERE a.organization_id = t.organization_id AND " +
               "a.kind = " + kLecture +
               " AND a.activity_date >= $1::date AND a.activity_date < $2::date), (SELECT "
               "count(*) FROM " +
               schema +
               ".news_report_facts n WHERE n.organization_id = t.organization_id AND NOT "
               "n.retracted AND n.publish_date >= $1::date AND n.publish_date < $2::date) FROM " +
               schema + ".organization_facts t WHERE t.organization_id IN (" + teams +
               ") ORDER BY t.region_code, t.display_name COLLATE \"C\", t.organization_id",
           dates.start, dates.end)) {
    v1::LectureTeamRow* team = response->add_rows();
    const std::string id = row[0].as<std::string>();
    team->set_lecture_team("organizations/" + id);
    team->set_lecture_team_display_name(row[1].as<std::string>());
    team->set_region_code(row[2].as<std::string>());
    team->set_lectures(row[3].as<int64_t>());
    team->set_news_reports(row[4].as<int64_t>());
    for (const pqxx::row& outlet : tx.exec_params(
             "SELECT n.outlet_name FROM " + schema +
                 ".news_report_facts n WHERE n.organization_id = $3 AND NOT n.retracted AND "
                 "n.publish_date >= $1::date AND n.publish_date < $2::date GROUP BY "
                 "n.outlet_name ORDER BY count(*) DESC, n.outlet_name COLLATE \"C\"",
             dates.start, dates.end, id)) {
      team->add_outlets(outlet[0].as<std::string>());
    }
    response->set_total_lectures(response->total_lectures() + team->lectures());
    response->set_total_news_reports(response->total_news_reports() + team->news_reports());
  }
}

void ComputeLecturers(pqxx::transaction_base& tx, const std::string& schema,
                      const std::string& region_code, const std::string& team_id,
                      const runtime::CivilDateRange& range,
                      v1::ComputeLecturerTableResponse* response) {
  const Dates dates = IsoDates(range);
  const std::string teams = TeamsOf(tx, schema, region_code, team_id);
  const std::string lectures = " FROM " + schema + ".activity_facts a WHERE a.kind = " + kLecture +
                               " AND a.activity_date >= $1::date AND a.activity_date < $2::date "
                               "AND a.organization_id IN (" +
                               teams + ")";
  // A lecturer's row names the team of most of their lectures; the name is the published one.
  for (const pqxx::row& row : tx.exec_params(
           "SELECT y.lecturer, y.display_name, y.team, y.lectures, y.audience FROM (SELECT "
           "x.*, coalesce((SELECT p.display_name FROM " +
               schema +
               ".public_profile_facts p WHERE p.volunteer_id = x.lecturer AND NOT p.withdrawn "
               "ORDER BY p.profile_id LIMIT 1), '') AS display_name FROM (SELECT l.lecturer, "
               "mode() WITHIN GROUP (ORDER BY a.organization_id) AS team, count(*) AS lectures, "
               "coalesce(sum(a.audience), 0) AS audience FROM " +
               schema + ".activity_facts a CROSS JOIN unnest(a.lecturer_ids) AS l(lecturer) " +
               "WHERE a.kind = " + kLecture +
               " AND a.activity_date >= $1::date AND a.activity_date < $2::date AND "
               "a.organization_id IN (" +
               teams +
               ") GROUP BY l.lecturer) x) y ORDER BY y.lectures DESC, y.display_name COLLATE "
               "\"C\", y.lecturer",
           dates.start, dates.end)) {
    v1::LecturerRow* lecturer = response->add_rows();
    lecturer->set_lecturer("volunteers/" + row[0].as<std::string>());
    lecturer->set_lecturer_display_name(row[1].as<std::string>());
    lecturer->set_lecture_team("organizations/" + row[2].as<std::string>());
    lecturer->set_lectures(row[3].as<int64_t>());
    lecturer->set_audience(row[4].as<int64_t>());
  }
  // Each lecture once, however many lecturers gave it.
  const pqxx::row totals = tx.exec_params1(
      "SELECT count(*), coalesce(sum(a.audience), 0)" + lectures, dates.start, dates.end);
  response->set_total_lectures(totals[0].as<int64_t>());
  response->set_total_audience(totals[1].as<int64_t>());
  // Certified at period end: the newest certification before the end names one of the teams.
  response->set_lecturers(
      tx.exec_params1("SELECT count(*) FROM (SELECT DISTINCT ON (c.volunteer_id) "
                      "c.lecture_team_id FROM " +
                          schema +
                          ".lecturer_certification_facts c WHERE c.effective_date < $2::date "
                          "ORDER BY c.volunteer_id, c.aggregate_version DESC) c WHERE "
                          "c.lecture_team_id IN (" +
                          teams + ")",
                      dates.start, dates.end)[0]
          .as<int64_t>());
}

void ComputeSixInto(pqxx::transaction_base& tx, const std::string& schema,
                    const std::string& region_code, bool lectures_only, const std::string& team_id,
                    const runtime::CivilDateRange& range,
                    v1::ComputeSixIntoTableResponse* response) {
  const Dates dates = IsoDates(range);
  std::map<int, std::pair<int64_t, int64_t>> counts;
  for (const pqxx::row& row : tx.exec_params(
           "SELECT a.six_into_category, count(*), coalesce(sum(a.audience), 0) FROM " + schema +
               ".activity_facts a WHERE a.activity_date >= $1::date AND a.activity_date < "
               "$2::date AND " +
               runtime::RegionPathCondition(tx, "a.region_path", {region_code}, false) +
               (lectures_only ? " AND a.kind = " + kLecture : std::string()) +
               (team_id.empty() ? std::string() : " AND a.organization_id = " + tx.quote(team_id)) +
               " GROUP BY a.six_into_category",
           dates.start, dates.end)) {
    counts[row[0].as<int>()] = {row[1].as<int64_t>(), row[2].as<int64_t>()};
  }
  for (int category = pub::SIX_INTO_CATEGORY_SCHOOLS; category <= pub::SIX_INTO_CATEGORY_OTHER;
       ++category) {
    v1::SixIntoRow* row = response->add_rows();
    row->set_category(static_cast<pub::SixIntoCategory>(category));
    row->set_count(counts[category].first);
    row->set_audience(counts[category].second);
    response->set_total(response->total() + row->count());
    response->set_total_audience(response->total_audience() + row->audience());
  }
}

void ComputeMediaTiers(pqxx::transaction_base& tx, const std::string& schema,
                       const std::string& region_code, const runtime::CivilDateRange& range,
                       v1::ComputeMediaTierTableResponse* response) {
  const Dates dates = IsoDates(range);
  const std::string reports =
      " FROM " + schema + ".news_report_facts n WHERE NOT n.retracted AND n.publish_date >= " +
      "$1::date AND n.publish_date < $2::date AND " +
      runtime::RegionPathCondition(tx, "n.region_path", {region_code}, false);
  std::map<int, int64_t> tiers;
  for (const pqxx::row& row :
       tx.exec_params("SELECT n.media_tier, count(*)" + reports + " GROUP BY n.media_tier",
                      dates.start, dates.end)) {
    tiers[row[0].as<int>()] = row[1].as<int64_t>();
  }
  for (int tier = pub::MEDIA_TIER_CENTRAL_MAINSTREAM; tier <= pub::MEDIA_TIER_SELF_MEDIA; ++tier) {
    v1::MediaTierRow* row = response->add_tiers();
    row->set_tier(static_cast<pub::MediaTier>(tier));
    row->set_news_reports(tiers[tier]);
    response->set_total(response->total() + row->news_reports());
  }
  // An outlet's tier is the one most of its entries give (the lowest tier on a tie).
  for (const pqxx::row& row : tx.exec_params(
           "SELECT n.outlet_name, mode() WITHIN GROUP (ORDER BY n.media_tier), count(*)" + reports +
               " GROUP BY n.outlet_name ORDER BY count(*) DESC, n.outlet_name COLLATE \"C\"",
           dates.start, dates.end)) {
    v1::OutletRow* outlet = response->add_outlets();
    outlet->set_outlet_name(row[0].as<std::string>());
    outlet->set_tier(static_cast<pub::MediaTier>(row[1].as<int>()));
    outlet->set_news_reports(row[2].as<int64_t>());
  }
}

void ComputeBranchHeads(pqxx::transaction_base& tx, const ReportingContext& context,
                        const std::string& region_code, int top_branches,
                        const runtime::CivilDateRange& range,
                        v1::ComputeBranchHeadTableResponse* response) {
  const Dates dates = IsoDates(range);
  const std::string& schema = context.schema();
  const std::string in_period =
      "NOT n.retracted AND n.publish_date >= $1::date AND n.publish_date < $2::date";
  const std::string posts = "SELECT count(*) FILTER (WHERE n.channel = " +
                            std::to_string(pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE) +
                            "), count(*) FILTER (WHERE n.channel = " +
                            std::to_string(pub::MEDIA_CHANNEL_WECHAT_OFFICIAL_ACCOUNT) + ") FROM " +
                            schema + ".news_report_facts n WHERE " + in_period + " AND ";
  // Reports featuring a branch's head count for the branch's region.
  const std::string featuring = " FROM " + schema + ".news_report_facts n JOIN " + schema +
                                ".organization_facts b ON b.organization_id = ANY "
                                "(n.featured_branch_ids) WHERE " +
                                in_period + " AND ";
  std::vector<std::string> regions = ChildRegions(context, region_code);
  if (regions.empty()) regions.push_back(region_code);
  for (const std::string& code : regions) {
    v1::ChannelPostsRow* row = response->add_regions();
    row->set_region_code(code);
    if (auto entry = context.regions.Find(code)) row->set_region_display_name(entry->display_name);
    const pqxx::row counts =
        tx.exec_params1(posts + runtime::RegionPathCondition(tx, "n.region_path", {code}, false),
                        dates.start, dates.end);
    row->set_website_posts(counts[0].as<int64_t>());
    row->set_wechat_posts(counts[1].as<int64_t>());
    const std::string branch_inside =
        runtime::RegionPathCondition(tx, "b.region_path", {code}, false);
    row->set_branch_head_reports(
        tx.exec_params1("SELECT count(DISTINCT n.news_report_id)" + featuring + branch_inside,
                        dates.start, dates.end)[0]
            .as<int64_t>());
    for (const pqxx::row& branch : tx.exec_params(
             "SELECT b.organization_id, b.display_name, count(DISTINCT n.news_report_id)" +
                 featuring + branch_inside +
                 " GROUP BY b.organization_id, b.display_name ORDER BY 3 DESC, b.display_name "
                 "COLLATE \"C\", "
                 "b.organization_id" +
                 (top_branches > 0 ? " LIMIT " + std::to_string(top_branches) : std::string()),
             dates.start, dates.end)) {
      v1::BranchHeadRow* out = response->add_branches();
      out->set_branch("organizations/" + branch[0].as<std::string>());
      out->set_branch_display_name(branch[1].as<std::string>());
      out->set_county_region_code(code);
      out->set_news_reports(branch[2].as<int64_t>());
    }
  }
  const pqxx::row totals = tx.exec_params1(
      posts + runtime::RegionPathCondition(tx, "n.region_path", {region_code}, false), dates.start,
      dates.end);
  response->set_total_website_posts(totals[0].as<int64_t>());
  response->set_total_wechat_posts(totals[1].as<int64_t>());
}

}  // namespace jindu::reporting

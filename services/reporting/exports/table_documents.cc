#include "reporting/exports/table_documents.h"

#include <ctime>

namespace jindu::reporting {
namespace {

double Yuan(const common::v1::Money& money) { return money.minor_units() / 100.0; }

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : "、") + value;
  return text;
}

std::vector<TableCell> FiguresRow(const v1::RegionFigures& figures) {
  const auto& publicity = figures.publicity();
  const auto& registration = figures.registration();
  const auto& casework = figures.casework();
  return {figures.region_code(),
          figures.region_display_name(),
          publicity.activities(),
          publicity.lectures(),
          publicity.audience(),
          publicity.news_reports(),
          registration.volunteers(),
          registration.active_volunteers(),
          registration.lecturers(),
          registration.training_sessions(),
          registration.service_minutes() / 60.0,
          casework.cases_opened(),
          casework.new_users(),
          casework.cases_paired(),
          casework.contacts(),
          casework.urine_tests_due(),
          casework.urine_tests_done_on_schedule(),
          Yuan(casework.relief_money())};
}

}  // namespace

std::string SixIntoCategoryLabel(publicity::v1::SixIntoCategory category) {
  switch (category) {
    case publicity::v1::SIX_INTO_CATEGORY_SCHOOLS:
      return "进学校";
    case publicity::v1::SIX_INTO_CATEGORY_COMMUNITIES:
      return "进社区";
    case publicity::v1::SIX_INTO_CATEGORY_ONLINE:
      return "进网络";
    case publicity::v1::SIX_INTO_CATEGORY_INDUSTRIES:
      return "进行业";
    case publicity::v1::SIX_INTO_CATEGORY_VENUES:
      return "进场所";
    case publicity::v1::SIX_INTO_CATEGORY_OTHER:
      return "其他形式";
    default:
      return "未分类";
  }
}

std::string MediaTierLabel(publicity::v1::MediaTier tier) {
  switch (tier) {
    case publicity::v1::MEDIA_TIER_CENTRAL_MAINSTREAM:
      return "中央主流媒体";
    case publicity::v1::MEDIA_TIER_CENTRAL_OTHER:
      return "中央其他媒体";
    case publicity::v1::MEDIA_TIER_CENTRAL_NEW_MEDIA:
      return "中央新媒体";
    case publicity::v1::MEDIA_TIER_PROVINCIAL_MAINSTREAM:
      return "省级主流媒体";
    case publicity::v1::MEDIA_TIER_ONLINE:
      return "网络媒体";
    case publicity::v1::MEDIA_TIER_OTHER_MAINSTREAM:
      return "其他主流媒体";
    case publicity::v1::MEDIA_TIER_SELF_MEDIA:
      return "其他自媒体";
    default:
      return "未分类";
  }
}

TableDocument RegionFiguresDocument(const v1::ComputeRegionFiguresResponse& response) {
  TableDocument document{
      .title = "禁毒工作数据汇总",
      .headers = {"地区代码", "地区", "宣传活动(场)", "宣讲(场)", "覆盖人数", "新闻报道(篇)",
                  "志愿者(人)", "在岗志愿者(人)", "讲师(人)", "培训(场)", "服务时长(小时)",
                  "新增管控人员(人)", "新发现吸毒人员(人)", "结对帮扶(人)", "走访谈话(次)",
                  "应检尿检(次)", "按时尿检(次)", "救助金额(元)"}};
  for (const auto& child : response.by_child_region()) document.rows.push_back(FiguresRow(child));
  std::vector<TableCell> total = FiguresRow(response.figures());
  total[1] = response.figures().region_display_name() + "合计";
  document.rows.push_back(std::move(total));
  return document;
}

TableDocument LectureTeamsDocument(const v1::ComputeLectureTeamTableResponse& response) {
  TableDocument document{.title = "宣讲及报道情况",
                         .headers = {"讲师团", "地区代码", "宣讲场次", "报道篇数", "报道媒体"}};
  for (const auto& row : response.rows()) {
    document.rows.push_back({row.lecture_team_display_name(), row.region_code(), row.lectures(),
                             row.news_reports(), Joined(row.outlets())});
  }
  document.rows.push_back({std::string("合计"), std::string(), response.total_lectures(),
                           response.total_news_reports(), std::string()});
  return document;
}

TableDocument LecturersDocument(const v1::ComputeLecturerTableResponse& response) {
  TableDocument document{.title = "讲师宣讲情况",
                         .headers = {"讲师", "讲师团", "宣讲场次", "覆盖人数"}};
  for (const auto& row : response.rows()) {
    document.rows.push_back(
        {row.lecturer_display_name(), row.lecture_team(), row.lectures(), row.audience()});
  }
  document.rows.push_back({std::string("合计(讲师") + std::to_string(response.lecturers()) + "名)",
                           std::string(), response.total_lectures(), response.total_audience()});
  return document;
}

TableDocument SixIntoDocument(const v1::ComputeSixIntoTableResponse& response) {
  TableDocument document{.title = "六进宣讲情况", .headers = {"类别", "场次", "覆盖人数"}};
  for (const auto& row : response.rows()) {
    document.rows.push_back({SixIntoCategoryLabel(row.category()), row.count(), row.audience()});
  }
  document.rows.push_back({std::string("合计"), response.total(), response.total_audience()});
  return document;
}

TableDocument MediaTiersDocument(const v1::ComputeMediaTierTableResponse& response) {
  TableDocument document{.title = "媒体报道情况", .headers = {"媒体类别", "媒体", "报道篇数"}};
  for (const auto& tier : response.tiers()) {
    document.rows.push_back(
        {MediaTierLabel(tier.tier()), std::string("(小计)"), tier.news_reports()});
  }
  for (const auto& outlet : response.outlets()) {
    document.rows.push_back(
        {MediaTierLabel(outlet.tier()), outlet.outlet_name(), outlet.news_reports()});
  }
  document.rows.push_back({std::string("合计"), std::string(), response.total()});
  return document;
}

TableDocument BranchHeadsDocument(const v1::ComputeBranchHeadTableResponse& response) {
  TableDocument document{
      .title = "协会平台发稿及分会长报道",
      .headers = {"地区代码", "地区 / 分会", "协会网站发稿", "微信公众号发稿", "分会长报道"}};
  for (const auto& region : response.regions()) {
    document.rows.push_back({region.region_code(), region.region_display_name(),
                             region.website_posts(), region.wechat_posts(),
                             region.branch_head_reports()});
  }
  for (const auto& branch : response.branches()) {
    document.rows.push_back({branch.county_region_code(), branch.branch_display_name(),
                             std::string(), std::string(), branch.news_reports()});
  }
  document.rows.push_back({std::string("合计"), std::string(), response.total_website_posts(),
                           response.total_wechat_posts(), std::string()});
  return document;
}

TableDocument AssistanceDocument(const v1::ComputeAssistanceTableResponse& response) {
  TableDocument document{.title = "帮扶帮教情况",
                         .headers = {"地区代码", "地区", "管控人员(人)", "帮扶人数", "走访(次)",
                                     "小组会(次)", "救助金额(元)", "救助物品(件)", "就业安置(人)",
                                     "结对帮扶(人)", "多对一帮扶(人)"}};
  auto row = [](const v1::AssistanceRow& r) -> std::vector<TableCell> {
    return {r.region_code(),
            r.region_display_name(),
            r.cases(),
            r.persons_assisted(),
            r.visits(),
            r.group_meetings(),
            Yuan(r.relief_money()),
            r.relief_items(),
            r.jobs_placed(),
            r.cases_paired(),
            r.cases_paired_many_to_one()};
  };
  for (const auto& each : response.rows()) document.rows.push_back(row(each));
  std::vector<TableCell> total = row(response.total());
  total[1] = std::string("合计");
  document.rows.push_back(std::move(total));
  return document;
}

TableDocument IndicatorsDocument(const v1::ComputeIndicatorsResponse& response) {
  // One row per indicator for the region, then its counts per child region.
  TableDocument document{.title = "禁毒工作指标",
                         .headers = {"指标", "定义版本", "地区代码", "分子", "分母", "比率"}};
  for (const auto& value : response.values()) {
    const std::string name = v1::Indicator_Name(value.indicator());
    document.rows.push_back(
        {name, value.definition_version(), std::string("合计"), value.numerator(),
         value.denominator(),
         value.has_rate() ? TableCell(value.rate()) : TableCell(std::string())});
    for (const auto& component : value.components()) {
      const bool divisible = component.denominator() > 0;
      document.rows.push_back({name, value.definition_version(), component.region_code(),
                               component.numerator(), component.denominator(),
                               divisible ? TableCell(static_cast<double>(component.numerator()) /
                                                     static_cast<double>(component.denominator()))
                                         : TableCell(std::string())});
    }
  }
  return document;
}

TableDocument FilingsDocument(const std::vector<v1::Filing>& filings) {
  TableDocument document{
      .title = "报表报送情况",
      .headers = {"地区代码", "报送状态", "截止时间(UTC)", "报送时间(UTC)", "报送人", "版本"}};
  auto time_text = [](const google::protobuf::Timestamp& time) {
    if (time.seconds() == 0) return std::string();
    char buffer[32];
    const std::time_t seconds = time.seconds();
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M", std::gmtime(&seconds));
    return std::string(buffer);
  };
  for (const auto& filing : filings) {
    document.rows.push_back({filing.region_code(), v1::FilingState_Name(filing.state()),
                             time_text(filing.deadline_time()), time_text(filing.file_time()),
                             filing.filer_subject(), int64_t{filing.revision()}});
  }
  return document;
}

TableDocument AssessmentScoresDocument(const v1::ComputeAssessmentScoresResponse& response) {
  // One row per organisation, best first, with each criterion's figure and points beside the total.
  TableDocument document{.title = "考评得分", .headers = {"名次", "组织", "地区代码", "总分"}};
  if (!response.scores().empty()) {
    for (const auto& criterion : response.scores(0).criteria()) {
      document.headers.push_back(criterion.criterion_id() + " 数值");
      document.headers.push_back(criterion.criterion_id() + " 得分");
    }
  }
  for (const auto& score : response.scores()) {
    // Sized once and filled by index: growing a vector of variants trips a false
    // -Wmaybe-uninitialized in GCC 12.
    std::vector<TableCell> row(4 + 2 * static_cast<size_t>(score.criteria_size()));
    row[0] = int64_t{score.rank()};
    row[1] = score.organization_display_name();
    row[2] = score.region_code();
    row[3] = score.total_centipoints() / 100.0;
    size_t column = 4;
    for (const auto& criterion : score.criteria()) {
      row[column++] = criterion.figure();
      row[column++] = criterion.centipoints() / 100.0;
    }
    document.rows.push_back(std::move(row));
  }
  return document;
}

}  // namespace jindu::reporting

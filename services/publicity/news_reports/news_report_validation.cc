#include "publicity/news_reports/news_report_validation.h"

#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

constexpr size_t kMaxFeatured = 50;

// http(s) links only: a report is something an official can open.
bool IsWebLink(const std::string& uri) {
  const std::string_view text(uri);
  for (std::string_view scheme : {"https://", "http://"}) {
    if (text.starts_with(scheme) && text.size() > scheme.size()) {
      for (char c : text) {
        if (static_cast<unsigned char>(c) <= 0x20) return false;
      }
      return true;
    }
  }
  return false;
}

// Ids of a repeated resource-name field, each checked, duplicates refused.
std::vector<std::string> CheckNameList(const google::protobuf::RepeatedPtrField<std::string>& names,
                                       const std::string& field, std::string_view prefix,
                                       runtime::FieldViolations* violations) {
  std::vector<std::string> ids;
  if (static_cast<size_t>(names.size()) > kMaxFeatured) {
    violations->Add(field, common::v1::FIELD_OUT_OF_RANGE,
                    "at most " + std::to_string(kMaxFeatured) + " entries");
    return ids;
  }
  std::set<std::string> seen;
  for (int i = 0; i < names.size(); ++i) {
    const std::string path = field + "[" + std::to_string(i) + "]";
    const std::string id = runtime::CheckResourceName(*violations, path, names[i], prefix, true);
    if (id.empty()) continue;
    if (!seen.insert(id).second) {
      violations->Add(path, common::v1::DUPLICATE_IN_REQUEST, "named twice");
      continue;
    }
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

const std::set<std::string>& NewsReportMutablePaths() {
  static const std::set<std::string> paths = {
      "title",    "outlet_name",        "media_tier",           "channel", "uri", "publish_date",
      "activity", "featured_lecturers", "featured_branch_heads"};
  return paths;
}

void CheckNewsReportFields(const v1::NewsReport& input, const std::set<std::string>& paths,
                           runtime::CivilDate today, NewsReportRecord* record,
                           runtime::FieldViolations* violations) {
  auto wanted = [&](const char* path) { return paths.contains(path); };
  if (wanted("title") &&
      runtime::CheckTextLength("news_report.title", input.title(), 1, 300, violations)) {
    record->title = input.title();
  }
  if (wanted("outlet_name") && runtime::CheckTextLength("news_report.outlet_name",
                                                        input.outlet_name(), 1, 128, violations)) {
    record->outlet_name = input.outlet_name();
  }
  if (wanted("media_tier")) {
    if (input.media_tier() == v1::MEDIA_TIER_UNSPECIFIED) {
      violations->Add("news_report.media_tier", common::v1::FIELD_REQUIRED,
                      "name the media tier as seed 004 counts them");
    } else if (!v1::MediaTier_IsValid(input.media_tier())) {
      violations->Add("news_report.media_tier", common::v1::VALUE_NOT_ALLOWED,
                      "unknown media tier");
    } else {
      record->media_tier = input.media_tier();
    }
  }
  if (wanted("channel")) {
    if (input.channel() == v1::MEDIA_CHANNEL_UNSPECIFIED) {
      violations->Add("news_report.channel", common::v1::FIELD_REQUIRED, "name the channel");
    } else if (!v1::MediaChannel_IsValid(input.channel())) {
      violations->Add("news_report.channel", common::v1::VALUE_NOT_ALLOWED, "unknown channel");
    } else {
      record->channel = input.channel();
    }
  }
  if (wanted("uri")) {
    if (input.uri().size() > 2048) {
      violations->Add("news_report.uri", common::v1::FIELD_TOO_LONG, "at most 2048 characters");
    } else if (!input.uri().empty() && !IsWebLink(input.uri())) {
      violations->Add("news_report.uri", common::v1::FIELD_MALFORMED,
                      "an http:// or https:// link without spaces");
    } else {
      record->uri = input.uri();
    }
  }
  if (wanted("publish_date")) {
    if (auto date = runtime::CheckPastDate(*violations, "news_report.publish_date",
                                           input.has_publish_date(), input.publish_date(), today)) {
      record->publish_date = *date;
    }
  }
  if (wanted("organization")) {
    record->organization_id = runtime::CheckResourceName(
        *violations, "news_report.organization", input.organization(), "organizations/", true);
  }
  if (wanted("activity")) {
    record->activity_id = runtime::CheckResourceName(*violations, "news_report.activity",
                                                     input.activity(), "activities/", false);
  }
  if (wanted("featured_lecturers")) {
    record->featured_lecturer_ids = CheckNameList(
        input.featured_lecturers(), "news_report.featured_lecturers", "volunteers/", violations);
  }
  if (wanted("featured_branch_heads")) {
    record->featured_branch_ids =
        CheckNameList(input.featured_branch_heads(), "news_report.featured_branch_heads",
                      "organizations/", violations);
  }
}
}  // namespace jindu::publicity

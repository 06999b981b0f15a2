#include "publicity/activities/activity_validation.h"

#include <algorithm>

#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"

namespace jindu::publicity {
namespace {

using common::v1::DUPLICATE_IN_REQUEST;
using common::v1::FIELD_MALFORMED;
using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::VALUE_NOT_ALLOWED;

constexpr const char* kPrefix = "activity.";

std::string Indexed(const std::string& field, int index) {
  return kPrefix + field + "[" + std::to_string(index) + "]";
}

template <typename IsValid>
void CheckEnum(const std::string& field, int value, IsValid is_valid, const char* what,
               runtime::FieldViolations* violations) {
  if (value == 0) {
    violations->Add(field, FIELD_REQUIRED, std::string("required: ") + what);
  } else if (!is_valid(value)) {
    violations->Add(field, VALUE_NOT_ALLOWED, std::string("unknown ") + what);
  }
}

void CheckLecturers(const v1::Activity& activity, runtime::FieldViolations* violations) {
  std::set<std::string> seen;
  for (int i = 0; i < activity.lecturers_size(); ++i) {
    const std::string field = Indexed("lecturers", i);
    const std::string id = runtime::CheckResourceName(*violations, field, activity.lecturers(i),
                                                      "volunteers/", /*required=*/true);
    if (!id.empty() && !seen.insert(id).second) {
      violations->Add(field, DUPLICATE_IN_REQUEST, "each lecturer once");
    }
  }
}

void CheckVolunteers(const v1::Activity& activity, runtime::FieldViolations* violations) {
  std::set<std::string> seen;
  for (int i = 0; i < activity.volunteers_size(); ++i) {
    const v1::VolunteerService& served = activity.volunteers(i);
    const std::string field = Indexed("volunteers", i);
    const std::string id = runtime::CheckResourceName(*violations, field + ".volunteer",
                                                      served.volunteer(), "volunteers/", true);
    if (!id.empty() && !seen.insert(id).second) {
      violations->Add(field + ".volunteer", DUPLICATE_IN_REQUEST,
                      "each volunteer once: add the minutes up");
    }
    runtime::CheckMinutes(*violations, field + ".minutes", served.minutes());
  }
}

void CheckMaterials(const v1::Activity& activity, runtime::FieldViolations* violations) {
  std::set<int> kinds;
  for (int i = 0; i < activity.materials_size(); ++i) {
    const v1::MaterialCount& material = activity.materials(i);
    const std::string field = Indexed("materials", i);
    CheckEnum(field + ".kind", material.kind(), v1::MaterialKind_IsValid, "material kind",
              violations);
    if (material.kind() != 0 && !kinds.insert(material.kind()).second) {
      violations->Add(field + ".kind", DUPLICATE_IN_REQUEST,
                      "one entry per kind: add the counts up");
    }
    if (material.count() < 1) violations->Add(field + ".count", FIELD_OUT_OF_RANGE, "1 or more");
  }
}

void CheckAttachments(const v1::Activity& activity, runtime::FieldViolations* violations) {
  if (activity.attachments_size() > kMaxAttachments) {
    violations->Add(std::string(kPrefix) + "attachments", FIELD_OUT_OF_RANGE,
                    "at most " + std::to_string(kMaxAttachments) + " attachments");
    return;
  }
  for (int i = 0; i < activity.attachments_size(); ++i) {
    const v1::Attachment& attachment = activity.attachments(i);
    const std::string field = Indexed("attachments", i);
    CheckEnum(field + ".kind", attachment.kind(), v1::AttachmentKind_IsValid, "attachment kind",
              violations);
    runtime::CheckTextLength(field + ".uri", attachment.uri(), 1, kMaxUriCharacters, violations);
    if (attachment.sha256().empty()) {
      violations->Add(field + ".sha256", FIELD_REQUIRED, "the lower-case hex SHA-256 of the bytes");
    } else if (!IsSha256Hex(attachment.sha256())) {
      violations->Add(field + ".sha256", FIELD_MALFORMED, "64 lower-case hex characters");
    }
    if (attachment.size_bytes() < 1) {
      violations->Add(field + ".size_bytes", FIELD_OUT_OF_RANGE, "1 or more");
    }
    runtime::CheckTextLength(field + ".content_type", attachment.content_type(), 0,
                             kMaxContentTypeCharacters, violations);
    runtime::CheckTextLength(field + ".display_name", attachment.display_name(), 0,
                             kMaxDisplayNameCharacters, violations);
  }
}

void CheckCampaignTags(const v1::Activity& activity, runtime::FieldViolations* violations) {
  std::set<int> seen;
  for (int i = 0; i < activity.campaign_tags_size(); ++i) {
    const int tag = activity.campaign_tags(i);
    const std::string field = Indexed("campaign_tags", i);
    CheckEnum(field, tag, v1::CampaignTag_IsValid, "campaign tag", violations);
    if (tag != 0 && !seen.insert(tag).second) {
      violations->Add(field, DUPLICATE_IN_REQUEST, "each tag once");
    }
  }
}

}  // namespace

const std::vector<std::string>& MutableActivityPaths() {
  static const std::vector<std::string> paths = {
      "region_code", "title",         "kind",           "six_into_category", "campaign_tags",
      "campaign",    "activity_date", "audience_count", "lecturers",         "volunteers",
      "materials",   "attachments",   "description"};
  return paths;
}

std::set<std::string> AllActivityPaths() {
  std::set<std::string> paths(MutableActivityPaths().begin(), MutableActivityPaths().end());
  paths.insert("organization");
  return paths;
}

std::set<std::string> CheckActivityMask(const google::protobuf::FieldMask& mask,
                                        runtime::FieldViolations* violations) {
  std::set<std::string> paths;
  if (mask.paths_size() == 0) {
    violations->Add("update_mask", FIELD_REQUIRED,
                    "name the paths to change: region_code, title, kind, six_into_category, "
                    "campaign_tags, campaign, activity_date, audience_count, lecturers, "
                    "volunteers, materials, attachments, description");
    return paths;
  }
  const auto& mutable_paths = MutableActivityPaths();
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    const std::string field = "update_mask.paths[" + std::to_string(i) + "]";
    if (path == "organization") {
      violations->Add(field, common::v1::FIELD_IMMUTABLE, "the holding organisation never changes");
    } else if (std::find(mutable_paths.begin(), mutable_paths.end(), path) == mutable_paths.end()) {
      violations->Add(field, common::v1::UNKNOWN_FIELD_PATH, "not a mutable path of an activity");
    } else if (!paths.insert(path).second) {
      violations->Add(field, DUPLICATE_IN_REQUEST, "each path once");
    }
  }
  return paths;
}

void CheckActivityFields(const v1::Activity& activity, const std::set<std::string>& paths,
                         runtime::CivilDate today, runtime::FieldViolations* violations) {
  auto has = [&](const char* path) { return paths.contains(path); };
  if (has("organization")) {
    runtime::CheckResourceName(*violations, "activity.organization", activity.organization(),
                               "organizations/", /*required=*/true);
  }
  if (has("region_code") && activity.region_code().empty()) {
    violations->Add("activity.region_code", FIELD_REQUIRED, "where the activity took place");
  }
  if (has("title")) {
    runtime::CheckTextLength("activity.title", activity.title(), 1, kMaxTitleCharacters,
                             violations);
  }
  if (has("kind")) {
    CheckEnum("activity.kind", activity.kind(), v1::ActivityKind_IsValid, "activity kind",
              violations);
  }
  if (has("six_into_category")) {
    CheckEnum("activity.six_into_category", activity.six_into_category(),
              v1::SixIntoCategory_IsValid, "six-into category", violations);
  }
  if (has("campaign_tags")) CheckCampaignTags(activity, violations);
  if (has("campaign")) {
    // Only the name's format here; its date range is activity_campaign_check.h's.
    runtime::CheckResourceName(*violations, "activity.campaign", activity.campaign(), "campaigns/",
                               /*required=*/false);
  }
  if (has("activity_date")) {
    runtime::CheckPastDate(*violations, "activity.activity_date", activity.has_activity_date(),
                           activity.activity_date(), today);
  }
  if (has("audience_count") && activity.audience_count() < 0) {
    violations->Add("activity.audience_count", FIELD_OUT_OF_RANGE, "0 or more");
  }
  if (has("lecturers")) CheckLecturers(activity, violations);
  if ((has("kind") || has("lecturers")) && activity.kind() == v1::ACTIVITY_KIND_LECTURE &&
      activity.lecturers_size() == 0) {
    violations->Add("activity.lecturers", FIELD_REQUIRED, "a lecture names its lecturers");
  }
  if (has("volunteers")) CheckVolunteers(activity, violations);
  if (has("materials")) CheckMaterials(activity, violations);
  if (has("attachments")) CheckAttachments(activity, violations);
  if (has("description")) {
    runtime::CheckTextLength("activity.description", activity.description(), 0,
                             kMaxDescriptionCharacters, violations);
  }
}

void ApplyActivityPaths(const v1::Activity& source, const std::set<std::string>& paths,
                        v1::Activity* target) {
  for (const std::string& path : paths) {
    if (path == "organization") target->set_organization(source.organization());
    if (path == "region_code") target->set_region_code(source.region_code());
    if (path == "title") target->set_title(source.title());
    if (path == "kind") target->set_kind(source.kind());
    if (path == "six_into_category") target->set_six_into_category(source.six_into_category());
    if (path == "campaign_tags") *target->mutable_campaign_tags() = source.campaign_tags();
    if (path == "campaign") target->set_campaign(source.campaign());
    if (path == "activity_date") {
      if (source.has_activity_date()) {
        *target->mutable_activity_date() = source.activity_date();
      } else {
        target->clear_activity_date();
      }
    }
    if (path == "audience_count") target->set_audience_count(source.audience_count());
    if (path == "lecturers") *target->mutable_lecturers() = source.lecturers();
    if (path == "volunteers") *target->mutable_volunteers() = source.volunteers();
    if (path == "materials") *target->mutable_materials() = source.materials();
    if (path == "attachments") *target->mutable_attachments() = source.attachments();
    if (path == "description") target->set_description(source.description());
  }
}

bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::vector<int> CheckReviewStateFilter(const v1::ListActivitiesRequest& request,
                                        runtime::FieldViolations* violations) {
  std::vector<int> states;
  for (int i = 0; i < request.review_states_size(); ++i) {
    const int state = request.review_states(i);
    if (state == 0 || !v1::ReviewState_IsValid(state)) {
      violations->Add("review_states[" + std::to_string(i) + "]", VALUE_NOT_ALLOWED,
                      "unknown review state");
      continue;
    }
    states.push_back(state);
  }
  return states;
}

std::vector<int> CheckKindFilter(const v1::ListActivitiesRequest& request,
                                 runtime::FieldViolations* violations) {
  std::vector<int> kinds;
  for (int i = 0; i < request.kinds_size(); ++i) {
    const int kind = request.kinds(i);
    if (kind == 0 || !v1::ActivityKind_IsValid(kind)) {
      violations->Add("kinds[" + std::to_string(i) + "]", VALUE_NOT_ALLOWED, "unknown kind");
      continue;
    }
    kinds.push_back(kind);
  }
  return kinds;
}

}  // namespace jindu::publicity

// Activity rules that need no database (publicity/activities/): the review state machine, what may
// be edited or deleted in which state, the fields of an activity and the update masks, and the
// events' payloads (countable facts only).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "publicity/activities/activity_events.h"
#include "publicity/activities/activity_review_rules.h"
#include "publicity/activities/activity_validation.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

using runtime::CivilDate;
using runtime::FieldViolations;
using T = ReviewTransition;

constexpr CivilDate kToday{2026, 3, 15};

std::vector<std::string> Summary(const FieldViolations& violations) {
  std::vector<std::string> lines;
  for (const auto& violation : violations.violations()) {
    lines.push_back(violation.field + "=" +
                    common::v1::FieldViolationReason_Name(violation.reason));
  }
  return lines;
}

v1::Activity ValidActivity() {
  v1::Activity activity;
  activity.set_organization("organizations/branch1");
  activity.set_region_code("430102001");
  activity.set_title("禁毒知识进校园");
  activity.set_kind(v1::ACTIVITY_KIND_LECTURE);
  activity.set_six_into_category(v1::SIX_INTO_CATEGORY_SCHOOLS);
  activity.add_campaign_tags(v1::CAMPAIGN_TAG_JUNE_26);
  activity.set_campaign("campaigns/c626");
  *activity.mutable_activity_date() = runtime::ToProtoDate({2026, 3, 1});
  activity.set_audience_count(320);
  activity.add_lecturers("volunteers/lecturer1");
  auto* served = activity.add_volunteers();
  served->set_volunteer("volunteers/helper1");
  served->set_minutes(120);
  auto* leaflets = activity.add_materials();
  leaflets->set_kind(v1::MATERIAL_KIND_LEAFLET);
  leaflets->set_count(500);
  auto* photo = activity.add_attachments();
  photo->set_kind(v1::ATTACHMENT_KIND_PHOTO);
  photo->set_uri("s3://publicity/2026/03/01/a.jpg");
  photo->set_sha256(std::string(64, 'a'));
  photo->set_size_bytes(2048);
  return activity;
}

std::vector<std::string> CheckAll(const v1::Activity& activity) {
  FieldViolations violations;
  CheckActivityFields(activity, AllActivityPaths(), kToday, &violations);
  return Summary(violations);
}

TEST(PublicityReviewStateRules, EveryTransitionFromEveryState) {
  const std::vector<v1::ReviewState> states = {v1::REVIEW_STATE_DRAFT, v1::REVIEW_STATE_SUBMITTED,
                                               v1::REVIEW_STATE_APPROVED, v1::REVIEW_STATE_REJECTED,
                                               v1::REVIEW_STATE_CORRECTION_SUBMITTED};
  struct Expected {
    v1::ReviewState from;
    T transition;
    std::optional<v1::ReviewState> to;
  };
  const std::vector<Expected> legal = {
      {v1::REVIEW_STATE_DRAFT, T::kSubmit, v1::REVIEW_STATE_SUBMITTED},
      {v1::REVIEW_STATE_REJECTED, T::kSubmit, v1::REVIEW_STATE_SUBMITTED},
      {v1::REVIEW_STATE_SUBMITTED, T::kApprove, v1::REVIEW_STATE_APPROVED},
      {v1::REVIEW_STATE_SUBMITTED, T::kReject, v1::REVIEW_STATE_REJECTED},
      {v1::REVIEW_STATE_APPROVED, T::kProposeCorrection, v1::REVIEW_STATE_CORRECTION_SUBMITTED},
      {v1::REVIEW_STATE_CORRECTION_SUBMITTED, T::kApprove, v1::REVIEW_STATE_APPROVED},
      {v1::REVIEW_STATE_CORRECTION_SUBMITTED, T::kReject, v1::REVIEW_STATE_APPROVED},
  };
  for (v1::ReviewState from : states) {
    for (T transition : {T::kSubmit, T::kApprove, T::kReject, T::kProposeCorrection}) {
      std::optional<v1::ReviewState> expected;
      for (const Expected& each : legal) {
        if (each.from == from && each.transition == transition) expected = each.to;
      }
      EXPECT_EQ(NextReviewState(from, transition), expected)
          << ReviewStateLabel(from) << " transition " << static_cast<int>(transition);
    }
  }
  EXPECT_FALSE(NextReviewState(v1::REVIEW_STATE_UNSPECIFIED, T::kSubmit).has_value());
}

TEST(PublicityReviewStateRules, EditsAndDeletesByState) {
  EXPECT_EQ(EditRefusal(v1::REVIEW_STATE_DRAFT), std::nullopt);
  EXPECT_EQ(EditRefusal(v1::REVIEW_STATE_REJECTED), std::nullopt);
  EXPECT_EQ(EditRefusal(v1::REVIEW_STATE_SUBMITTED), common::v1::ILLEGAL_STATE_TRANSITION);
  EXPECT_EQ(EditRefusal(v1::REVIEW_STATE_APPROVED), common::v1::APPROVED_RESOURCE_IMMUTABLE);
  EXPECT_EQ(EditRefusal(v1::REVIEW_STATE_CORRECTION_SUBMITTED),
            common::v1::APPROVED_RESOURCE_IMMUTABLE);
  EXPECT_EQ(DeleteRefusal(v1::REVIEW_STATE_DRAFT), std::nullopt);
  EXPECT_EQ(DeleteRefusal(v1::REVIEW_STATE_REJECTED), common::v1::ILLEGAL_STATE_TRANSITION);
  EXPECT_EQ(DeleteRefusal(v1::REVIEW_STATE_SUBMITTED), common::v1::ILLEGAL_STATE_TRANSITION);
  EXPECT_EQ(DeleteRefusal(v1::REVIEW_STATE_APPROVED), common::v1::APPROVED_RESOURCE_IMMUTABLE);
  EXPECT_TRUE(ApprovesCorrection(v1::REVIEW_STATE_CORRECTION_SUBMITTED));
  EXPECT_FALSE(ApprovesCorrection(v1::REVIEW_STATE_SUBMITTED));
  EXPECT_EQ(ApprovedRevisionAfterApproval(0), 1);
  EXPECT_EQ(ApprovedRevisionAfterApproval(1), 2);
  EXPECT_EQ(ReviewStateLabel(v1::REVIEW_STATE_CORRECTION_SUBMITTED), "CORRECTION_SUBMITTED");
}

TEST(PublicityReviewStateRules, AValidActivityPasses) {
  EXPECT_TRUE(CheckAll(ValidActivity()).empty());
}

TEST(PublicityReviewStateRules, EachBadFieldIsNamed) {
  v1::Activity activity = ValidActivity();
  activity.set_organization("branch1");
  activity.clear_region_code();
  activity.set_title(std::string(201, 'x'));
  activity.set_kind(v1::ACTIVITY_KIND_UNSPECIFIED);
  activity.set_six_into_category(v1::SIX_INTO_CATEGORY_UNSPECIFIED);
  activity.set_campaign("campaign/c626");
  *activity.mutable_activity_date() = runtime::ToProtoDate({2026, 3, 16});
  activity.set_audience_count(-1);
  activity.set_description(std::string(4001, 'd'));
  EXPECT_EQ(
      CheckAll(activity),
      (std::vector<std::string>{
          "activity.organization=FIELD_MALFORMED", "activity.region_code=FIELD_REQUIRED",
          "activity.title=FIELD_TOO_LONG", "activity.kind=FIELD_REQUIRED",
          "activity.six_into_category=FIELD_REQUIRED", "activity.campaign=FIELD_MALFORMED",
          "activity.activity_date=DATE_IN_FUTURE", "activity.audience_count=FIELD_OUT_OF_RANGE",
          "activity.description=FIELD_TOO_LONG"}));
}

TEST(PublicityReviewStateRules, PeopleMaterialsAndAttachments) {
  v1::Activity activity = ValidActivity();
  activity.add_lecturers("volunteers/lecturer1");
  activity.add_lecturers("lecturer2");
  auto* again = activity.add_volunteers();
  again->set_volunteer("volunteers/helper1");
  again->set_minutes(1441);
  auto* zero = activity.add_volunteers();
  zero->set_volunteer("volunteers/helper2");
  zero->set_minutes(0);
  auto* banners = activity.add_materials();
  banners->set_kind(v1::MATERIAL_KIND_LEAFLET);
  banners->set_count(0);
  auto* bad = activity.add_attachments();
  bad->set_uri("");
  bad->set_sha256(std::string(64, 'A'));
  bad->set_size_bytes(0);
  auto* unhashed = activity.add_attachments();
  unhashed->set_kind(v1::ATTACHMENT_KIND_VIDEO);
  unhashed->set_uri("s3://v");
  unhashed->set_size_bytes(1);
  EXPECT_EQ(CheckAll(activity),
            (std::vector<std::string>{"activity.lecturers[1]=DUPLICATE_IN_REQUEST",
                                      "activity.lecturers[2]=FIELD_MALFORMED",
                                      "activity.volunteers[1].volunteer=DUPLICATE_IN_REQUEST",
                                      "activity.volunteers[1].minutes=FIELD_OUT_OF_RANGE",
                                      "activity.volunteers[2].minutes=FIELD_OUT_OF_RANGE",
                                      "activity.materials[1].kind=DUPLICATE_IN_REQUEST",
                                      "activity.materials[1].count=FIELD_OUT_OF_RANGE",
                                      "activity.attachments[1].kind=FIELD_REQUIRED",
                                      "activity.attachments[1].uri=FIELD_REQUIRED",
                                      "activity.attachments[1].sha256=FIELD_MALFORMED",
                                      "activity.attachments[1].size_bytes=FIELD_OUT_OF_RANGE",
                                      "activity.attachments[2].sha256=FIELD_REQUIRED"}));
  v1::Activity many = ValidActivity();
  for (int i = 0; i < 50; ++i) *many.add_attachments() = many.attachments(0);
  EXPECT_EQ(CheckAll(many), (std::vector<std::string>{"activity.attachments=FIELD_OUT_OF_RANGE"}));
}

TEST(PublicityReviewStateRules, ALectureNeedsALecturer) {
  v1::Activity lecture = ValidActivity();
  lecture.clear_lecturers();
  EXPECT_EQ(CheckAll(lecture), (std::vector<std::string>{"activity.lecturers=FIELD_REQUIRED"}));
  lecture.set_kind(v1::ACTIVITY_KIND_STREET_CAMPAIGN);
  EXPECT_TRUE(CheckAll(lecture).empty());
  // An update of the title alone does not re-judge the rest.
  lecture.set_kind(v1::ACTIVITY_KIND_LECTURE);
  FieldViolations violations;
  CheckActivityFields(lecture, {"title"}, kToday, &violations);
  EXPECT_TRUE(violations.empty());
}

TEST(PublicityReviewStateRules, UpdateMasks) {
  google::protobuf::FieldMask mask;
  FieldViolations violations;
  EXPECT_TRUE(CheckActivityMask(mask, &violations).empty());
  EXPECT_EQ(Summary(violations), (std::vector<std::string>{"update_mask=FIELD_REQUIRED"}));
  mask.add_paths("title");
  mask.add_paths("organization");
  mask.add_paths("review_state");
  mask.add_paths("title");
  FieldViolations more;
  EXPECT_EQ(CheckActivityMask(mask, &more), (std::set<std::string>{"title"}));
  EXPECT_EQ(Summary(more), (std::vector<std::string>{"update_mask.paths[1]=FIELD_IMMUTABLE",
                                                     "update_mask.paths[2]=UNKNOWN_FIELD_PATH",
                                                     "update_mask.paths[3]=DUPLICATE_IN_REQUEST"}));
  v1::Activity target = ValidActivity();
  v1::Activity source;
  source.set_title("新标题");
  source.set_audience_count(7);
  ApplyActivityPaths(source, {"title", "lecturers"}, &target);
  EXPECT_EQ(target.title(), "新标题");
  EXPECT_EQ(target.lecturers_size(), 0);
  EXPECT_EQ(target.audience_count(), 320);
}

TEST(PublicityReviewStateRules, EventsCarryTheCountableFactsOnly) {
  ActivityRecord record;
  record.id = "act1";
  record.content = ValidActivity();
  record.content.set_description("学生张三的电话13812345678");
  record.approved_revision = 2;
  record.revision = 7;
  const events::v1::ActivityFacts facts = ActivityFactsOf(record);
  EXPECT_EQ(facts.activity(), "activities/act1");
  EXPECT_EQ(facts.organization(), "organizations/branch1");
  EXPECT_EQ(facts.approved_revision(), 2);
  EXPECT_EQ(facts.volunteers(0).minutes(), 120);
  EXPECT_EQ(facts.lecturers(0), "volunteers/lecturer1");
  EXPECT_EQ(facts.materials(0).count(), 500);
  const std::string bytes = ActivityApprovedEvent(record).SerializeAsString() +
                            ActivityCorrectedEvent(record, 1).SerializeAsString() +
                            ActivitySubmittedEvent(record, false).SerializeAsString() +
                            ActivityRejectedEvent(record, true).SerializeAsString();
  for (const char* secret : {"13812345678", "禁毒知识进校园", "s3://publicity"}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(ActivityCorrectedEvent(record, 1).previous_revision(), 1);
  EXPECT_TRUE(ActivityRejectedEvent(record, true).correction());
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'f')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'f')));
}

}  // namespace
}  // namespace jindu::publicity

// Seed 004's tables (the Changsha association's July-October 2024 summary) reproduced by the
// reporting service from facts entered through the real public APIs: organisations, lecturers and
// their certifications through registration; lectures (submitted, then approved by the county
// officer above the holding organisation) and news reports through publicity. Reporting learns all
// of it only from the events. Scale 1:1: every count of the seed's lecture-team, lecturer,
// six-into, media-tier and website/WeChat tables is entered as it is (about 920 lectures and
// 5,600 news reports), so the expected files under tests/data/expected/ are the seed's numbers.
//
// Decoys sit just outside each period and region and must not count: a lecture the day before and
// the day after each period, one in another city's county (衡阳县), a draft, a rejected and a
// still-submitted one, an approved one whose approved correction moved it out of the period, a
// retracted report, reports the day before/after. A special zone (湘江新区) holds a county
// (岳麓区): the city counts each fact once though two of its children hold it. A period one day
// shorter changes the answer.

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/query_wait.h"
#include "harness/registration_backed_suite.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace pub = publicity::v1;
namespace reg = registration::v1;
namespace rep = reporting::v1;
using publicity::v1::PublicityService;
using registration::v1::RegistrationService;
using reporting::v1::ReportingService;

const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
// The association's staff record lectures and reports.
const TestCaller kStaff{
    .subject = "association-staff", .roles = {"association_staff"}, .regions = {"430000"}};
// The level above the lecture teams (whose parent is the city association): the city's officer.
const TestCaller kCityReviewer{
    .subject = "changsha-officer", .roles = {"county_officer"}, .regions = {"430100"}};
// Above 衡阳县's association (at the top): its own region, reviewed by the province.
const TestCaller kProvinceReviewer{
    .subject = "province-reviewer", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kReader{
    .subject = "city-reader", .roles = {"county_officer"}, .regions = {"430100"}};
const TestCaller kFurongReader{
    .subject = "furong-reader", .roles = {"county_officer"}, .regions = {"430102"}};

constexpr int kAudiencePerCityLecture = 260;  // 194 x 260 = 50440: the seed's "超50000人次"
constexpr int kAudiencePerDistrictLecture = 100;

runtime::CivilDate Day(int y, int m, int d) { return {y, m, d}; }

// One lecture team of the seed's district table.
struct TeamSpec {
  std::string name;
  std::string region;       // where the team stands
  std::string association;  // the district association (posts), "" for the city team
  std::string association_region;
  int lectures;  // 2024-07..10
  int reports;   // 2024-07..10
  std::vector<std::string> outlets;
};

const std::vector<TeamSpec>& Teams() {
  static const std::vector<TeamSpec> teams = {
      {"市讲师团",
       "430100",
       "",
       "430100",
       94,
       53,
       {"中华人民共和国司法部", "新湖南", "湖南禁毒微博", "中共长沙市委老干部局官网", "红网",
        "长沙市社会禁毒协会官网", "微信公众号", "抖音(文娱长沙)"}},
      {"湘江新区讲师团",
       "430104",
       "湘江新区社会禁毒协会",
       "Z43010001",
       82,
       15,
       {"岳麓禁毒微信公众号", "抖音(岳麓禁毒)"}},
      {"芙蓉区讲师团",
       "430102",
       "芙蓉区社会禁毒协会",
       "430102",
       40,
       20,
       {"今日头条", "芙蓉区社会禁毒协会微信公众号"}},
      {"天心区讲师团",
       "430103",
       "天心区社会禁毒协会",
       "430103",
       65,
       50,
       {"湖南日报", "新浪新闻", "腾讯新闻", "搜狐新闻", "凤凰新闻", "网易新闻", "今日头条",
        "新湖南", "红网", "华声在线", "湖南教育电视台", "湖南法制报"}},
      {"开福区讲师团", "430105", "开福区社会禁毒协会", "430105", 57, 16, {"今日头条"}},
      {"雨花区讲师团",
       "430111",
       "雨花区社会禁毒协会",
       "430111",
       44,
       6,
       {"华声在线", "新湖南", "中国网"}},
      {"长沙县讲师团",
       "430121",
       "长沙县社会禁毒协会",
       "430121",
       47,
       190,
       {"中国禁毒微博", "湖南禁毒", "新湖南", "红网", "华声在线", "今日头条", "在星沙",
        "掌上星沙"}},
      {"望城区讲师团",
       "430112",
       "望城区社会禁毒协会",
       "430112",
       68,
       24,
       {"今日头条", "新湖南", "红网", "华声在线"}},
      {"浏阳市讲师团", "430181", "浏阳市社会禁毒协会", "430181", 125, 45, {"今日头条"}},
      {"宁乡市讲师团", "430182", "宁乡市社会禁毒协会", "430182", 187, 31, {"湖南日报", "今日头条"}},
  };
  return teams;
}

// The city lecture team's lecturers and lectures in 2024 up to 11-19, and its six-into breakdown.
const std::vector<std::pair<std::string, int>> kCityLecturers = {
    {"周跃五", 33}, {"申群翼", 2}, {"马滔", 5},  {"赵兰", 5},   {"孟繁英", 34},
    {"陈湘江", 10}, {"莫米娜", 5}, {"刘骞", 60}, {"覃汉兵", 4}, {"杨帆", 3},
    {"黄晓妺", 2},  {"戴鲸", 8},   {"刘涛", 23}};
// Certified in the city team, without a lecture in the period (16 in all).
const std::vector<std::string> kIdleLecturers = {"讲师甲", "讲师乙", "讲师丙"};
const std::vector<std::pair<pub::SixIntoCategory, int>> kSixInto = {
    {pub::SIX_INTO_CATEGORY_SCHOOLS, 78}, {pub::SIX_INTO_CATEGORY_COMMUNITIES, 23},
    {pub::SIX_INTO_CATEGORY_ONLINE, 10},  {pub::SIX_INTO_CATEGORY_INDUSTRIES, 41},
    {pub::SIX_INTO_CATEGORY_VENUES, 10},  {pub::SIX_INTO_CATEGORY_OTHER, 32}};

// Posts on the association's website and WeChat account in 2024-01..10 per district (the seed
// names 湘江新区 825/215, 雨花区 702/144, 宁乡市 422, 开福区 137 and the totals 3196/920; the rest
// is split so that those stay the largest), "430100" for the city association's own.
struct PostsSpec {
  std::string region;
  int website;
  int wechat;
  std::vector<std::pair<std::string, int>> branches;  // reports featuring each branch head
};
const std::vector<PostsSpec>& Posts() {
  static const std::vector<PostsSpec> posts = {
      {"430100", 100, 40, {}},
      {"Z43010001",
       825,
       215,
       {{"雷锋街道分会", 121},
        {"白马街道分会", 85},
        {"东方红街道分会", 28},
        {"湘江新区其他分会1", 25},
        {"湘江新区其他分会2", 25},
        {"湘江新区其他分会3", 25},
        {"湘江新区其他分会4", 25},
        {"湘江新区其他分会5", 25},
        {"湘江新区其他分会6", 25},
        {"湘江新区其他分会7", 25},
        {"湘江新区其他分会8", 25},
        {"湘江新区其他分会9", 25},
        {"湘江新区其他分会10", 24}}},
      {"430102", 150, 60, {{"定王台街道分会", 4}, {"五里牌街道分会", 4}, {"火星街道分会", 4}}},
      {"430103", 200, 70, {{"坡子街街道分会", 24}, {"暮云街道分会", 19}, {"新开铺街道分会", 15}}},
      {"430105",
       260,
       137,
       {{"捞刀河街道分会", 63},
        {"沙坪街道分会", 27},
        {"清水塘街道分会", 18},
        {"开福区其他分会1", 14},
        {"开福区其他分会2", 14},
        {"开福区其他分会3", 14},
        {"开福区其他分会4", 14},
        {"开福区其他分会5", 14}}},
      {"430111", 702, 144, {{"井湾子街道分会", 11}}},
      {"430112", 180, 65, {{"乌山街道分会", 34}, {"月亮岛街道分会", 31}, {"桥驿镇分会", 6}}},
      {"430121", 210, 75, {{"开慧镇分会", 29}, {"金井镇分会", 10}, {"长龙街道分会", 7}}},
      {"430181",
       147,
       44,
       {{"达浒镇分会", 8},
        {"大瑶镇分会", 6},
        {"永安镇分会", 6},
        {"北盛镇分会", 5},
        {"永和镇分会", 5}}},
      {"430182", 422, 70, [] {
         std::vector<std::pair<std::string, int>> branches = {
             {"横市镇分会", 14}, {"灰汤镇分会", 11}, {"玉潭街道分会", 7}, {"夏铎铺镇分会", 7},
             {"龙田镇分会", 7},  {"黄材镇分会", 7},  {"青山桥镇分会", 7}};
         for (int i = 1; i <= 14; ++i) {
           branches.push_back({"宁乡市其他分会" + std::to_string(i), i == 14 ? 4 : 5});
         }
         return branches;
       }()}};
  return posts;
}

// Media tiers of 2024-06-26..10-31 (1570 in all); the lecture teams' 450 reports are online.
const std::vector<std::pair<pub::MediaTier, int>> kTiers = {
    {pub::MEDIA_TIER_CENTRAL_MAINSTREAM, 2}, {pub::MEDIA_TIER_CENTRAL_OTHER, 14},
    {pub::MEDIA_TIER_CENTRAL_NEW_MEDIA, 11}, {pub::MEDIA_TIER_PROVINCIAL_MAINSTREAM, 5},
    {pub::MEDIA_TIER_ONLINE, 1504},          {pub::MEDIA_TIER_OTHER_MAINSTREAM, 4},
    {pub::MEDIA_TIER_SELF_MEDIA, 30}};
std::string TierOutlet(pub::MediaTier tier) {
  switch (tier) {
    case pub::MEDIA_TIER_CENTRAL_MAINSTREAM:
      return "人民日报";
    case pub::MEDIA_TIER_CENTRAL_OTHER:
      return "法治日报";
    case pub::MEDIA_TIER_CENTRAL_NEW_MEDIA:
      return "央视新闻客户端";
    case pub::MEDIA_TIER_PROVINCIAL_MAINSTREAM:
      return "湖南卫视";
    case pub::MEDIA_TIER_OTHER_MAINSTREAM:
      return "长沙晚报";
    case pub::MEDIA_TIER_SELF_MEDIA:
      return "抖音(禁毒长沙)";
    default:
      return "新湖南";
  }
}

pub::MediaChannel ChannelOf(const std::string& outlet) {
  if (outlet == "长沙市社会禁毒协会官网") return pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE;
  if (outlet.find("微信公众号") != std::string::npos) {
    return pub::MEDIA_CHANNEL_WECHAT_OFFICIAL_ACCOUNT;
  }
  if (outlet.find("抖音") != std::string::npos) return pub::MEDIA_CHANNEL_DOUYIN;
  if (outlet.find("微博") != std::string::npos) return pub::MEDIA_CHANNEL_WEIBO;
  return pub::MEDIA_CHANNEL_NEWS_SITE;
}

// A valid GB 11643 number: 17 digits and their check character.
std::string NationalId(int serial) {
  const int three = serial % 1000;
  std::string base = "43010219800101";
  base += static_cast<char>('0' + three / 100);
  base += static_cast<char>('0' + three / 10 % 10);
  base += static_cast<char>('0' + three % 10);
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * kWeights[i];
  return base + "10X98765432"[sum % 11];
}

std::vector<std::vector<std::string>> ReadExpected(const std::string& file) {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/expected/" + file);
  EXPECT_TRUE(in.good()) << file;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

common::v1::Period Range(runtime::CivilDate start, runtime::CivilDate end) {
  common::v1::Period period;
  *period.mutable_range()->mutable_start_date() = ProtoDay(start);
  *period.mutable_range()->mutable_end_date() = ProtoDay(end);
  return period;
}

// Runs jobs on a few threads (the services handle concurrent calls; entering the seed one call at
// a time would take minutes).
void RunParallel(std::vector<std::function<void()>> jobs, int threads = 4) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < jobs.size(); i = next++) jobs[i]();
    });
  }
  for (auto& worker : workers) worker.join();
}

class ReportingSeed004Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto started = std::chrono::steady_clock::now();
    suite_ = ReportingSuite::Start("reporting_seed004", "", "430104").release();
    EnterOrganizations();
    EnterLecturers();
    WaitForIn(suite_->publicity(),
              "SELECT count(*) FROM publicity.volunteer_replica WHERE lecture_team_id <> ''",
              std::to_string(lecturer_ids_.size()));
    WaitForIn(suite_->publicity(), "SELECT count(*) FROM publicity.organization_replica",
              std::to_string(organizations_));
    EnterLectures();
    EnterNewsReports();
    // Everything reached reporting as events: the approved activities, every report, the
    // certifications and the published names.
    WaitForIn(suite_->reporting(), "SELECT count(*) FROM reporting.activity_facts",
              std::to_string(approved_), std::chrono::seconds(120));
    WaitForIn(suite_->reporting(),
              "SELECT count(*) FROM reporting.news_report_facts WHERE "
              "retracted OR organization_id <> ''",
              std::to_string(reports_), std::chrono::seconds(120));
    WaitForIn(suite_->reporting(),
              "SELECT count(*) FROM reporting.news_report_facts WHERE retracted", "2");
    WaitForIn(suite_->reporting(),
              "SELECT count(*) FROM reporting.activity_facts WHERE approved_revision = 2", "1");
    WaitForIn(suite_->reporting(),
              "SELECT count(*) FROM reporting.public_profile_facts WHERE display_name <> ''",
              std::to_string(lecturer_ids_.size()));
    WaitForIn(suite_->reporting(), "SELECT count(*) FROM reporting.organization_facts",
              std::to_string(organizations_));
    std::cerr << "seed 004 entered and projected in "
              << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                  started)
                     .count()
              << " s: " << approved_ << " approved activities, " << reports_ << " news reports\n";
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  // --- registration ---

  template <typename Response, typename Request, typename Method>
  static Response RegCall(Method method, const Request& request) {
    Response response;
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    auto context = suite_->registration().Context(kRegistrar);
    grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  static std::string Organization(const std::string& name, reg::OrganizationKind kind,
                                  const std::string& region, const std::string& parent) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    const std::string created =
        RegCall<reg::Organization>(&RegistrationService::Stub::CreateOrganization, request).name();
    std::lock_guard lock(mutex_);
    ++organizations_;
    return created;
  }
  static void EnterOrganizations() {
    city_association_ =
        Organization("长沙市社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430100", "");
    association_of_["430100"] = city_association_;
    for (const TeamSpec& team : Teams()) {
      if (!team.association.empty()) {
        association_of_[team.association_region] =
            Organization(team.association, reg::ORGANIZATION_KIND_ASSOCIATION,
                         team.association_region, city_association_);
      }
      // Every team hangs under the city association: the city's officer reviews its lectures.
      team_of_[team.name] = Organization(team.name, reg::ORGANIZATION_KIND_LECTURE_TEAM,
                                         team.region, city_association_);
    }
    hengyang_association_ =
        Organization("衡阳县社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430421", "");
    hengyang_team_ = Organization("衡阳县讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM, "430421",
                                  hengyang_association_);
    std::vector<std::function<void()>> jobs;
    for (const PostsSpec& posts : Posts()) {
      for (const auto& [branch, count] : posts.branches) {
        jobs.push_back([&posts, branch = branch] {
          const std::string name = Organization(branch, reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH,
                                                posts.region, association_of_.at(posts.region));
          std::lock_guard lock(mutex_);
          branch_of_[branch] = name;
        });
      }
    }
    RunParallel(std::move(jobs));
  }

  static std::string Lecturer(const std::string& name, const std::string& team,
                              runtime::CivilDate certified) {
    static std::atomic<int> serial{100};
    reg::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name(name);
    create.mutable_volunteer()->set_national_id_number(NationalId(serial++));
    create.mutable_volunteer()->set_phone("+8613812345678");
    create.mutable_volunteer()->set_residence_region_code("430102");
    const std::string volunteer =
        RegCall<reg::Volunteer>(&RegistrationService::Stub::CreateVolunteer, create).name();
    reg::ApproveVolunteerRequest approve;
    approve.set_name(volunteer);
    RegCall<reg::Volunteer>(&RegistrationService::Stub::ApproveVolunteer, approve);
    reg::ActivateVolunteerRequest activate;
    activate.set_name(volunteer);
    RegCall<reg::Volunteer>(&RegistrationService::Stub::ActivateVolunteer, activate);
    reg::CertifyLecturerRequest certify;
    certify.set_name(volunteer);
    certify.mutable_certification()->set_lecture_team(team);
    *certify.mutable_certification()->mutable_certified_date() = ProtoDay(certified);
    RegCall<reg::Volunteer>(&RegistrationService::Stub::CertifyLecturer, certify);
    std::lock_guard lock(mutex_);
    lecturer_ids_.insert(volunteer);
    return volunteer;
  }
  static void EnterLecturers() {
    const std::string city_team = team_of_.at("市讲师团");
    std::vector<std::function<void()>> jobs;
    for (const auto& [name, lectures] : kCityLecturers) {
      jobs.push_back([name = name, city_team] {
        const std::string volunteer = Lecturer(name, city_team, Day(2023, 6, 1));
        std::lock_guard lock(mutex_);
        lecturer_of_[name] = volunteer;
      });
    }
    for (const std::string& name : kIdleLecturers) {
      jobs.push_back([name, city_team] { Lecturer(name, city_team, Day(2024, 3, 1)); });
    }
    // Certified after the period: not among the 16 at its end.
    jobs.push_back([city_team] { Lecturer("讲师丁", city_team, Day(2024, 12, 1)); });
    for (const TeamSpec& team : Teams()) {
      if (team.association.empty()) continue;
      jobs.push_back([&team] {
        const std::string volunteer =
            Lecturer(team.name.substr(0, team.name.size() - std::string("讲师团").size()) + "讲师",
                     team_of_.at(team.name), Day(2023, 1, 1));
        std::lock_guard lock(mutex_);
        lecturer_of_[team.name] = volunteer;
      });
    }
    jobs.push_back([] {
      const std::string volunteer = Lecturer("衡阳讲师", hengyang_team_, Day(2023, 1, 1));
      std::lock_guard lock(mutex_);
      lecturer_of_["衡阳县讲师团"] = volunteer;
    });
    RunParallel(std::move(jobs));
  }

  // --- publicity ---

  template <typename Request, typename Response, typename Method>
  static grpc::Status PubCall(const TestCaller& caller, Method method, const Request& request,
                              Response* response) {
    auto stub = PublicityService::NewStub(suite_->publicity().Channel());
    auto context = suite_->publicity().Context(caller);
    return (stub.get()->*method)(context.get(), request, response);
  }
  enum class Fate { kApproved, kDraft, kSubmitted, kRejected };
  static std::string Lecture(const std::string& team, const std::string& region,
                             const std::string& lecturer, runtime::CivilDate date,
                             pub::SixIntoCategory category, int audience, Fate fate,
                             const TestCaller& reviewer = kCityReviewer) {
    pub::CreateActivityRequest create;
    pub::Activity* activity = create.mutable_activity();
    activity->set_organization(team);
    activity->set_region_code(region);
    activity->set_title("禁毒知识宣讲");
    activity->set_kind(pub::ACTIVITY_KIND_LECTURE);
    activity->set_six_into_category(category);
    *activity->mutable_activity_date() = ProtoDay(date);
    activity->set_audience_count(audience);
    activity->add_lecturers(lecturer);
    create.set_submit(fate != Fate::kDraft);
    pub::Activity created;
    grpc::Status status =
        PubCall(kStaff, &PublicityService::Stub::CreateActivity, create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (fate == Fate::kApproved) {
      pub::ApproveActivityRequest approve;
      approve.set_name(created.name());
      pub::Activity approved;
      status = PubCall(reviewer, &PublicityService::Stub::ApproveActivity, approve, &approved);
      EXPECT_TRUE(status.ok()) << status.error_message();
      std::lock_guard lock(mutex_);
      ++approved_;
    } else if (fate == Fate::kRejected) {
      pub::RejectActivityRequest reject;
      reject.set_name(created.name());
      reject.set_reason("材料不全");
      pub::Activity rejected;
      status = PubCall(reviewer, &PublicityService::Stub::RejectActivity, reject, &rejected);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return created.name();
  }

  static void EnterLectures() {
    std::vector<std::function<void()>> jobs;
    // The city team: 194 lectures in 2024 up to 11-19, 94 of them in July-October (the first on
    // 07-01, the last on 10-31); the others from January to June, one on 06-30, 11-01 and 11-19.
    std::vector<std::string> lecturers;
    for (const auto& [name, count] : kCityLecturers) {
      lecturers.insert(lecturers.end(), count, lecturer_of_.at(name));
    }
    std::vector<pub::SixIntoCategory> categories;
    for (const auto& [category, count] : kSixInto)
      categories.insert(categories.end(), count, category);
    const std::string city_team = team_of_.at("市讲师团");
    for (int i = 0; i < 194; ++i) {
      runtime::CivilDate date;
      if (i < 94) {
        date = runtime::AddDays(Day(2024, 7, 1), i * 122 / 93);
      } else if (i == 94) {
        date = Day(2024, 6, 30);
      } else if (i == 95) {
        date = Day(2024, 11, 1);
      } else if (i == 96) {
        date = Day(2024, 11, 19);
      } else {
        date = runtime::AddDays(Day(2024, 1, 1), (i - 97) * 180 / 96);  // 01-01 .. 06-29
      }
      jobs.push_back([=] {
        Lecture(city_team, "430100", lecturers[i], date, categories[i], kAudiencePerCityLecture,
                Fate::kApproved);
      });
    }
    // Just outside the lecturer table's period.
    for (runtime::CivilDate date : {Day(2023, 12, 31), Day(2024, 11, 20)}) {
      jobs.push_back([=] {
        Lecture(city_team, "430100", lecturers[0], date, pub::SIX_INTO_CATEGORY_SCHOOLS,
                kAudiencePerCityLecture, Fate::kApproved);
      });
    }
    // The district teams, July to October (first and last day included).
    for (const TeamSpec& team : Teams()) {
      if (team.association.empty()) continue;
      for (int i = 0; i < team.lectures; ++i) {
        jobs.push_back([&team, i] {
          Lecture(team_of_.at(team.name), team.region, lecturer_of_.at(team.name),
                  runtime::AddDays(Day(2024, 7, 1), i * 122 / (team.lectures - 1)),
                  pub::SIX_INTO_CATEGORY_SCHOOLS, kAudiencePerDistrictLecture, Fate::kApproved);
        });
      }
    }
    // Decoys of 芙蓉区讲师团: the day before and after, a draft, a submitted and a rejected one.
    const std::string furong = team_of_.at("芙蓉区讲师团");
    const std::string furong_lecturer = lecturer_of_.at("芙蓉区讲师团");
    auto decoy = [&](runtime::CivilDate date, Fate fate) {
      jobs.push_back([=] {
        Lecture(furong, "430102", furong_lecturer, date, pub::SIX_INTO_CATEGORY_SCHOOLS,
                kAudiencePerDistrictLecture, fate);
      });
    };
    decoy(Day(2024, 6, 30), Fate::kApproved);
    decoy(Day(2024, 11, 1), Fate::kApproved);
    decoy(Day(2024, 8, 1), Fate::kDraft);
    decoy(Day(2024, 8, 2), Fate::kSubmitted);
    decoy(Day(2024, 8, 3), Fate::kRejected);
    // Another city's county.
    jobs.push_back([] {
      Lecture(hengyang_team_, "430421", lecturer_of_.at("衡阳县讲师团"), Day(2024, 8, 1),
              pub::SIX_INTO_CATEGORY_SCHOOLS, 500, Fate::kApproved, kProvinceReviewer);
    });
    RunParallel(std::move(jobs));

    // Approved on 10-15, then a correction (approved) moved it to 11-05: revision 2 counts.
    const std::string moved = Lecture(furong, "430102", furong_lecturer, Day(2024, 10, 15),
                                      pub::SIX_INTO_CATEGORY_SCHOOLS, 100, Fate::kApproved);
    pub::ProposeActivityCorrectionRequest propose;
    propose.mutable_activity()->set_name(moved);
    *propose.mutable_activity()->mutable_activity_date() = ProtoDay(2024, 11, 5);
    propose.mutable_update_mask()->add_paths("activity_date");
    propose.set_reason("日期录入错误");
    pub::Activity proposed;
    grpc::Status status =
        PubCall(kStaff, &PublicityService::Stub::ProposeActivityCorrection, propose, &proposed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    pub::ApproveActivityRequest approve;
    approve.set_name(moved);
    pub::Activity corrected;
    status = PubCall(kCityReviewer, &PublicityService::Stub::ApproveActivity, approve, &corrected);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(corrected.approved_revision(), 2);
  }

  static std::string Report(const std::string& organization, const std::string& outlet,
                            pub::MediaTier tier, pub::MediaChannel channel, runtime::CivilDate date,
                            const std::string& branch = "") {
    pub::CreateNewsReportRequest create;
    pub::NewsReport* report = create.mutable_news_report();
    report->set_title("禁毒工作报道");
    report->set_outlet_name(outlet);
    report->set_media_tier(tier);
    report->set_channel(channel);
    *report->mutable_publish_date() = ProtoDay(date);
    report->set_organization(organization);
    if (!branch.empty()) report->add_featured_branch_heads(branch);
    pub::NewsReport created;
    grpc::Status status =
        PubCall(kStaff, &PublicityService::Stub::CreateNewsReport, create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::lock_guard lock(mutex_);
    ++reports_;
    return created.name();
  }
  static void Retract(const std::string& name) {
    pub::DeleteNewsReportRequest request;
    request.set_name(name);
    google::protobuf::Empty empty;
    grpc::Status status =
        PubCall(kStaff, &PublicityService::Stub::DeleteNewsReport, request, &empty);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static void EnterNewsReports() {
    std::vector<std::function<void()>> jobs;
    // Website and WeChat posts already made by the lecture teams' reports, per posts region.
    std::map<std::string, std::pair<int, int>> made;
    auto count_post = [&](const std::string& team_region, pub::MediaChannel channel) {
      for (const PostsSpec& posts : Posts()) {
        const bool inside =
            posts.region == team_region || (posts.region == "Z43010001" && team_region == "430104");
        if (!inside) continue;
        if (channel == pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE) ++made[posts.region].first;
        if (channel == pub::MEDIA_CHANNEL_WECHAT_OFFICIAL_ACCOUNT) ++made[posts.region].second;
      }
    };
    // The lecture teams' reports, July to October, online, spread over the seed's outlets.
    int media_online = 0;
    for (const TeamSpec& team : Teams()) {
      const int outlets = static_cast<int>(team.outlets.size());
      for (int i = 0; i < team.reports; ++i) {
        const int k = i % outlets;
        const std::string outlet = team.outlets[k];
        const pub::MediaChannel channel = ChannelOf(outlet);
        count_post(team.region, channel);
        ++media_online;
        const runtime::CivilDate date = runtime::AddDays(Day(2024, 7, 1), i * 122 / team.reports);
        jobs.push_back([&team, outlet, channel, date] {
          Report(team_of_.at(team.name), outlet, pub::MEDIA_TIER_ONLINE, channel, date);
        });
      }
    }
    // The rest of the 1570 reports of 2024-06-26..10-31 by the associations, by tier (never on
    // the association's own website or WeChat account: those are the posts below).
    std::vector<std::string> associations;
    for (const auto& [region, association] : association_of_) associations.push_back(association);
    int serial = 0;
    for (const auto& [tier, count] : kTiers) {
      const int wanted = tier == pub::MEDIA_TIER_ONLINE ? count - media_online : count;
      for (int i = 0; i < wanted; ++i, ++serial) {
        const std::string organization = associations[serial % associations.size()];
        const runtime::CivilDate date = runtime::AddDays(Day(2024, 6, 26), serial % 128);
        const pub::MediaTier t = tier;
        jobs.push_back([=] {
          Report(organization, TierOutlet(t), t,
                 t == pub::MEDIA_TIER_SELF_MEDIA ? pub::MEDIA_CHANNEL_DOUYIN
                                                 : pub::MEDIA_CHANNEL_NEWS_SITE,
                 date);
        });
      }
    }
    // The posts on the association's website and WeChat account, January to 06-25 (outside the
    // media-tier period), the first ones featuring the branch heads.
    for (const PostsSpec& posts : Posts()) {
      std::vector<std::string> featured;
      for (const auto& [branch, count] : posts.branches) {
        featured.insert(featured.end(), count, branch_of_.at(branch));
      }
      const int website = posts.website - made[posts.region].first;
      const int wechat = posts.wechat - made[posts.region].second;
      ASSERT_GE(website + wechat, static_cast<int>(featured.size())) << posts.region;
      const std::string organization = association_of_.at(posts.region);
      for (int i = 0; i < website + wechat; ++i) {
        const pub::MediaChannel channel = i < website ? pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE
                                                      : pub::MEDIA_CHANNEL_WECHAT_OFFICIAL_ACCOUNT;
        const std::string outlet =
            i < website ? "长沙市社会禁毒协会官网" : "长沙市社会禁毒协会微信公众号";
        const runtime::CivilDate date = runtime::AddDays(Day(2024, 1, 1), i % 177);  // ..06-25
        const std::string branch =
            i < static_cast<int>(featured.size()) ? featured[i] : std::string();
        jobs.push_back(
            [=] { Report(organization, outlet, pub::MEDIA_TIER_ONLINE, channel, date, branch); });
      }
    }
    // Decoys: the day before and after the periods, another city, retracted ones.
    const std::string furong_team = team_of_.at("芙蓉区讲师团");
    const std::string furong = association_of_.at("430102");
    jobs.push_back([=] {
      Report(furong_team, "今日头条", pub::MEDIA_TIER_ONLINE, pub::MEDIA_CHANNEL_NEWS_SITE,
             Day(2024, 6, 25));
    });
    jobs.push_back([=] {
      Report(furong_team, "今日头条", pub::MEDIA_TIER_ONLINE, pub::MEDIA_CHANNEL_NEWS_SITE,
             Day(2024, 11, 1));
    });
    jobs.push_back([=] {
      Report(furong, "长沙市社会禁毒协会官网", pub::MEDIA_TIER_ONLINE,
             pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE, Day(2023, 12, 31),
             branch_of_.at("火星街道分会"));
    });
    jobs.push_back([=] {
      Report(furong, "长沙市社会禁毒协会官网", pub::MEDIA_TIER_ONLINE,
             pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE, Day(2024, 11, 1),
             branch_of_.at("火星街道分会"));
    });
    jobs.push_back([] {
      Report(hengyang_team_, "衡阳日报", pub::MEDIA_TIER_OTHER_MAINSTREAM,
             pub::MEDIA_CHANNEL_NEWSPAPER, Day(2024, 8, 1));
    });
    jobs.push_back([=] {
      Retract(Report(furong_team, "人民日报", pub::MEDIA_TIER_CENTRAL_MAINSTREAM,
                     pub::MEDIA_CHANNEL_NEWSPAPER, Day(2024, 8, 5)));
    });
    jobs.push_back([=] {
      Retract(Report(furong, "长沙市社会禁毒协会官网", pub::MEDIA_TIER_ONLINE,
                     pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE, Day(2024, 3, 5),
                     branch_of_.at("火星街道分会")));
    });
    RunParallel(std::move(jobs));
  }

  // Polls a service's database until `sql` (one value) returns `expected`.
  static void WaitForIn(ServiceProcess& service, const std::string& sql,
                        const std::string& expected,
                        std::chrono::seconds timeout = std::chrono::seconds(30)) {
    WaitForQueryValue(service, sql, expected, timeout);
  }

  template <typename Request, typename Response, typename Method>
  static grpc::Status Ask(Method method, const Request& request, Response* response,
                          const TestCaller& caller = kReader) {
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(caller);
    return (stub.get()->*method)(context.get(), request, response);
  }
  static rep::ComputeLectureTeamTableResponse LectureTeams(runtime::CivilDate start,
                                                           runtime::CivilDate end) {
    rep::ComputeLectureTeamTableRequest request;
    request.set_region_code("430100");
    *request.mutable_period() = Range(start, end);
    rep::ComputeLectureTeamTableResponse response;
    grpc::Status status = Ask(&ReportingService::Stub::ComputeLectureTeamTable, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  static rep::ComputeMediaTierTableResponse MediaTiers(runtime::CivilDate start,
                                                       runtime::CivilDate end) {
    rep::ComputeMediaTierTableRequest request;
    request.set_region_code("430100");
    *request.mutable_period() = Range(start, end);
    rep::ComputeMediaTierTableResponse response;
    grpc::Status status = Ask(&ReportingService::Stub::ComputeMediaTierTable, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  static std::string NameOfTeam(const std::string& resource) {
    for (const auto& [name, team] : team_of_) {
      if (team == resource) return name;
    }
    return "?" + resource;
  }

  static ReportingSuite* suite_;
  static std::mutex mutex_;
  static std::string city_association_;
  static std::string hengyang_association_;
  static std::string hengyang_team_;
  static std::map<std::string, std::string> association_of_;  // posts region -> association
  static std::map<std::string, std::string> team_of_;         // team name -> resource name
  static std::map<std::string, std::string> branch_of_;       // branch name -> resource name
  static std::map<std::string, std::string> lecturer_of_;     // lecturer (or team) -> volunteer
  static std::set<std::string> lecturer_ids_;
  static int organizations_;
  static int approved_;
  static int reports_;
};

ReportingSuite* ReportingSeed004Test::suite_ = nullptr;
std::mutex ReportingSeed004Test::mutex_;
std::string ReportingSeed004Test::city_association_;
std::string ReportingSeed004Test::hengyang_association_;
std::string ReportingSeed004Test::hengyang_team_;
std::map<std::string, std::string> ReportingSeed004Test::association_of_;
std::map<std::string, std::string> ReportingSeed004Test::team_of_;
std::map<std::string, std::string> ReportingSeed004Test::branch_of_;
std::map<std::string, std::string> ReportingSeed004Test::lecturer_of_;
std::set<std::string> ReportingSeed004Test::lecturer_ids_;
int ReportingSeed004Test::organizations_ = 0;
int ReportingSeed004Test::approved_ = 0;
int ReportingSeed004Test::reports_ = 0;

TEST_F(ReportingSeed004Test, LectureTeamTableIsTheSeeds) {
  const auto response = LectureTeams(Day(2024, 7, 1), Day(2024, 11, 1));
  const auto expected = ReadExpected("seed004_lecture_teams.csv");
  ASSERT_EQ(response.rows_size() + 1, static_cast<int>(expected.size()));
  for (int i = 0; i < response.rows_size(); ++i) {
    const rep::LectureTeamRow& row = response.rows(i);
    const auto& want = expected[i];
    SCOPED_TRACE(want[0]);
    EXPECT_EQ(row.lecture_team_display_name(), want[0]);
    EXPECT_EQ(NameOfTeam(row.lecture_team()), want[0]);
    EXPECT_EQ(row.region_code(), want[1]);
    EXPECT_EQ(row.lectures(), std::stoll(want[2]));
    EXPECT_EQ(row.news_reports(), std::stoll(want[3]));
    const auto outlets = Split(want[4], ';');
    EXPECT_EQ(std::set<std::string>(row.outlets().begin(), row.outlets().end()),
              std::set<std::string>(outlets.begin(), outlets.end()));
  }
  EXPECT_EQ(expected.back()[0], "TOTAL");
  EXPECT_EQ(response.total_lectures(), std::stoll(expected.back()[2]));
  EXPECT_EQ(response.total_news_reports(), std::stoll(expected.back()[3]));
  EXPECT_TRUE(response.freshness().has_last_event_time());

  // One day shorter: the lectures and reports of 10-31 drop out.
  const auto shorter = LectureTeams(Day(2024, 7, 1), Day(2024, 10, 31));
  EXPECT_LT(shorter.total_lectures(), response.total_lectures());
  EXPECT_EQ(shorter.rows(0).lectures(), 93);  // the city team's last lecture was on 10-31
  // One day earlier: the decoys of 06-30 join.
  const auto earlier = LectureTeams(Day(2024, 6, 30), Day(2024, 11, 1));
  EXPECT_EQ(earlier.total_lectures(), response.total_lectures() + 2);
}

TEST_F(ReportingSeed004Test, CityTotalsCountEachFactOnce) {
  rep::ComputeRegionFiguresRequest request;
  request.set_region_code("430100");
  *request.mutable_period() = Range(Day(2024, 7, 1), Day(2024, 11, 1));
  request.set_by_child_region(true);
  rep::ComputeRegionFiguresResponse response;
  grpc::Status status = Ask(&ReportingService::Stub::ComputeRegionFigures, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // 809 lectures, though 湘江新区讲师团's 82 lie in both 岳麓区 and the zone 湘江新区.
  EXPECT_EQ(response.figures().publicity().lectures(), 809);
  EXPECT_EQ(response.figures().publicity().activities(), 809);
  EXPECT_EQ(response.figures().publicity().audience(),
            94 * kAudiencePerCityLecture + (809 - 94) * kAudiencePerDistrictLecture);
  int64_t children = 0;
  for (const auto& child : response.by_child_region()) {
    if (child.region_code() == "430104" || child.region_code() == "Z43010001") {
      EXPECT_EQ(child.publicity().lectures(), 82) << child.region_code();
    }
    children += child.publicity().lectures();
  }
  EXPECT_EQ(children, 809 - 94 + 82);  // the city team's own are in no child; 82 twice
  // The province holds the city once, and 衡阳县's lecture besides.
  request.set_region_code("430000");
  request.set_by_child_region(false);
  rep::ComputeRegionFiguresResponse province;
  ASSERT_TRUE(
      Ask(&ReportingService::Stub::ComputeRegionFigures, request, &province, kProvinceReviewer)
          .ok());
  EXPECT_EQ(province.figures().publicity().lectures(), 810);
  // The city's reports of the period: the lecture teams' and the associations' of July on.
  EXPECT_GT(response.figures().publicity().news_reports(), 450);
  EXPECT_EQ(province.figures().publicity().news_reports(),
            response.figures().publicity().news_reports() + 1);
}

TEST_F(ReportingSeed004Test, LecturerTableIsTheSeeds) {
  rep::ComputeLecturerTableRequest request;
  request.set_region_code("430100");
  *request.mutable_period() = Range(Day(2024, 1, 1), Day(2024, 11, 20));
  request.set_lecture_team(team_of_.at("市讲师团"));
  rep::ComputeLecturerTableResponse response;
  grpc::Status status = Ask(&ReportingService::Stub::ComputeLecturerTable, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto expected = ReadExpected("seed004_lecturers.csv");
  ASSERT_EQ(response.rows_size() + 2, static_cast<int>(expected.size()));
  for (int i = 0; i < response.rows_size(); ++i) {
    const rep::LecturerRow& row = response.rows(i);
    SCOPED_TRACE(expected[i][0]);
    EXPECT_EQ(row.lecturer_display_name(), expected[i][0]);
    EXPECT_EQ(row.lecturer(), lecturer_of_.at(expected[i][0]));
    EXPECT_EQ(row.lecture_team(), team_of_.at("市讲师团"));
    EXPECT_EQ(row.lectures(), std::stoll(expected[i][1]));
    EXPECT_EQ(row.audience(), std::stoll(expected[i][2]));
  }
  const auto& totals = expected[expected.size() - 2];
  EXPECT_EQ(totals[0], "TOTAL_LECTURES");
  EXPECT_EQ(response.total_lectures(), std::stoll(totals[1]));
  EXPECT_EQ(response.total_audience(), std::stoll(totals[2]));
  EXPECT_EQ(expected.back()[0], "CERTIFIED_LECTURERS");
  EXPECT_EQ(response.lecturers(), std::stoll(expected.back()[1]));

  // Ending a day earlier loses the lecture of 11-19; all teams of the city add theirs.
  *request.mutable_period() = Range(Day(2024, 1, 1), Day(2024, 11, 19));
  ASSERT_TRUE(Ask(&ReportingService::Stub::ComputeLecturerTable, request, &response).ok());
  EXPECT_EQ(response.total_lectures(), 193);
  request.clear_lecture_team();
  *request.mutable_period() = Range(Day(2024, 1, 1), Day(2024, 11, 20));
  ASSERT_TRUE(Ask(&ReportingService::Stub::ComputeLecturerTable, request, &response).ok());
  // With 芙蓉区's lectures of 06-30, 11-01 and the one corrected to 11-05.
  EXPECT_EQ(response.total_lectures(), 194 + 715 + 3);
  EXPECT_EQ(response.lecturers(), 16 + 9);

  request.set_lecture_team("teams/1");
  status = Ask(&ReportingService::Stub::ComputeLecturerTable, request, &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"lecture_team=FIELD_MALFORMED"});
}

TEST_F(ReportingSeed004Test, SixIntoTableIsTheSeeds) {
  rep::ComputeSixIntoTableRequest request;
  request.set_region_code("430100");
  *request.mutable_period() = Range(Day(2024, 1, 1), Day(2024, 11, 20));
  request.set_lectures_only(true);
  request.set_lecture_team(team_of_.at("市讲师团"));
  rep::ComputeSixIntoTableResponse response;
  grpc::Status status = Ask(&ReportingService::Stub::ComputeSixIntoTable, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto expected = ReadExpected("seed004_six_into.csv");
  ASSERT_EQ(response.rows_size() + 1, static_cast<int>(expected.size()));
  for (int i = 0; i < response.rows_size(); ++i) {
    EXPECT_EQ(pub::SixIntoCategory_Name(response.rows(i).category()), expected[i][0]);
    EXPECT_EQ(response.rows(i).count(), std::stoll(expected[i][1])) << expected[i][0];
    EXPECT_EQ(response.rows(i).audience(), std::stoll(expected[i][2])) << expected[i][0];
  }
  EXPECT_EQ(response.total(), std::stoll(expected.back()[1]));
  EXPECT_EQ(response.total_audience(), std::stoll(expected.back()[2]));
  // Starting a day later loses the lecture of 01-01.
  *request.mutable_period() = Range(Day(2024, 1, 2), Day(2024, 11, 20));
  ASSERT_TRUE(Ask(&ReportingService::Stub::ComputeSixIntoTable, request, &response).ok());
  EXPECT_EQ(response.total(), 193);
}

TEST_F(ReportingSeed004Test, MediaTierTableIsTheSeeds) {
  const auto response = MediaTiers(Day(2024, 6, 26), Day(2024, 11, 1));
  const auto expected = ReadExpected("seed004_media_tiers.csv");
  ASSERT_EQ(response.tiers_size() + 1, static_cast<int>(expected.size()));
  for (int i = 0; i < response.tiers_size(); ++i) {
    EXPECT_EQ(pub::MediaTier_Name(response.tiers(i).tier()), expected[i][0]);
    EXPECT_EQ(response.tiers(i).news_reports(), std::stoll(expected[i][1])) << expected[i][0];
  }
  EXPECT_EQ(response.total(), std::stoll(expected.back()[1]));
  // Outlets: most reports first, their counts adding up to the total.
  int64_t sum = 0;
  for (int i = 0; i < response.outlets_size(); ++i) {
    sum += response.outlets(i).news_reports();
    if (i > 0) {
      EXPECT_LE(response.outlets(i).news_reports(), response.outlets(i - 1).news_reports());
    }
  }
  EXPECT_EQ(sum, response.total());
  ASSERT_GT(response.outlets_size(), 0);
  EXPECT_EQ(response.outlets(0).outlet_name(), "新湖南");
  EXPECT_EQ(response.outlets(0).tier(), pub::MEDIA_TIER_ONLINE);
  // A day later start drops the reports of 06-26; the retracted 人民日报 report never counts.
  EXPECT_LT(MediaTiers(Day(2024, 6, 27), Day(2024, 11, 1)).total(), response.total());
  // A day later end adds the two reports of 11-01.
  EXPECT_EQ(MediaTiers(Day(2024, 6, 26), Day(2024, 11, 2)).total(), response.total() + 2);
}

TEST_F(ReportingSeed004Test, BranchHeadTableIsTheSeeds) {
  rep::ComputeBranchHeadTableRequest request;
  request.set_region_code("430100");
  *request.mutable_period() = Range(Day(2024, 1, 1), Day(2024, 11, 1));
  request.set_top_branches_per_region(3);
  rep::ComputeBranchHeadTableResponse response;
  grpc::Status status = Ask(&ReportingService::Stub::ComputeBranchHeadTable, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto posts = ReadExpected("seed004_channel_posts.csv");
  ASSERT_EQ(response.regions_size() + 1, static_cast<int>(posts.size()));
  for (int i = 0; i < response.regions_size(); ++i) {
    const rep::ChannelPostsRow& row = response.regions(i);
    SCOPED_TRACE(posts[i][0]);
    EXPECT_EQ(row.region_code(), posts[i][0]);
    EXPECT_EQ(row.website_posts(), std::stoll(posts[i][1]));
    EXPECT_EQ(row.wechat_posts(), std::stoll(posts[i][2]));
    EXPECT_EQ(row.branch_head_reports(), std::stoll(posts[i][3]));
  }
  EXPECT_EQ(response.total_website_posts(), std::stoll(posts.back()[1]));
  EXPECT_EQ(response.total_wechat_posts(), std::stoll(posts.back()[2]));
  const auto branches = ReadExpected("seed004_branch_heads.csv");
  ASSERT_EQ(response.branches_size(), static_cast<int>(branches.size()));
  for (int i = 0; i < response.branches_size(); ++i) {
    const rep::BranchHeadRow& row = response.branches(i);
    SCOPED_TRACE(branches[i][1]);
    EXPECT_EQ(row.county_region_code(), branches[i][0]);
    EXPECT_EQ(row.branch_display_name(), branches[i][1]);
    EXPECT_EQ(row.branch(), branch_of_.at(branches[i][1]));
    EXPECT_EQ(row.news_reports(), std::stoll(branches[i][2]));
  }

  request.set_top_branches_per_region(-1);
  status = Ask(&ReportingService::Stub::ComputeBranchHeadTable, request, &response);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"top_branches_per_region=FIELD_OUT_OF_RANGE"});
}

TEST_F(ReportingSeed004Test, TablesAnswerOnlyInsideTheCallersScope) {
  rep::ComputeLectureTeamTableRequest request;
  request.set_region_code("430100");
  *request.mutable_period() = Range(Day(2024, 7, 1), Day(2024, 11, 1));
  rep::ComputeLectureTeamTableResponse response;
  grpc::Status status =
      Ask(&ReportingService::Stub::ComputeLectureTeamTable, request, &response, kFurongReader);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  request.set_region_code("430102");
  ASSERT_TRUE(
      Ask(&ReportingService::Stub::ComputeLectureTeamTable, request, &response, kFurongReader)
          .ok());
  ASSERT_EQ(response.rows_size(), 1);
  EXPECT_EQ(response.rows(0).lecture_team_display_name(), "芙蓉区讲师团");
  EXPECT_EQ(response.rows(0).lectures(), 40);  // not the draft, submitted, rejected or moved ones
  EXPECT_EQ(response.rows(0).news_reports(), 20);  // not the retracted one
  rep::ComputeMediaTierTableRequest no_period;
  no_period.set_region_code("430100");
  rep::ComputeMediaTierTableResponse tiers;
  status = Ask(&ReportingService::Stub::ComputeMediaTierTable, no_period, &tiers);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"period=FIELD_REQUIRED"});
}

}  // namespace
}  // namespace jindu::testing

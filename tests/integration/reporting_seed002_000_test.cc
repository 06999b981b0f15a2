// The figures of seed 002 (邵阳县禁毒协会's year: publicity, pledges, member groups, branches,
// pairing, loans and jobs) and seed 000 (武进区's youth volunteers: teams and action groups, ten
// thousand volunteers, tips and what the police made of them, training classes, school lectures,
// the education base, the signature campaign, pairing with 2-3 volunteers each, talks), answered by
// the reporting service from facts entered through the real public APIs of registration,
// publicity and casework. Reporting learns all of it only from their events.
//
// Scale 1:1: the 1.3 million pledges and commitment letters, the ten thousand volunteers, the 2,400
// talks are all entered. Where a seed says "100多" or "上万", the stated round figure is entered
// exactly. The expected files (tests/data/expected/seed002_figures.csv, seed000_figures.csv) name
// each figure by its path in ComputeRegionFigures' answer, its value and the seed's own words.
//
// Both seeds are laid on the 365 days up to the test's day (the seeds' own years, 2021 and
// 2022-23, lie before some of the facts can be dated: a tip's outcome counts on the day it is
// recorded). Decoys must not count: an activity the day before the period, a draft and a rejected
// one, a talk before the period; and each county's figures leave out the other's facts.

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "harness/calendar.h"
#include "harness/query_wait.h"
#include "harness/registration_backed_suite.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "publicity_campaign_support.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

namespace cw = casework::v1;
namespace reg = registration::v1;
namespace rep = reporting::v1;
using casework::v1::CaseworkService;
using casework::v1::TipService;
using publicity::v1::PublicityService;
using registration::v1::RegistrationService;
using reporting::v1::ReportingService;

const std::vector<std::string> kBothProvinces = {"430000", "320000"};
const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = kBothProvinces};
const TestCaller kStaff{
    .subject = "association-staff", .roles = {"association_staff"}, .regions = kBothProvinces};
const TestCaller kReviewer{
    .subject = "province-reviewer", .roles = {"province_admin"}, .regions = kBothProvinces};
const TestCaller kReader{
    .subject = "province-reader", .roles = {"province_admin"}, .regions = kBothProvinces};
const TestCaller kCaseworker{
    .subject = "county-caseworker", .roles = {"caseworker"}, .regions = {"430523", "320412"}};
const TestCaller kWujinPolice{
    .subject = "wujin-police", .roles = {"police_liaison"}, .regions = {"320412"}};
const TestCaller kPoliceSystem{.subject = "gongan-system", .roles = {"system_caller"}};
const TestCaller kPledgePlatform{
    .subject = "pledge-platform", .roles = {"system_caller"}, .regions = kBothProvinces};

constexpr char kShaoyang[] = "430523";
constexpr char kWujin[] = "320412";

// The first day of the period: 364 days before today, so the period is 365 days up to today.
constexpr int kPeriodStart = -364;

// The `i`-th of `n` shares of `total`, the shares differing by at most one and adding up to it.
int64_t Share(int64_t total, int i, int n) { return total * (i + 1) / n - total * i / n; }

// 邵阳县's 22 townships (乡镇, 场 included as a township) and 武进区's seven towns of seed 000,
// with codes of the GB/T 2260 shape (the suffixes are this test's).
const std::vector<std::string> kShaoyangTownships = {
    "塘渡口镇", "白仓镇",   "金称市镇", "塘田市镇", "黄亭市镇", "长阳铺镇", "岩口铺镇", "九公桥镇",
    "下花桥镇", "谷洲镇",   "郦家坪镇", "五峰铺镇", "小溪市乡", "长乐乡",   "蔡桥乡",   "河伯乡",
    "黄荆乡",   "诸甲亭乡", "罗城乡",   "金江乡",   "白竹林场", "县原种场"};
const std::vector<std::string> kWujinTowns = {"湖塘镇", "横林镇", "潘家镇", "横山桥镇",
                                              "湟里镇", "礼嘉镇", "魏村镇"};
constexpr int kShaoyangVillages = 419;  // seed 002: "全县419个村(社区)会员小组"

std::string TownshipCode(const std::string& county, int i) {
  return county + std::to_string(100 + i);
}
std::string VillageCode(int village) {
  const int township = village % static_cast<int>(kShaoyangTownships.size());
  return TownshipCode(kShaoyang, township) + std::to_string(200 + village);
}

std::string ExtraRegionsCsv() {
  std::string csv = "code,name,level,parent,valid_from,valid_to\n";
  for (size_t i = 0; i < kShaoyangTownships.size(); ++i) {
    csv += TownshipCode(kShaoyang, i) + "," + kShaoyangTownships[i] + ",township," + kShaoyang +
           ",1995-01-01,\n";
  }
  for (int v = 0; v < kShaoyangVillages; ++v) {
    csv += VillageCode(v) + ",第" + std::to_string(v + 1) + "村,village," +
           VillageCode(v).substr(0, 9) + ",1995-01-01,\n";
  }
  csv += "320000,江苏省,province,,1980-01-01,\n";
  csv += "320400,常州市,city,320000,1983-01-01,\n";
  csv += "320412,武进区,county,320400,1995-01-01,\n";
  for (size_t i = 0; i < kWujinTowns.size(); ++i) {
    csv +=
        TownshipCode(kWujin, i) + "," + kWujinTowns[i] + ",township," + kWujin + ",1995-01-01,\n";
  }
  return csv;
}
std::string LastRegionCode() { return TownshipCode(kWujin, kWujinTowns.size() - 1); }

// Runs jobs on a few threads: the services take concurrent calls, and one call at a time would
// take minutes for the ten thousand volunteers.
void RunParallel(std::vector<std::function<void()>> jobs, int threads = 6) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < jobs.size(); i = next++) jobs[i]();
    });
  }
  for (auto& worker : workers) worker.join();
}

// A figure's path: "publicity.materials.MATERIAL_KIND_VEHICLE.count". Repeated rows are keyed by
// their first field (an enum's value name), participation rows by campaign name and kind.
std::string RowKey(const google::protobuf::Message& row) {
  if (const auto* participation = dynamic_cast<const rep::ParticipationFigures*>(&row)) {
    return participation->campaign_display_name() + "." +
           publicity::v1::ParticipationKind_Name(participation->kind());
  }
  const google::protobuf::FieldDescriptor* key = row.GetDescriptor()->field(0);
  const google::protobuf::Reflection* reflection = row.GetReflection();
  if (key->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_ENUM) {
    return reflection->GetEnum(row, key)->name();
  }
  return reflection->GetString(row, key);
}

void Flatten(const google::protobuf::Message& message, const std::string& prefix,
             std::map<std::string, int64_t>* figures) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const std::string path = prefix + field->name();
    if (field->is_repeated()) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        const google::protobuf::Message& row = reflection->GetRepeatedMessage(message, field, j);
        Flatten(row, path + "." + RowKey(row) + ".", figures);
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Flatten(reflection->GetMessage(message, field), path + ".", figures);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
      (*figures)[path] = reflection->GetInt64(message, field);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
      (*figures)[path] = reflection->GetInt32(message, field);
    }
  }
}

std::map<std::string, int64_t> FlattenFigures(const rep::RegionFigures& figures) {
  std::map<std::string, int64_t> flat;
  Flatten(figures.publicity(), "publicity.", &flat);
  Flatten(figures.registration(), "registration.", &flat);
  Flatten(figures.casework(), "casework.", &flat);
  return flat;
}

// One expected figure: its path, value and the seed's words it comes from.
struct ExpectedFigure {
  std::string path;
  int64_t value = 0;
  std::string seed_words;
};

std::vector<ExpectedFigure> ReadExpected(const std::string& file) {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/expected/" + file);
  EXPECT_TRUE(in.good()) << file;
  std::vector<ExpectedFigure> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::stringstream stream(line);
    ExpectedFigure row;
    std::string value;
    std::getline(stream, row.path, ',');
    std::getline(stream, value, ',');
    std::getline(stream, row.seed_words);
    row.value = std::stoll(value);
    rows.push_back(row);
  }
  EXPECT_GE(rows.size(), 10u) << file;
  return rows;
}

class ReportingSeed002And000Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto started = std::chrono::steady_clock::now();
    suite_ = ReportingSuite::Start("reporting_seed002_000", ExtraRegionsCsv(), LastRegionCode())
                 .release();
    RunParallel({[] { EnterShaoyangRegistration(); }, [] { EnterWujinRegistration(); }}, 2);
    WaitForIn(suite_->publicity(), "SELECT count(*) FROM publicity.organization_replica",
              std::to_string(organizations_));
    WaitForIn(suite_->publicity(),
              "SELECT count(*) FROM publicity.volunteer_replica WHERE lecture_team_id <> ''",
              std::to_string(lecturers_));
    WaitForIn(suite_->casework(),
              "SELECT count(*) FROM casework.volunteer_replica WHERE state = " +
                  std::to_string(reg::VOLUNTEER_STATE_ACTIVE),
              std::to_string(active_volunteers_.at(kShaoyang).size() +
                             active_volunteers_.at(kWujin).size() + lecturers_),
              std::chrono::seconds(60));
    RunParallel({[] { EnterShaoyangPublicity(); }, [] { EnterWujinPublicity(); },
                 [] { EnterShaoyangCasework(); }, [] { EnterWujinCasework(); }},
                4);
    std::cerr << "seeds 002 and 000 entered in "
              << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                  started)
                     .count()
              << " s\n";
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  template <typename Response, typename Request, typename Method>
  static Response Registration(Method method, const Request& request,
                               const TestCaller& caller = kRegistrar) {
    Response response;
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    auto context = suite_->registration().Context(caller);
    const grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  template <typename Response, typename Request, typename Method>
  static Response Publicity(Method method, const Request& request,
                            const TestCaller& caller = kStaff) {
    Response response;
    auto stub = PublicityService::NewStub(suite_->publicity().Channel());
    auto context = suite_->publicity().Context(caller);
    const grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  template <typename Response, typename Request, typename Method>
  static Response Casework(Method method, const Request& request,
                           const TestCaller& caller = kCaseworker) {
    Response response;
    auto stub = CaseworkService::NewStub(suite_->casework().Channel());
    auto context = suite_->casework().Context(caller);
    const grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  template <typename Response, typename Request, typename Method>
  static Response Tip(Method method, const Request& request, const TestCaller& caller) {
    Response response;
    auto stub = TipService::NewStub(suite_->casework().Channel());
    auto context = suite_->casework().Context(caller);
    const grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // --- registration ---

  static std::string Organization(const std::string& display_name, reg::OrganizationKind kind,
                                  const std::string& region, const std::string& parent,
                                  reg::BranchSector sector = reg::BRANCH_SECTOR_UNSPECIFIED) {
    reg::CreateOrganizationRequest request;
    reg::Organization* organization = request.mutable_organization();
    organization->set_display_name(display_name);
    organization->set_kind(kind);
    organization->set_region_code(region);
    organization->set_parent(parent);
    organization->set_sector(sector);
    *organization->mutable_founding_date() = ProtoDay(2019, 6, 26);
    const std::string name =
        Registration<reg::Organization>(&RegistrationService::Stub::CreateOrganization, request)
            .name();
    ++organizations_;
    return name;
  }

  enum class Standing { kRegistered, kApproved, kActive };
  // A volunteer living in `region`; `serial` makes the ID number (issued in the region's county)
  // and the phone unique.
  static std::string Volunteer(const std::string& display_name, const std::string& region,
                               int serial, Standing standing) {
    reg::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name(display_name);
    create.mutable_volunteer()->set_national_id_number(NationalIdNumber(
        region.substr(0, 6), std::to_string(1970 + serial / 1000 % 30) + "0101", serial % 1000));
    create.mutable_volunteer()->set_phone("+86" + PhoneNumber(50'000'000 + serial));
    create.mutable_volunteer()->set_residence_region_code(region);
    const std::string name =
        Registration<reg::Volunteer>(&RegistrationService::Stub::CreateVolunteer, create).name();
    if (standing == Standing::kRegistered) return name;
    reg::ApproveVolunteerRequest approve;
    approve.set_name(name);
    Registration<reg::Volunteer>(&RegistrationService::Stub::ApproveVolunteer, approve);
    if (standing == Standing::kApproved) return name;
    reg::ActivateVolunteerRequest activate;
    activate.set_name(name);
    Registration<reg::Volunteer>(&RegistrationService::Stub::ActivateVolunteer, activate);
    return name;
  }
  static std::string Lecturer(const std::string& display_name, const std::string& region,
                              int serial, const std::string& team) {
    const std::string name = Volunteer(display_name, region, serial, Standing::kActive);
    reg::CertifyLecturerRequest certify;
    certify.set_name(name);
    certify.mutable_certification()->set_lecture_team(team);
    *certify.mutable_certification()->mutable_certified_date() = ProtoDay(2020, 3, 1);
    Registration<reg::Volunteer>(&RegistrationService::Stub::CertifyLecturer, certify);
    ++lecturers_;
    return name;
  }
  static void TrainingSession(const std::string& organizer, const std::string& region,
                              const std::string& topic, int day,
                              const std::vector<std::string>& attendees) {
    reg::CreateTrainingSessionRequest create;
    create.mutable_training_session()->set_organizer(organizer);
    create.mutable_training_session()->set_region_code(region);
    create.mutable_training_session()->set_topic(topic);
    *create.mutable_training_session()->mutable_session_date() = DaysFromToday(day);
    create.mutable_training_session()->set_duration_minutes(120);
    const std::string session =
        Registration<reg::TrainingSession>(&RegistrationService::Stub::CreateTrainingSession,
                                           create, kStaff)
            .name();
    if (attendees.empty()) return;
    reg::BatchCreateTrainingAttendancesRequest batch;
    batch.set_parent(session);
    for (const std::string& volunteer : attendees)
      batch.add_attendances()->set_volunteer(volunteer);
    Registration<reg::BatchCreateTrainingAttendancesResponse>(
        &RegistrationService::Stub::BatchCreateTrainingAttendances, batch, kStaff);
  }

  // Seed 002: the county association under the city's, its lecture team with the two colleagues
  // it lent (2 lecturers), a branch in each of the 22 townships, five county-department branches
  // (公安局, 交通局, 邮政局, 文旅广体局, 妇联), a member group in each of the 419 villages; the
  // branches' 22 executive vice-presidents trained in one class in April; 100 volunteers to pair.
  static void EnterShaoyangRegistration() {
    const std::string city =
        Organization("邵阳市禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430500", "");
    shaoyang_association_ =
        Organization("邵阳县禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, kShaoyang, city);
    shaoyang_lecture_team_ = Organization("邵阳县禁毒讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM,
                                          kShaoyang, shaoyang_association_);
    for (int i = 0; i < 2; ++i) {
      shaoyang_lecturers_.push_back(Lecturer(i == 0 ? "协会讲师甲" : "协会讲师乙", kShaoyang,
                                             100 + i, shaoyang_lecture_team_));
    }
    const std::vector<std::pair<std::string, reg::BranchSector>> departments = {
        {"县公安局禁毒分会", reg::BRANCH_SECTOR_OTHER},
        {"县交通局禁毒分会", reg::BRANCH_SECTOR_TRANSPORT},
        {"县邮政局禁毒分会", reg::BRANCH_SECTOR_POSTAL},
        {"县文旅广体局禁毒分会", reg::BRANCH_SECTOR_ENTERTAINMENT_VENUES},
        {"县妇联禁毒分会", reg::BRANCH_SECTOR_WOMENS_FEDERATION}};
    std::vector<std::function<void()>> jobs;
    for (const auto& [department, sector] : departments) {
      jobs.push_back([department = department, sector = sector] {
        Organization(department, reg::ORGANIZATION_KIND_INDUSTRY_BRANCH, kShaoyang,
                     shaoyang_association_, sector);
      });
    }
    std::vector<std::string> branches(kShaoyangTownships.size());
    std::vector<std::string> vice_presidents(kShaoyangTownships.size());
    for (size_t i = 0; i < kShaoyangTownships.size(); ++i) {
      jobs.push_back([i, &branches, &vice_presidents] {
        branches[i] =
            Organization(kShaoyangTownships[i] + "禁毒分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH,
                         TownshipCode(kShaoyang, i), shaoyang_association_);
        vice_presidents[i] = Volunteer(kShaoyangTownships[i] + "分会常务副会长",
                                       TownshipCode(kShaoyang, i), 200 + i, Standing::kApproved);
      });
    }
    std::vector<std::string> paired(100);
    for (int i = 0; i < 100; ++i) {
      jobs.push_back([i, &paired] {
        paired[i] =
            Volunteer("帮扶志愿者" + std::to_string(i + 1), kShaoyang, 300 + i, Standing::kActive);
      });
    }
    RunParallel(std::move(jobs));
    {
      std::lock_guard lock(mutex_);
      active_volunteers_[kShaoyang] = paired;
    }
    jobs.clear();
    for (int v = 0; v < kShaoyangVillages; ++v) {
      jobs.push_back([v, &branches] {
        Organization("第" + std::to_string(v + 1) + "村禁毒会员小组",
                     reg::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP, VillageCode(v),
                     branches[v % branches.size()]);
      });
    }
    RunParallel(std::move(jobs));
    TrainingSession(shaoyang_association_, kShaoyang, "乡镇街道(场)分会常务副会长禁毒业务培训班",
                    -240, vice_presidents);
  }

  // Seed 000: the district's youth volunteer association under the city's, 31 action teams in the
  // towns, 731 action groups under them, 10,000 volunteers (150 of them active for pairing, four
  // lecturers of the district's lecture team), 72 training classes.
  static void EnterWujinRegistration() {
    const std::string city =
        Organization("常州市禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "320400", "");
    wujin_association_ =
        Organization("武进区青年志愿者协会", reg::ORGANIZATION_KIND_ASSOCIATION, kWujin, city);
    wujin_lecture_team_ = Organization("武进区禁毒讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM,
                                       kWujin, wujin_association_);
    std::vector<std::string> teams(31);
    std::vector<std::function<void()>> jobs;
    for (int t = 0; t < 31; ++t) {
      jobs.push_back([t, &teams] {
        teams[t] = Organization("禁毒青年志愿者行动队" + std::to_string(t + 1),
                                reg::ORGANIZATION_KIND_VOLUNTEER_TEAM,
                                TownshipCode(kWujin, t % kWujinTowns.size()), wujin_association_);
      });
    }
    for (int i = 0; i < 4; ++i) {
      jobs.push_back([i] {
        const std::string lecturer =
            Lecturer("武进讲师" + std::to_string(i + 1), kWujin, 1000 + i, wujin_lecture_team_);
        std::lock_guard lock(mutex_);
        wujin_lecturers_.push_back(lecturer);
      });
    }
    RunParallel(std::move(jobs));
    jobs.clear();
    for (int g = 0; g < 731; ++g) {
      jobs.push_back([g, &teams] {
        Organization("禁毒青年志愿者行动小组" + std::to_string(g + 1),
                     reg::ORGANIZATION_KIND_ACTION_GROUP,
                     TownshipCode(kWujin, g % 31 % kWujinTowns.size()), teams[g % 31]);
      });
    }
    std::vector<std::string> active(150);
    for (int v = 0; v < 150; ++v) {
      jobs.push_back([v, &active] {
        active[v] = Volunteer("禁毒青年志愿者" + std::to_string(v + 1), kWujin, 2000 + v,
                              Standing::kActive);
      });
    }
    // 10,000 in all: the four lecturers, the 150 above and these.
    for (int v = 150; v < 10'000 - 4; ++v) {
      jobs.push_back([v] {
        Volunteer("禁毒青年志愿者" + std::to_string(v + 1),
                  TownshipCode(kWujin, v % kWujinTowns.size()), 2000 + v, Standing::kRegistered);
      });
    }
    for (int c = 0; c < 72; ++c) {
      jobs.push_back([c] {
        TrainingSession(wujin_association_, TownshipCode(kWujin, c % kWujinTowns.size()),
                        "禁毒青年志愿者培训班第" + std::to_string(c + 1) + "期",
                        kPeriodStart + 5 * c, {});
      });
    }
    RunParallel(std::move(jobs), 8);
    std::lock_guard lock(mutex_);
    active_volunteers_[kWujin] = active;
  }

  // --- publicity ---

  struct ActivitySpec {
    std::string organization;
    std::string region;
    publicity::v1::ActivityKind kind;
    publicity::v1::SixIntoCategory category;
    int day;
    int64_t audience;
    std::vector<std::pair<publicity::v1::MaterialKind, int64_t>> materials;
    std::string lecturer;
    std::string title;
  };
  enum class Fate { kApproved, kDraft, kRejected };
  static std::string Activity(const ActivitySpec& spec, Fate fate = Fate::kApproved) {
    publicity::v1::CreateActivityRequest create;
    publicity::v1::Activity* activity = create.mutable_activity();
    activity->set_organization(spec.organization);
    activity->set_region_code(spec.region);
    activity->set_title(spec.title);
    activity->set_kind(spec.kind);
    activity->set_six_into_category(spec.category);
    *activity->mutable_activity_date() = DaysFromToday(spec.day);
    activity->set_audience_count(spec.audience);
    if (!spec.lecturer.empty()) activity->add_lecturers(spec.lecturer);
    for (const auto& [kind, count] : spec.materials) {
      publicity::v1::MaterialCount* material = activity->add_materials();
      material->set_kind(kind);
      material->set_count(count);
    }
    create.set_submit(fate != Fate::kDraft);
    const std::string name =
        Publicity<publicity::v1::Activity>(&PublicityService::Stub::CreateActivity, create).name();
    if (fate == Fate::kApproved) {
      publicity::v1::ApproveActivityRequest approve;
      approve.set_name(name);
      Publicity<publicity::v1::Activity>(&PublicityService::Stub::ApproveActivity, approve,
                                         kReviewer);
    } else if (fate == Fate::kRejected) {
      publicity::v1::RejectActivityRequest reject;
      reject.set_name(name);
      reject.set_reason("材料不全");
      Publicity<publicity::v1::Activity>(&PublicityService::Stub::RejectActivity, reject,
                                         kReviewer);
    }
    return name;
  }

  // Ingests `count` entries of one kind from distinct participants, in batches of 10,000.
  static void Participation(const std::string& campaign, publicity::v1::ParticipationKind kind,
                            const std::vector<std::string>& regions, int64_t count, int day,
                            int salt) {
    std::vector<std::function<void()>> jobs;
    for (int64_t first = 0; first < count; first += 10'000) {
      jobs.push_back([=] {
        publicity::v1::BatchIngestParticipationEntriesRequest batch;
        for (int64_t i = first; i < std::min(count, first + 10'000); ++i) {
          publicity::v1::ParticipationEntry* entry = batch.add_entries();
          *entry = Pledge(EntryUuid(salt, i), campaign, regions[i % regions.size()], PhoneNumber(i),
                          -day * 86400LL - i % 7200);
          entry->set_kind(kind);
        }
        const auto response = Publicity<publicity::v1::BatchIngestParticipationEntriesResponse>(
            &PublicityService::Stub::BatchIngestParticipationEntries, batch, kPledgePlatform);
        EXPECT_EQ(response.counts().accepted(), batch.entries_size());
      });
    }
    RunParallel(std::move(jobs), 2);
  }
  static std::string Campaign(const std::string& organizer, const std::string& display_name,
                              const std::string& region, int start, int end) {
    publicity::v1::CreateCampaignRequest create;
    *create.mutable_campaign() = CampaignDraft(organizer, display_name, {region}, start, end);
    return Publicity<publicity::v1::Campaign>(&PublicityService::Stub::CreateCampaign, create)
        .name();
  }

  // Seed 002: 50 lectures by the two lent colleagues (60 listeners each), 60 large street
  // campaigns (10,000 each) with the 200 vehicle trips, 40 performances (367,000 in all), 300
  // contests in schools (100 each): 1,000,000 educated; 5,000 banners, 3,000 boards and 1,000,000
  // leaflets over the 100 large events; 500,000 pledges and 800,000 commitment letters.
  static void EnterShaoyangPublicity() {
    namespace pub = publicity::v1;
    std::vector<std::function<void()>> jobs;
    for (int i = 0; i < 50; ++i) {
      jobs.push_back([i] {
        Activity({shaoyang_lecture_team_,
                  TownshipCode(kShaoyang, i % kShaoyangTownships.size()),
                  pub::ACTIVITY_KIND_LECTURE,
                  pub::SIX_INTO_CATEGORY_OTHER,
                  kPeriodStart + 7 * i,
                  60,
                  {},
                  shaoyang_lecturers_[i % 2],
                  "乡镇分会禁毒业务培训授课"});
      });
    }
    for (int i = 0; i < 100; ++i) {
      const bool street = i < 60;
      const int64_t audience = street ? 10'000 : Share(367'000, i - 60, 40);
      std::vector<std::pair<pub::MaterialKind, int64_t>> materials = {
          {pub::MATERIAL_KIND_BANNER, 50},
          {pub::MATERIAL_KIND_DISPLAY_BOARD, 30},
          {pub::MATERIAL_KIND_LEAFLET, 10'000}};
      if (street) materials.push_back({pub::MATERIAL_KIND_VEHICLE, i < 20 ? 4 : 3});
      jobs.push_back([=] {
        Activity({shaoyang_association_, kShaoyang,
                  street ? pub::ACTIVITY_KIND_STREET_CAMPAIGN : pub::ACTIVITY_KIND_PERFORMANCE,
                  pub::SIX_INTO_CATEGORY_COMMUNITIES, kPeriodStart + 3 * i, audience, materials, "",
                  street ? "大型禁毒宣传活动" : "禁毒文艺表演"});
      });
    }
    for (int i = 0; i < 300; ++i) {
      jobs.push_back([i] {
        Activity({shaoyang_association_,
                  kShaoyang,
                  pub::ACTIVITY_KIND_COMPETITION,
                  pub::SIX_INTO_CATEGORY_SCHOOLS,
                  kPeriodStart + i,
                  100,
                  {},
                  "",
                  "禁毒演讲、书法、作文、漫画比赛"});
      });
    }
    // Decoys: the day before the period, a draft and a rejected event with vehicles.
    jobs.push_back([] {
      Activity({shaoyang_association_,
                kShaoyang,
                pub::ACTIVITY_KIND_COMPETITION,
                pub::SIX_INTO_CATEGORY_SCHOOLS,
                kPeriodStart - 1,
                100,
                {{pub::MATERIAL_KIND_LEAFLET, 999}},
                "",
                "上一年度的比赛"});
    });
    jobs.push_back([] {
      Activity({shaoyang_association_,
                kShaoyang,
                pub::ACTIVITY_KIND_STREET_CAMPAIGN,
                pub::SIX_INTO_CATEGORY_COMMUNITIES,
                -10,
                500,
                {{pub::MATERIAL_KIND_VEHICLE, 1}},
                "",
                "未提交的宣传活动"},
               Fate::kDraft);
    });
    jobs.push_back([] {
      Activity({shaoyang_association_,
                kShaoyang,
                pub::ACTIVITY_KIND_STREET_CAMPAIGN,
                pub::SIX_INTO_CATEGORY_COMMUNITIES,
                -9,
                500,
                {{pub::MATERIAL_KIND_VEHICLE, 1}},
                "",
                "被退回的宣传活动"},
               Fate::kRejected);
    });
    RunParallel(std::move(jobs), 3);

    std::vector<std::string> townships;
    for (size_t i = 0; i < kShaoyangTownships.size(); ++i) {
      townships.push_back(TownshipCode(kShaoyang, i));
    }
    const std::string campaign =
        Campaign(shaoyang_association_, "全县禁毒宣誓暨承诺书签订活动", kShaoyang, -200, -140);
    Participation(campaign, pub::PARTICIPATION_KIND_PLEDGE, townships, 500'000, -170, 21);
    Participation(campaign, pub::PARTICIPATION_KIND_COMMITMENT_LETTER, townships, 800'000, -160,
                  22);
  }

  // Seed 000: lectures in the district's 168 schools reaching 170,000 pupils, 40 visits to the
  // education base (横山桥镇) reaching 20,000, the contest of 潘家镇, the rally of 6.24 reported by
  // CCTV's 新闻联播, the "万人签名" signature campaign: 10,000 signatures.
  static void EnterWujinPublicity() {
    namespace pub = publicity::v1;
    std::vector<std::function<void()>> jobs;
    for (int i = 0; i < 168; ++i) {
      jobs.push_back([i] {
        Activity({wujin_lecture_team_,
                  TownshipCode(kWujin, i % kWujinTowns.size()),
                  pub::ACTIVITY_KIND_LECTURE,
                  pub::SIX_INTO_CATEGORY_SCHOOLS,
                  kPeriodStart + 2 * i,
                  Share(170'000, i, 168),
                  {},
                  wujin_lecturers_[i % 4],
                  "中小学禁毒知识讲座"});
      });
    }
    for (int i = 0; i < 40; ++i) {
      jobs.push_back([i] {
        Activity({wujin_association_,
                  TownshipCode(kWujin, 3),
                  pub::ACTIVITY_KIND_EDUCATION_BASE_VISIT,
                  pub::SIX_INTO_CATEGORY_OTHER,
                  kPeriodStart + 9 * i,
                  500,
                  {},
                  "",
                  "禁毒青年志愿者教育基地参观"});
      });
    }
    jobs.push_back([] {
      Activity({wujin_association_,
                TownshipCode(kWujin, 2),
                pub::ACTIVITY_KIND_COMPETITION,
                pub::SIX_INTO_CATEGORY_COMMUNITIES,
                -150,
                300,
                {},
                "",
                "毒品知识竞赛"});
    });
    RunParallel(std::move(jobs), 3);
    const std::string rally = Activity({wujin_association_,
                                        kWujin,
                                        pub::ACTIVITY_KIND_OTHER,
                                        pub::SIX_INTO_CATEGORY_OTHER,
                                        -165,
                                        2'000,
                                        {},
                                        "",
                                        "禁毒青年志愿者誓师大会"});
    pub::CreateNewsReportRequest report;
    report.mutable_news_report()->set_title("武进区禁毒青年志愿者誓师大会");
    report.mutable_news_report()->set_outlet_name("中央电视台新闻联播");
    report.mutable_news_report()->set_media_tier(pub::MEDIA_TIER_CENTRAL_MAINSTREAM);
    report.mutable_news_report()->set_channel(pub::MEDIA_CHANNEL_TV);
    *report.mutable_news_report()->mutable_publish_date() = DaysFromToday(-164);
    report.mutable_news_report()->set_organization(wujin_association_);
    report.mutable_news_report()->set_activity(rally);
    Publicity<pub::NewsReport>(&PublicityService::Stub::CreateNewsReport, report);

    std::vector<std::string> towns;
    for (size_t i = 0; i < kWujinTowns.size(); ++i) towns.push_back(TownshipCode(kWujin, i));
    const std::string campaign =
        Campaign(wujin_association_, "珍爱生命，拒绝毒品万人签名", kWujin, -175, -160);
    Participation(campaign, pub::PARTICIPATION_KIND_SIGNATURE, towns, 10'000, -168, 31);
  }

  // --- casework ---

  // Opens `count` cases by measure decisions of `type` starting between `first_day` and about a
  // month later; returns their names.
  static std::vector<std::string> OpenCases(const std::string& county, cw::MeasureType type,
                                            int count, int first_day, int serial_base) {
    std::vector<std::string> cases;
    cw::IngestMeasureDecisionsRequest request;
    for (int i = 0; i < count; ++i) {
      cw::MeasureDecision* decision = request.add_decisions();
      const int start = first_day + i % 30;
      decision->set_decision_number(county + "公(禁)决字第" + std::to_string(serial_base + i) +
                                    "号");
      decision->set_issuing_authority(county == kWujin ? "常州市公安局武进分局" : "邵阳县公安局");
      decision->set_measure_type(type);
      *decision->mutable_decision_date() = DaysFromToday(start - 5);
      *decision->mutable_start_date() = DaysFromToday(start);
      *decision->mutable_end_date() = DaysFromToday(start + 3 * 365);
      decision->mutable_person()->set_full_name("帮教对象" + std::to_string(serial_base + i));
      decision->mutable_person()->set_national_id_number(
          NationalIdNumber(county, std::to_string(1975 + i / 1000) + "0606", i % 1000));
      decision->mutable_person()->set_phone("+86" + PhoneNumber(60'000'000 + serial_base + i));
      decision->set_residence_region_code(county);
    }
    const auto response = Casework<cw::IngestMeasureDecisionsResponse>(
        &CaseworkService::Stub::IngestMeasureDecisions, request, kPoliceSystem);
    EXPECT_EQ(response.results_size(), count);
    for (const auto& result : response.results()) {
      EXPECT_EQ(result.outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED);
      cases.push_back(result.affected_case());
    }
    return cases;
  }
  static void Pair(const std::string& case_name, const std::string& volunteer, int day) {
    cw::CreatePairingRequest request;
    request.set_parent(case_name);
    request.mutable_pairing()->set_volunteer(volunteer);
    *request.mutable_pairing()->mutable_start_date() = DaysFromToday(day);
    Casework<cw::Pairing>(&CaseworkService::Stub::CreatePairing, request);
  }
  static void Help(const std::string& case_name, cw::HelpKind kind, int day, int64_t yuan = 0) {
    cw::CreateHelpRecordRequest request;
    request.set_parent(case_name);
    request.mutable_help_record()->set_kind(kind);
    *request.mutable_help_record()->mutable_help_date() = DaysFromToday(day);
    request.mutable_help_record()->set_outcome(cw::HELP_OUTCOME_ACHIEVED);
    if (yuan > 0) {
      request.mutable_help_record()->mutable_amount()->set_currency_code("CNY");
      request.mutable_help_record()->mutable_amount()->set_minor_units(yuan * 100);
    }
    Casework<cw::HelpRecord>(&CaseworkService::Stub::CreateHelpRecord, request);
  }
  static void Talk(const std::string& case_name, int day) {
    cw::CreateContactRequest request;
    request.set_parent(case_name);
    request.mutable_contact()->set_kind(cw::CONTACT_KIND_TALK);
    google::protobuf::Timestamp time;
    time.set_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count() +
                     day * 86400LL);
    *request.mutable_contact()->mutable_contact_time() = time;
    request.mutable_contact()->set_reached(true);
    request.mutable_contact()->add_participant_subjects(kCaseworker.subject);
    Casework<cw::Contact>(&CaseworkService::Stub::CreateContact, request);
  }

  // Seed 002: 100 persons paired one to one; 20 placed in jobs, 10 registered for employment,
  // subsidies and start-up training, loans of 1,000,000 yuan to 20 families.
  static void EnterShaoyangCasework() {
    const std::vector<std::string> cases = OpenCases(
        kShaoyang, cw::MEASURE_TYPE_COMMUNITY_REHABILITATION, 100, kPeriodStart + 20, 5000);
    ASSERT_EQ(cases.size(), 100u);
    std::vector<std::function<void()>> jobs;
    for (int i = 0; i < 100; ++i) {
      jobs.push_back([i, &cases] {
        Pair(cases[i], active_volunteers_.at(kShaoyang)[i], -190 + i);
        if (i < 20) Help(cases[i], cw::HELP_KIND_EMPLOYMENT, -60);
        if (i >= 20 && i < 30) Help(cases[i], cw::HELP_KIND_JOB_TRAINING, -50);
        if (i >= 30 && i < 50) Help(cases[i], cw::HELP_KIND_LOAN, -40, 50'000);
      });
    }
    RunParallel(std::move(jobs), 4);
  }

  // Seed 000: 296 persons out of the isolation centres (community recovery), each paired with two
  // or three of the 150 active volunteers; 2,400 talks; tips: 843 suspects of whom 576 users, 333
  // cases solved, 26 prosecutions, 20,235 g of heroin, 4,700 poppy plants reported.
  static void EnterWujinCasework() {
    std::vector<std::string> cases =
        OpenCases(kWujin, cw::MEASURE_TYPE_COMMUNITY_RECOVERY, 296, kPeriodStart + 10, 7000);
    ASSERT_EQ(cases.size(), 296u);
    const std::vector<std::string>& volunteers = active_volunteers_.at(kWujin);
    std::vector<std::function<void()>> jobs;
    for (int i = 0; i < 296; ++i) {
      jobs.push_back([i, &cases, &volunteers] {
        const int pair_day = kPeriodStart + 45 + i % 30;
        Pair(cases[i], volunteers[(2 * i) % 150], pair_day);
        Pair(cases[i], volunteers[(2 * i + 1) % 150], pair_day);
        if (i % 3 == 0) Pair(cases[i], volunteers[(2 * i + 75) % 150], pair_day);
      });
    }
    for (int t = 0; t < 2400; ++t) {
      jobs.push_back([t, &cases] { Talk(cases[t % 296], -250 + t % 245); });
    }
    // Decoy: a talk the day before the period.
    jobs.push_back([&cases] { Talk(cases[0], kPeriodStart - 1); });
    for (int t = 0; t < 40; ++t) jobs.push_back([t] { WujinTip(t); });
    RunParallel(std::move(jobs), 6);
  }
  // Tip `t` of 40: the first 30 on use and trafficking share the outcomes, the last 10 report
  // 470 poppy plants each.
  static void WujinTip(int t) {
    const bool cultivation = t >= 30;
    cw::CreateTipRequest create;
    create.mutable_tip()->set_kind(cultivation  ? cw::TIP_KIND_CULTIVATION
                                   : t % 2 == 0 ? cw::TIP_KIND_TRAFFICKING
                                                : cw::TIP_KIND_USE);
    create.mutable_tip()->set_region_code(TownshipCode(kWujin, t % kWujinTowns.size()));
    *create.mutable_tip()->mutable_observed_date() = DaysFromToday(-300 + 5 * t);
    create.mutable_tip()->set_description(cultivation ? "村后自留地疑似种植罂粟"
                                                      : "车站附近旅馆内有人吸贩毒");
    if (cultivation) create.mutable_tip()->set_plant_count(470);
    const std::string tip = Tip<cw::Tip>(&TipService::Stub::CreateTip, create, kCaseworker).name();
    if (cultivation) return;
    cw::ForwardTipRequest forward;
    forward.set_name(tip);
    Tip<cw::Tip>(&TipService::Stub::ForwardTip, forward, kWujinPolice);
    cw::ConfirmTipRequest confirm;
    confirm.set_name(tip);
    Tip<cw::Tip>(&TipService::Stub::ConfirmTip, confirm, kWujinPolice);
    cw::RecordTipOutcomeRequest outcome;
    outcome.set_name(tip);
    outcome.mutable_outcome()->set_suspects_identified(Share(843, t, 30));
    outcome.mutable_outcome()->set_users_identified(Share(576, t, 30));
    outcome.mutable_outcome()->set_cases_solved(Share(333, t, 30));
    outcome.mutable_outcome()->set_prosecutions(Share(26, t, 30));
    cw::DrugSeizure* seizure = outcome.mutable_outcome()->add_seizures();
    seizure->set_substance("海洛因");
    seizure->set_milligrams(Share(20'235'000, t, 30));
    Tip<cw::Tip>(&TipService::Stub::RecordTipOutcome, outcome, kWujinPolice);
  }

  // --- checks ---

  static void WaitForIn(ServiceProcess& service, const std::string& sql,
                        const std::string& expected,
                        std::chrono::seconds timeout = std::chrono::seconds(60)) {
    WaitForQueryValue(service, sql, expected, timeout);
  }

  static std::map<std::string, int64_t> Figures(const std::string& region, int first_day,
                                                int last_day) {
    rep::ComputeRegionFiguresRequest request;
    request.set_region_code(region);
    *request.mutable_period()->mutable_range()->mutable_start_date() = DaysFromToday(first_day);
    // Periods are half-open: the end is the day after the last.
    *request.mutable_period()->mutable_range()->mutable_end_date() = DaysFromToday(last_day + 1);
    rep::ComputeRegionFiguresResponse response;
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(kReader);
    const grpc::Status status = stub->ComputeRegionFigures(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return FlattenFigures(response.figures());
  }

  // Polls the region's figures for the period until every expected figure holds (the events are
  // still arriving for a while), then compares each one.
  static void ExpectSeedFigures(const std::string& region, const std::string& file) {
    const std::vector<ExpectedFigure> expected = ReadExpected(file);
    auto matches = [&](const std::map<std::string, int64_t>& figures) {
      for (const ExpectedFigure& figure : expected) {
        auto found = figures.find(figure.path);
        if (found == figures.end() || found->second != figure.value) return false;
      }
      return true;
    };
    std::map<std::string, int64_t> figures;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    do {
      figures = Figures(region, kPeriodStart, 0);
      if (matches(figures)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    } while (std::chrono::steady_clock::now() < deadline);
    if (!matches(figures)) {
      const std::string log = suite_->reporting().Log();
      ADD_FAILURE() << "the figures never settled; the reporting service's log ends with:\n"
                    << log.substr(log.size() > 6000 ? log.size() - 6000 : 0);
    }
    for (const ExpectedFigure& figure : expected) {
      auto found = figures.find(figure.path);
      ASSERT_NE(found, figures.end()) << figure.path << " is not a figure (" << file << ")";
      EXPECT_EQ(found->second, figure.value) << figure.path << ": " << figure.seed_words;
    }
  }

  static inline ReportingSuite* suite_ = nullptr;
  static inline std::mutex mutex_;
  static inline std::atomic<int> organizations_{0};
  static inline std::atomic<int> lecturers_{0};
  static inline std::string shaoyang_association_;
  static inline std::string shaoyang_lecture_team_;
  static inline std::vector<std::string> shaoyang_lecturers_;
  static inline std::string wujin_association_;
  static inline std::string wujin_lecture_team_;
  static inline std::vector<std::string> wujin_lecturers_;
  static inline std::map<std::string, std::vector<std::string>> active_volunteers_;
};

TEST_F(ReportingSeed002And000Test, Seed002FiguresOfShaoyangCounty) {
  ExpectSeedFigures(kShaoyang, "seed002_figures.csv");
}

TEST_F(ReportingSeed002And000Test, Seed000FiguresOfWujinDistrict) {
  ExpectSeedFigures(kWujin, "seed000_figures.csv");
}

// The city and the province hold the county's facts once each; a period one day shorter at the
// start loses the first day's facts (the first lecture of 邵阳县, the first training class of
// 武进区); a talk the day before the period is in a period that starts a day earlier.
TEST_F(ReportingSeed002And000Test, RollUpsAndPeriodEdges) {
  const auto shaoyang = Figures(kShaoyang, kPeriodStart, 0);
  const auto city = Figures("430500", kPeriodStart, 0);
  for (const char* path : {"publicity.activities", "publicity.audience",
                           "publicity.materials.MATERIAL_KIND_VEHICLE.count",
                           "casework.cases_paired", "registration.volunteers"}) {
    EXPECT_EQ(city.at(path), shaoyang.at(path)) << path;
  }
  const auto jiangsu = Figures("320000", kPeriodStart, 0);
  const auto wujin = Figures(kWujin, kPeriodStart, 0);
  for (const char* path : {"registration.volunteers", "casework.contacts",
                           "casework.tip_outcomes.suspects_identified", "publicity.news_reports"}) {
    EXPECT_EQ(jiangsu.at(path), wujin.at(path)) << path;
  }
  // Neither county's facts reach the other province.
  EXPECT_EQ(Figures("430000", kPeriodStart, 0).at("casework.tip_outcomes.suspects_identified"), 0);

  const auto shorter = Figures(kShaoyang, kPeriodStart + 1, 0);
  EXPECT_EQ(shorter.at("publicity.lectures"), shaoyang.at("publicity.lectures") - 1);
  EXPECT_EQ(Figures(kWujin, kPeriodStart + 1, 0).at("registration.training_sessions"),
            wujin.at("registration.training_sessions") - 1);
  const auto longer = Figures(kWujin, kPeriodStart - 1, 0);
  EXPECT_EQ(longer.at("casework.contacts"), wujin.at("casework.contacts") + 1);
  const auto longer_shaoyang = Figures(kShaoyang, kPeriodStart - 1, 0);
  EXPECT_EQ(longer_shaoyang.at("publicity.activities"), shaoyang.at("publicity.activities") + 1);
}

}  // namespace
}  // namespace jindu::testing

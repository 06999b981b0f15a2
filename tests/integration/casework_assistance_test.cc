// Help teams and pairings (帮扶帮教), black-box over real servers: volunteers are registered,
// approved and activated in the registration service, and the casework service learns of them only
// through its events. Only active volunteers can be paired; a suspension in registration ends the
// volunteer's pairings in casework; closing a case ends its pairings; history stays. Team members'
// names and phones are sealed and shown in clear only in an audited full view.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/casework/events/v1/case_events.pb.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

using casework::v1::CaseworkService;
using registration::v1::RegistrationService;
namespace cw = casework::v1;

const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kFurongPolice{
    .subject = "furong-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const TestCaller kTianxinWorker{
    .subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kFurongStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};

class CaseworkAssistanceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_assistance",
                                  "code,name,level,parent,valid_from,valid_to\n"
                                  "430102001,文艺路街道,township,430102,2000-01-01,\n",
                                  "430102001")
                 .release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static ServiceProcess& Casework() { return suite_->casework(); }
  static ServiceProcess& Registration() { return suite_->registration(); }
  std::unique_ptr<CaseworkService::Stub> Stub() {
    return CaseworkService::NewStub(Casework().Channel());
  }

  // A volunteer of 芙蓉区 taken to `state` in registration; returns its name once casework's
  // replica has applied that state.
  std::string Volunteer(const std::string& name, const std::string& id_number,
                        registration::v1::VolunteerState state) {
    auto stub = RegistrationService::NewStub(Registration().Channel());
    registration::v1::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name(name);
    create.mutable_volunteer()->set_national_id_number(id_number);
    create.mutable_volunteer()->set_phone("+8613812345678");
    create.mutable_volunteer()->set_residence_region_code("430102001");
    registration::v1::Volunteer volunteer;
    auto context = Registration().Context(kFurongStaff);
    grpc::Status status = stub->CreateVolunteer(context.get(), create, &volunteer);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (state >= registration::v1::VOLUNTEER_STATE_APPROVED) {
      registration::v1::ApproveVolunteerRequest approve;
      approve.set_name(volunteer.name());
      context = Registration().Context(kFurongStaff);
      EXPECT_TRUE(stub->ApproveVolunteer(context.get(), approve, &volunteer).ok());
    }
    if (state >= registration::v1::VOLUNTEER_STATE_ACTIVE) {
      registration::v1::ActivateVolunteerRequest activate;
      activate.set_name(volunteer.name());
      context = Registration().Context(kFurongStaff);
      EXPECT_TRUE(stub->ActivateVolunteer(context.get(), activate, &volunteer).ok());
    }
    WaitForReplicaState(volunteer.name(), state);
    return volunteer.name();
  }

  void Suspend(const std::string& volunteer) {
    auto stub = RegistrationService::NewStub(Registration().Channel());
    registration::v1::SuspendVolunteerRequest suspend;
    suspend.set_name(volunteer);
    suspend.set_reason("长期外出");
    registration::v1::Volunteer result;
    auto context = Registration().Context(kFurongStaff);
    ASSERT_TRUE(stub->SuspendVolunteer(context.get(), suspend, &result).ok());
    WaitForReplicaState(volunteer, registration::v1::VOLUNTEER_STATE_SUSPENDED);
  }

  static void WaitForReplicaState(const std::string& volunteer, int state) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    pqxx::connection connection(Casework().postgres_url());
    while (true) {
      pqxx::nontransaction tx(connection);
      const pqxx::result rows =
          tx.exec_params("SELECT state FROM casework.volunteer_replica WHERE volunteer_id = $1",
                         volunteer.substr(std::string("volunteers/").size()));
      if (!rows.empty() && rows[0][0].as<int>() == state) return;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline)
          << "casework never learned " << volunteer;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  cw::Case OpenCase(const std::string& name, const std::string& id_number) {
    cw::CreateCaseRequest request;
    request.mutable_case_()->mutable_personal_details()->set_full_name(name);
    request.mutable_case_()->mutable_personal_details()->set_national_id_number(id_number);
    request.mutable_case_()->set_residence_region_code("430102001");
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = Casework().Context(kFurongWorker);
    grpc::Status status = Stub()->CreateCase(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Pair(const TestCaller& caller, const std::string& case_name,
                    const std::string& volunteer, cw::Pairing* pairing,
                    const std::string& request_id = "") {
    cw::CreatePairingRequest request;
    request.set_parent(case_name);
    request.mutable_pairing()->set_volunteer(volunteer);
    *request.mutable_pairing()->mutable_start_date() = DaysFromToday(-10);
    request.set_request_id(request_id);
    auto context = Casework().Context(caller);
    return Stub()->CreatePairing(context.get(), request, pairing);
  }

  int ActivePairings(const std::string& case_name) {
    cw::Case got;
    cw::GetCaseRequest request;
    request.set_name(case_name);
    auto context = Casework().Context(kFurongWorker);
    EXPECT_TRUE(Stub()->GetCase(context.get(), request, &got).ok());
    return got.active_pairing_count();
  }

  static CaseworkSuite* suite_;
};

CaseworkSuite* CaseworkAssistanceTest::suite_ = nullptr;

TEST_F(CaseworkAssistanceTest, OnlyActiveVolunteersArePairedAndSuspensionEndsThePairing) {
  const std::string active =
      Volunteer("志愿者甲", "430102199003071234", registration::v1::VOLUNTEER_STATE_ACTIVE);
  const std::string second =
      Volunteer("志愿者乙", "430102198511110047", registration::v1::VOLUNTEER_STATE_ACTIVE);
  const std::string applied =
      Volunteer("志愿者丙", "43010219960404061X", registration::v1::VOLUNTEER_STATE_APPLIED);
  const cw::Case helped = OpenCase("帮扶对象", "43010219800101002X");

  cw::Pairing pairing;
  grpc::Status status = Pair(kFurongWorker, helped.name(), applied, &pairing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "VOLUNTEER_NOT_ACTIVE");
  EXPECT_EQ(ErrorReasonOf(Pair(kFurongWorker, helped.name(), "volunteers/unknown1", &pairing)),
            "VOLUNTEER_NOT_ACTIVE");
  EXPECT_EQ(ErrorReasonOf(Pair(kFurongOfficer, helped.name(), active, &pairing)),
            "ROLE_NOT_GRANTED");
  EXPECT_EQ(Pair(kTianxinWorker, helped.name(), active, &pairing).error_code(),
            grpc::StatusCode::NOT_FOUND);

  const std::string request_id = "0f6c2b1e-8a51-4f7e-9a50-5d1c2f3b4a61";
  status = Pair(kFurongWorker, helped.name(), active, &pairing, request_id);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(pairing.state(), cw::PAIRING_STATE_ACTIVE);
  cw::Pairing again;
  ASSERT_TRUE(Pair(kFurongWorker, helped.name(), active, &again, request_id).ok());
  EXPECT_EQ(again.name(), pairing.name());
  EXPECT_EQ(Pair(kFurongWorker, helped.name(), active, &again).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  cw::Pairing many_to_one;
  ASSERT_TRUE(Pair(kFurongWorker, helped.name(), second, &many_to_one).ok());
  EXPECT_EQ(ActivePairings(helped.name()), 2);

  // Registration suspends the first volunteer: casework ends that pairing by itself.
  Suspend(active);
  EXPECT_EQ(ActivePairings(helped.name()), 1);
  cw::ListPairingsRequest list;
  list.set_parent(helped.name());
  cw::ListPairingsResponse listed;
  auto context = Casework().Context(kFurongOfficer);
  ASSERT_TRUE(Stub()->ListPairings(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.pairings_size(), 2);
  for (const auto& item : listed.pairings()) {
    if (item.name() == pairing.name()) {
      EXPECT_EQ(item.state(), cw::PAIRING_STATE_ENDED);
      EXPECT_EQ(item.end_reason(), cw::PAIRING_END_REASON_VOLUNTEER_INACTIVE);
    } else {
      EXPECT_EQ(item.state(), cw::PAIRING_STATE_ACTIVE);
    }
  }

  // Ended by hand: dates checked, then history kept.
  cw::EndPairingRequest end;
  end.set_name(many_to_one.name());
  *end.mutable_end_date() = DaysFromToday(5);
  end.set_end_reason(cw::PAIRING_END_REASON_VOLUNTEER_INACTIVE);
  context = Casework().Context(kFurongWorker);
  status = Stub()->EndPairing(context.get(), end, &again);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"end_date=DATE_IN_FUTURE", "end_reason=VALUE_NOT_ALLOWED"}));
  *end.mutable_end_date() = DaysFromToday(-20);
  end.set_end_reason(cw::PAIRING_END_REASON_REASSIGNED);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->EndPairing(context.get(), end, &again)),
            std::vector<std::string>{"end_date=END_BEFORE_START"});
  *end.mutable_end_date() = DaysFromToday(0);
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->EndPairing(context.get(), end, &again).ok());
  EXPECT_EQ(again.state(), cw::PAIRING_STATE_ENDED);
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->EndPairing(context.get(), end, &again)),
            "ILLEGAL_STATE_TRANSITION");
  EXPECT_EQ(ActivePairings(helped.name()), 0);

  // All pairings in scope, by volunteer.
  list.set_parent("cases/-");
  list.set_volunteer(second);
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->ListPairings(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.pairings_size(), 1);
  EXPECT_EQ(listed.pairings(0).name(), many_to_one.name());
  context = Casework().Context(kTianxinWorker);
  ASSERT_TRUE(Stub()->ListPairings(context.get(), list, &listed).ok());
  EXPECT_EQ(listed.pairings_size(), 0);

  // Reporting learns of each pairing and its end.
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.casework.case.v1", 5);
  int paired = 0, unpaired = 0;
  for (const auto& event : events) {
    casework::events::v1::CasePaired paired_event;
    casework::events::v1::CaseUnpaired unpaired_event;
    if (event.envelope.payload().UnpackTo(&paired_event) &&
        paired_event.case_name() == helped.name()) {
      ++paired;
    }
    if (event.envelope.payload().UnpackTo(&unpaired_event) &&
        unpaired_event.case_name() == helped.name()) {
      ++unpaired;
    }
  }
  EXPECT_EQ(paired, 2);
  EXPECT_EQ(unpaired, 2);
}

TEST_F(CaseworkAssistanceTest, ClosingACaseEndsItsPairings) {
  const std::string volunteer =
      Volunteer("志愿者丁", "430102197506150031", registration::v1::VOLUNTEER_STATE_ACTIVE);
  const cw::Case helped = OpenCase("结案对象", "430102199202020050");
  cw::Pairing pairing;
  ASSERT_TRUE(Pair(kFurongWorker, helped.name(), volunteer, &pairing).ok());
  cw::CloseCaseRequest close;
  close.set_name(helped.name());
  close.set_close_reason(cw::CLOSE_REASON_MEASURE_COMPLETED);
  *close.mutable_close_date() = DaysFromToday(0);
  cw::Case closed;
  auto context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->CloseCase(context.get(), close, &closed).ok());
  EXPECT_EQ(closed.active_pairing_count(), 0);
  cw::ListPairingsRequest list;
  list.set_parent(helped.name());
  cw::ListPairingsResponse listed;
  context = Casework().Context(kFurongWorker);
  ASSERT_TRUE(Stub()->ListPairings(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.pairings_size(), 1);
  EXPECT_EQ(listed.pairings(0).end_reason(), cw::PAIRING_END_REASON_CASE_ENDED);
  EXPECT_EQ(ErrorReasonOf(Pair(kFurongWorker, helped.name(), volunteer, &pairing)),
            "ILLEGAL_STATE_TRANSITION");
}

TEST_F(CaseworkAssistanceTest, HelpTeamIsSealedAndShownInClearOnlyWhenAudited) {
  const std::string volunteer =
      Volunteer("志愿者戊", "430103198808080041", registration::v1::VOLUNTEER_STATE_ACTIVE);
  const cw::Case helped = OpenCase("团队对象", "430103199909090067");
  cw::UpdateCaseTeamRequest update;
  update.mutable_team()->set_name(helped.name() + "/team");
  update.mutable_update_mask()->add_paths("members");
  auto add = [&](cw::TeamRole role, const std::string& name, const std::string& phone) {
    cw::TeamMember* member = update.mutable_team()->add_members();
    member->set_role(role);
    member->set_display_name(name);
    member->set_phone(phone);
    return member;
  };
  add(cw::TEAM_ROLE_COMMUNITY_WORKER, "社工刘芳", "13700001111")->set_subject("furong-worker");
  add(cw::TEAM_ROLE_POLICE_OFFICER, "民警张强", "0731-84561234")->set_affiliation("文艺路派出所");
  add(cw::TEAM_ROLE_FAMILY_MEMBER, "母亲黄秀英", "13600002222");
  cw::TeamMember* helper = add(cw::TEAM_ROLE_VOLUNTEER, "", "");
  cw::CaseTeam team;
  auto context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->UpdateCaseTeam(context.get(), update, &team)),
            std::vector<std::string>{"team.members[3].volunteer=FIELD_REQUIRED"});
  helper->set_volunteer(volunteer);
  add(cw::TEAM_ROLE_UNSPECIFIED, "", "12");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(FieldViolationsOf(Stub()->UpdateCaseTeam(context.get(), update, &team)),
            (std::vector<std::string>{"team.members[4].role=FIELD_REQUIRED",
                                      "team.members[4].phone=FIELD_MALFORMED"}));
  update.mutable_team()->mutable_members()->RemoveLast();
  context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->UpdateCaseTeam(context.get(), update, &team)),
            "ROLE_NOT_GRANTED");
  update.set_etag("0");
  context = Casework().Context(kFurongWorker);
  grpc::Status status = Stub()->UpdateCaseTeam(context.get(), update, &team);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(team.distinct_role_count(), 4);
  EXPECT_EQ(team.members(0).display_name(), "社*");
  EXPECT_EQ(team.members(1).phone(), "0731****");
  EXPECT_EQ(team.audit().etag(), "1");
  context = Casework().Context(kFurongWorker);
  EXPECT_EQ(ErrorReasonOf(Stub()->UpdateCaseTeam(context.get(), update, &team)), "ETAG_MISMATCH");

  cw::GetCaseTeamRequest get;
  get.set_name(helped.name() + "/team");
  get.set_view(cw::CASE_VIEW_FULL);
  get.set_access_purpose("联系帮扶小组");
  context = Casework().Context(kFurongOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->GetCaseTeam(context.get(), get, &team)),
            "PERSONAL_DATA_ACCESS_DENIED");
  context = Casework().Context(kFurongPolice);
  ASSERT_TRUE(Stub()->GetCaseTeam(context.get(), get, &team).ok());
  EXPECT_EQ(team.members(2).display_name(), "母亲黄秀英");
  EXPECT_EQ(team.members(1).phone(), "073184561234");
  context = Casework().Context(kTianxinWorker);
  EXPECT_EQ(Stub()->GetCaseTeam(context.get(), get, &team).error_code(),
            grpc::StatusCode::NOT_FOUND);

  pqxx::connection connection(Casework().postgres_url());
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM casework.access_audit_entries WHERE resource = '" +
                    helped.name() + "/team' AND NOT denied AND subject = 'furong-police'")[0][0]
                .as<int>(),
            1);
  std::string dump;
  for (const auto& row : tx.exec("SELECT row_to_json(t)::text FROM casework.case_teams t")) {
    dump += row[0].as<std::string>();
  }
  for (const char* secret : {"社工刘芳", "母亲黄秀英", "13600002222", "84561234"}) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << secret;
  }
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.casework.case.v1", 3);
  bool changed = false;
  for (const auto& event : events) {
    casework::events::v1::CaseTeamChanged team_changed;
    if (event.envelope.payload().UnpackTo(&team_changed) &&
        team_changed.case_name() == helped.name()) {
      changed = true;
      EXPECT_EQ(team_changed.distinct_role_count(), 4);
      EXPECT_EQ(event.envelope.SerializeAsString().find("母亲"), std::string::npos);
    }
  }
  EXPECT_TRUE(changed);
}

}  // namespace
}  // namespace jindu::testing

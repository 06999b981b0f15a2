// Every casework RPC that names a resource, called by another county's staff: a case, its help
// team, pairings, contacts, urine tests, help records, a transfer and a tip of 芙蓉区 are created,
// then 天心区's caseworker, police liaison and officer call each method on them. Every answer must
// be a refusal that reveals nothing: NOT_FOUND exactly as for a missing resource, or a role refusal
// that does not depend on the resource; never OK, never another status that would tell "it exists
// but...", and no personal data in any message. Lists and lookups of the other county show none of
// it. A method added later without a scope check fails here.

#include <gtest/gtest.h>

#include <functional>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"

namespace jindu::testing {
namespace {

using casework::v1::CaseworkService;
using casework::v1::TipService;
namespace cw = casework::v1;

const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kFurongPolice{
    .subject = "furong-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const std::vector<TestCaller> kOtherCounty = {
    {.subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}},
    {.subject = "tianxin-police", .roles = {"police_liaison"}, .regions = {"430103"}},
    {.subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}},
    {.subject = "tianxin-all",
     .roles = {"caseworker", "police_liaison", "county_officer"},
     .regions = {"430103"}},
};
constexpr char kName[] = "蒋保密";
constexpr char kIdNumber[] = "43010219800101002X";
constexpr char kPhone[] = "13812349876";

google::protobuf::Timestamp HoursAgo(int hours) {
  google::protobuf::Timestamp time;
  time.set_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(
          (std::chrono::system_clock::now() - std::chrono::hours(hours)).time_since_epoch())
          .count());
  return time;
}

class CaseworkScopeSweepTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = CaseworkSuite::Start("casework_scope_sweep", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static ServiceProcess& Casework() { return suite_->casework(); }
  static CaseworkSuite* suite_;
};

CaseworkSuite* CaseworkScopeSweepTest::suite_ = nullptr;

// Checks one answer of another county's caller.
void ExpectRefusedWithoutHint(const std::string& method, const grpc::Status& status) {
  SCOPED_TRACE(method);
  EXPECT_FALSE(status.ok()) << "answered another county's caller";
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    EXPECT_EQ(ErrorReasonOf(status), "RESOURCE_NOT_FOUND");
  } else {
    // A refusal by role, the same whatever the resource: reveals nothing about it.
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
    const std::string reason = ErrorReasonOf(status);
    EXPECT_TRUE(reason == "ROLE_NOT_GRANTED" || reason == "PERSONAL_DATA_ACCESS_DENIED")
        << reason << ": " << status.error_message();
  }
  for (const char* secret : {kName, kIdNumber, kPhone}) {
    EXPECT_EQ(status.error_message().find(secret), std::string::npos);
  }
}

TEST_F(CaseworkScopeSweepTest, AnotherCountyIsRefusedEverywhereWithoutAHint) {
  auto cases = CaseworkService::NewStub(Casework().Channel());
  auto tips = TipService::NewStub(Casework().Channel());
  auto as = [&](const TestCaller& caller) { return Casework().Context(caller); };

  // 芙蓉区's resources.
  cw::CreateCaseRequest create;
  create.mutable_case_()->mutable_personal_details()->set_full_name(kName);
  create.mutable_case_()->mutable_personal_details()->set_national_id_number(kIdNumber);
  create.mutable_case_()->mutable_personal_details()->set_phone(kPhone);
  create.mutable_case_()->set_residence_region_code("430102");
  create.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
  cw::Case the_case;
  ASSERT_TRUE(cases->CreateCase(as(kFurongWorker).get(), create, &the_case).ok());
  const std::string case_name = the_case.name();

  cw::CreateContactRequest contact_request;
  contact_request.set_parent(case_name);
  contact_request.mutable_contact()->set_kind(cw::CONTACT_KIND_HOME_VISIT);
  *contact_request.mutable_contact()->mutable_contact_time() = HoursAgo(2);
  contact_request.mutable_contact()->set_reached(true);
  cw::Contact contact;
  grpc::Status status = cases->CreateContact(as(kFurongWorker).get(), contact_request, &contact);
  ASSERT_TRUE(status.ok()) << status.error_message();

  cw::RecordUrineTestRequest test_request;
  test_request.set_parent(case_name);
  *test_request.mutable_test_date() = DaysFromToday(0);
  test_request.set_result(cw::URINE_TEST_RESULT_NEGATIVE);
  cw::UrineTest urine_test;
  status = cases->RecordUrineTest(as(kFurongWorker).get(), test_request, &urine_test);
  ASSERT_TRUE(status.ok()) << status.error_message();

  cw::CreateHelpRecordRequest help_request;
  help_request.set_parent(case_name);
  help_request.mutable_help_record()->set_kind(cw::HELP_KIND_EMPLOYMENT);
  *help_request.mutable_help_record()->mutable_help_date() = DaysFromToday(-1);
  help_request.mutable_help_record()->set_outcome(cw::HELP_OUTCOME_PENDING);
  cw::HelpRecord help;
  status = cases->CreateHelpRecord(as(kFurongWorker).get(), help_request, &help);
  ASSERT_TRUE(status.ok()) << status.error_message();

  cw::UpdateCaseTeamRequest team_request;
  team_request.mutable_team()->set_name(case_name + "/team");
  team_request.mutable_update_mask()->add_paths("members");
  cw::TeamMember* member = team_request.mutable_team()->add_members();
  member->set_role(cw::TEAM_ROLE_FAMILY_MEMBER);
  member->set_display_name("母亲");
  cw::CaseTeam team;
  ASSERT_TRUE(cases->UpdateCaseTeam(as(kFurongWorker).get(), team_request, &team).ok());

  cw::CreateCaseTransferRequest transfer_request;
  transfer_request.mutable_case_transfer()->set_source_case(case_name);
  transfer_request.mutable_case_transfer()->set_to_region_code("430104");  // 岳麓区, not 天心区
  cw::CaseTransfer transfer;
  ASSERT_TRUE(cases->CreateCaseTransfer(as(kFurongWorker).get(), transfer_request, &transfer).ok());

  cw::CreateTipRequest tip_request;
  tip_request.mutable_tip()->set_kind(cw::TIP_KIND_USE);
  tip_request.mutable_tip()->set_region_code("430102");
  *tip_request.mutable_tip()->mutable_observed_date() = DaysFromToday(-1);
  tip_request.mutable_tip()->set_description(std::string(kName) + "在出租屋内吸毒");
  cw::Tip tip;
  status = tips->CreateTip(as(kFurongWorker).get(), tip_request, &tip);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const std::string pairing_name = case_name + "/pairings/p000000000000000000000";
  const std::string purpose = "核查";

  // Every method that names one of them, by every kind of caller of the other county.
  std::vector<std::pair<std::string, std::function<grpc::Status(grpc::ClientContext*)>>> calls;
  auto add = [&](std::string method, std::function<grpc::Status(grpc::ClientContext*)> call) {
    calls.emplace_back(std::move(method), std::move(call));
  };
  add("GetCase", [&](grpc::ClientContext* c) {
    cw::GetCaseRequest r;
    r.set_name(case_name);
    cw::Case a;
    return cases->GetCase(c, r, &a);
  });
  add("GetCase FULL", [&](grpc::ClientContext* c) {
    cw::GetCaseRequest r;
    r.set_name(case_name);
    r.set_view(cw::CASE_VIEW_FULL);
    r.set_access_purpose(purpose);
    cw::Case a;
    return cases->GetCase(c, r, &a);
  });
  add("UpdateCase", [&](grpc::ClientContext* c) {
    cw::UpdateCaseRequest r;
    r.mutable_case_()->set_name(case_name);
    r.mutable_case_()->mutable_personal_details()->set_phone("13900000000");
    r.mutable_update_mask()->add_paths("personal_details.phone");
    cw::Case a;
    return cases->UpdateCase(c, r, &a);
  });
  add("RecordMeasureReport", [&](grpc::ClientContext* c) {
    cw::RecordMeasureReportRequest r;
    r.set_name(case_name);
    *r.mutable_reported_date() = DaysFromToday(0);
    cw::Case a;
    return cases->RecordMeasureReport(c, r, &a);
  });
  add("ReportLostContact", [&](grpc::ClientContext* c) {
    cw::ReportLostContactRequest r;
    r.set_name(case_name);
    *r.mutable_since_date() = DaysFromToday(0);
    r.set_reason("联系不上");
    cw::Case a;
    return cases->ReportLostContact(c, r, &a);
  });
  add("RestoreContact", [&](grpc::ClientContext* c) {
    cw::RestoreContactRequest r;
    r.set_name(case_name);
    *r.mutable_restored_date() = DaysFromToday(0);
    r.set_reason("已联系");
    cw::Case a;
    return cases->RestoreContact(c, r, &a);
  });
  add("ConfirmRelapse", [&](grpc::ClientContext* c) {
    cw::ConfirmRelapseRequest r;
    r.set_name(case_name);
    *r.mutable_relapse_date() = DaysFromToday(0);
    r.set_reason("复吸");
    cw::Case a;
    return cases->ConfirmRelapse(c, r, &a);
  });
  add("DismissSuspectedRelapse", [&](grpc::ClientContext* c) {
    cw::DismissSuspectedRelapseRequest r;
    r.set_name(case_name);
    r.set_reason("误报");
    cw::Case a;
    return cases->DismissSuspectedRelapse(c, r, &a);
  });
  add("ConfirmAbstinence", [&](grpc::ClientContext* c) {
    cw::ConfirmAbstinenceRequest r;
    r.set_name(case_name);
    *r.mutable_confirmed_date() = DaysFromToday(0);
    cw::Case a;
    return cases->ConfirmAbstinence(c, r, &a);
  });
  add("CloseCase", [&](grpc::ClientContext* c) {
    cw::CloseCaseRequest r;
    r.set_name(case_name);
    r.set_close_reason(cw::CLOSE_REASON_MEASURE_COMPLETED);
    *r.mutable_close_date() = DaysFromToday(0);
    cw::Case a;
    return cases->CloseCase(c, r, &a);
  });
  add("GetCaseTeam", [&](grpc::ClientContext* c) {
    cw::GetCaseTeamRequest r;
    r.set_name(case_name + "/team");
    cw::CaseTeam a;
    return cases->GetCaseTeam(c, r, &a);
  });
  add("UpdateCaseTeam", [&](grpc::ClientContext* c) {
    cw::CaseTeam a;
    return cases->UpdateCaseTeam(c, team_request, &a);
  });
  add("CreatePairing", [&](grpc::ClientContext* c) {
    cw::CreatePairingRequest r;
    r.set_parent(case_name);
    r.mutable_pairing()->set_volunteer("volunteers/someone");
    *r.mutable_pairing()->mutable_start_date() = DaysFromToday(0);
    cw::Pairing a;
    return cases->CreatePairing(c, r, &a);
  });
  add("ListPairings", [&](grpc::ClientContext* c) {
    cw::ListPairingsRequest r;
    r.set_parent(case_name);
    cw::ListPairingsResponse a;
    return cases->ListPairings(c, r, &a);
  });
  add("EndPairing", [&](grpc::ClientContext* c) {
    cw::EndPairingRequest r;
    r.set_name(pairing_name);
    *r.mutable_end_date() = DaysFromToday(0);
    r.set_end_reason(cw::PAIRING_END_REASON_OTHER);
    cw::Pairing a;
    return cases->EndPairing(c, r, &a);
  });
  add("CreateContact", [&](grpc::ClientContext* c) {
    cw::Contact a;
    return cases->CreateContact(c, contact_request, &a);
  });
  add("GetContact", [&](grpc::ClientContext* c) {
    cw::GetContactRequest r;
    r.set_name(contact.name());
    cw::Contact a;
    return cases->GetContact(c, r, &a);
  });
  add("ListContacts", [&](grpc::ClientContext* c) {
    cw::ListContactsRequest r;
    r.set_parent(case_name);
    cw::ListContactsResponse a;
    return cases->ListContacts(c, r, &a);
  });
  add("UpdateContact", [&](grpc::ClientContext* c) {
    cw::UpdateContactRequest r;
    *r.mutable_contact() = contact;
    r.mutable_contact()->set_reached(false);
    r.mutable_update_mask()->add_paths("reached");
    cw::Contact a;
    return cases->UpdateContact(c, r, &a);
  });
  add("RecordUrineTest", [&](grpc::ClientContext* c) {
    cw::UrineTest a;
    return cases->RecordUrineTest(c, test_request, &a);
  });
  add("GetUrineTest", [&](grpc::ClientContext* c) {
    cw::GetUrineTestRequest r;
    r.set_name(urine_test.name());
    cw::UrineTest a;
    return cases->GetUrineTest(c, r, &a);
  });
  add("ListUrineTests", [&](grpc::ClientContext* c) {
    cw::ListUrineTestsRequest r;
    r.set_parent(case_name);
    cw::ListUrineTestsResponse a;
    return cases->ListUrineTests(c, r, &a);
  });
  add("CreateHelpRecord", [&](grpc::ClientContext* c) {
    cw::HelpRecord a;
    return cases->CreateHelpRecord(c, help_request, &a);
  });
  add("GetHelpRecord", [&](grpc::ClientContext* c) {
    cw::GetHelpRecordRequest r;
    r.set_name(help.name());
    cw::HelpRecord a;
    return cases->GetHelpRecord(c, r, &a);
  });
  add("ListHelpRecords", [&](grpc::ClientContext* c) {
    cw::ListHelpRecordsRequest r;
    r.set_parent(case_name);
    cw::ListHelpRecordsResponse a;
    return cases->ListHelpRecords(c, r, &a);
  });
  add("UpdateHelpRecord", [&](grpc::ClientContext* c) {
    cw::UpdateHelpRecordRequest r;
    *r.mutable_help_record() = help;
    r.mutable_help_record()->set_outcome(cw::HELP_OUTCOME_ACHIEVED);
    r.mutable_update_mask()->add_paths("outcome");
    cw::HelpRecord a;
    return cases->UpdateHelpRecord(c, r, &a);
  });
  add("CreateCaseTransfer", [&](grpc::ClientContext* c) {
    cw::CreateCaseTransferRequest r = transfer_request;
    r.mutable_case_transfer()->set_to_region_code("430103");
    cw::CaseTransfer a;
    return cases->CreateCaseTransfer(c, r, &a);
  });
  add("GetCaseTransfer", [&](grpc::ClientContext* c) {
    cw::GetCaseTransferRequest r;
    r.set_name(transfer.name());
    cw::CaseTransfer a;
    return cases->GetCaseTransfer(c, r, &a);
  });
  add("AcceptCaseTransfer", [&](grpc::ClientContext* c) {
    cw::AcceptCaseTransferRequest r;
    r.set_name(transfer.name());
    cw::CaseTransfer a;
    return cases->AcceptCaseTransfer(c, r, &a);
  });
  add("RejectCaseTransfer", [&](grpc::ClientContext* c) {
    cw::RejectCaseTransferRequest r;
    r.set_name(transfer.name());
    r.set_reason("不接收");
    cw::CaseTransfer a;
    return cases->RejectCaseTransfer(c, r, &a);
  });
  add("CancelCaseTransfer", [&](grpc::ClientContext* c) {
    cw::CancelCaseTransferRequest r;
    r.set_name(transfer.name());
    cw::CaseTransfer a;
    return cases->CancelCaseTransfer(c, r, &a);
  });
  add("GetTip", [&](grpc::ClientContext* c) {
    cw::GetTipRequest r;
    r.set_name(tip.name());
    r.set_access_purpose(purpose);
    cw::Tip a;
    return tips->GetTip(c, r, &a);
  });
  add("ForwardTip", [&](grpc::ClientContext* c) {
    cw::ForwardTipRequest r;
    r.set_name(tip.name());
    cw::Tip a;
    return tips->ForwardTip(c, r, &a);
  });
  add("ConfirmTip", [&](grpc::ClientContext* c) {
    cw::ConfirmTipRequest r;
    r.set_name(tip.name());
    cw::Tip a;
    return tips->ConfirmTip(c, r, &a);
  });
  add("DismissTip", [&](grpc::ClientContext* c) {
    cw::DismissTipRequest r;
    r.set_name(tip.name());
    r.set_reason("不实");
    cw::Tip a;
    return tips->DismissTip(c, r, &a);
  });
  add("RecordTipOutcome", [&](grpc::ClientContext* c) {
    cw::RecordTipOutcomeRequest r;
    r.set_name(tip.name());
    r.mutable_outcome()->set_suspects_identified(1);
    cw::Tip a;
    return tips->RecordTipOutcome(c, r, &a);
  });

  int not_found = 0;
  for (const TestCaller& attacker : kOtherCounty) {
    for (const auto& [method, call] : calls) {
      const grpc::Status answer = call(as(attacker).get());
      ExpectRefusedWithoutHint(attacker.subject + " " + method, answer);
      not_found += answer.error_code() == grpc::StatusCode::NOT_FOUND;
    }
  }
  // The caller with every role is never refused by role alone: every one of its calls was a
  // NOT_FOUND, the answer for a missing resource.
  EXPECT_GE(not_found, static_cast<int>(calls.size()));

  // Nothing changed: the case is as 芙蓉区 left it.
  cw::GetCaseRequest get;
  get.set_name(case_name);
  cw::Case after;
  ASSERT_TRUE(cases->GetCase(as(kFurongWorker).get(), get, &after).ok());
  EXPECT_EQ(after.status(), cw::CASE_STATUS_ACTIVE);
  EXPECT_EQ(after.personal_details().phone(), "138****9876");

  // Lists and lookups of the other county show none of it.
  for (const TestCaller& attacker : kOtherCounty) {
    cw::ListCasesRequest list_cases;
    cw::ListCasesResponse listed_cases;
    if (cases->ListCases(as(attacker).get(), list_cases, &listed_cases).ok()) {
      EXPECT_EQ(listed_cases.cases_size(), 0) << attacker.subject;
    }
    cw::ListContactsRequest all_contacts;
    all_contacts.set_parent("cases/-");
    cw::ListContactsResponse listed_contacts;
    if (cases->ListContacts(as(attacker).get(), all_contacts, &listed_contacts).ok()) {
      EXPECT_EQ(listed_contacts.contacts_size(), 0) << attacker.subject;
    }
    cw::ListCaseTransfersRequest all_transfers;
    cw::ListCaseTransfersResponse listed_transfers;
    if (cases->ListCaseTransfers(as(attacker).get(), all_transfers, &listed_transfers).ok()) {
      EXPECT_EQ(listed_transfers.case_transfers_size(), 0) << attacker.subject;
    }
    cw::ListTipsRequest all_tips;
    cw::ListTipsResponse listed_tips;
    if (tips->ListTips(as(attacker).get(), all_tips, &listed_tips).ok()) {
      EXPECT_EQ(listed_tips.tips_size(), 0) << attacker.subject;
    }
    cw::LookupCasesRequest lookup;
    lookup.set_national_id_number(kIdNumber);
    lookup.set_access_purpose(purpose);
    cw::LookupCasesResponse found;
    if (cases->LookupCases(as(attacker).get(), lookup, &found).ok()) {
      EXPECT_EQ(found.cases_size(), 0) << attacker.subject;
    }
  }
}

}  // namespace
}  // namespace jindu::testing

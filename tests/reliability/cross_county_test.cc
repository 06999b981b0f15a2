// Cross-county attack: callers of 芙蓉区 (430102) in each county role (county_officer, caseworker,
// association_staff) go after 天心区 (430103) data created first through the APIs (organisations,
// a volunteer, a case with a contact, a campaign). A generated mix of reads and updates naming B's
// resources, and of lists, report figures and exports naming B's region or none (1,000 attempts;
// 100,000 with JINDU_RELIABILITY_LONG=1), must:
//   - leak nothing: no B display name, personal name, ID number or phone, and no B resource name in
//     any successful answer, in any error message or detail (the detector is first shown to see
//     B's data in B's own answers);
//   - answer a B resource exactly like a resource that does not exist (same code, same reason, same
//     message once the name is taken out, same resource named in the details);
//   - refuse a filter or region naming B with PERMISSION_DENIED / REGION_OUT_OF_SCOPE (for a role
//     that may list its own county);
//   - audit every attempt on personal data: casework's access audit records each case attempt it
//     weighed (past the role check) as denied; registration records every full-view attempt at a
//     volunteer, refused ones as REFUSED_NOT_FOUND.

#include <cstdlib>
#include <functional>
#include <map>

#include "harness/error_details.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/reporting/v1/filing_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

using namespace std::chrono_literals;
namespace reg = registration::v1;
namespace cw = casework::v1;
namespace pub = publicity::v1;
namespace rep = reporting::v1;

const TestCaller kTianxinWorker{
    .subject = "tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kTianxinStaff{
    .subject = "tianxin-staff", .roles = {"association_staff"}, .regions = {"430103"}};
const std::vector<TestCaller> kAttackers = {
    {.subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}},
    {.subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}},
    {.subject = "furong-assoc", .roles = {"association_staff"}, .regions = {"430102"}},
};
constexpr char kPurpose[] = "越权核查测试";

// One answer: its status and the serialized response (empty unless OK).
struct Answer {
  grpc::Status status;
  std::string body;
};

template <typename Response>
Answer AnswerOf(const grpc::Status& status, const Response& response) {
  return {status, status.ok() ? response.SerializeAsString() : std::string()};
}

// The name `name` with its last segment swapped for an id that exists nowhere, same shape.
std::string MissingTwin(const std::string& name) {
  const size_t slash = name.rfind('/');
  std::string id = name.substr(slash + 1);
  for (char& c : id) {
    if (c >= '0' && c <= '8')
      c = static_cast<char>(c + 1);
    else if (c == '9')
      c = '0';
    else if (c >= 'a' && c <= 'e')
      c = static_cast<char>(c + 1);
    else if (c == 'f')
      c = 'a';
  }
  return name.substr(0, slash + 1) + id;
}

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A probe of one resource by name: an attacker calls it with a name.
using ByName = std::function<Answer(const TestCaller&, const std::string&)>;
// A probe of a list: an attacker calls it with a region filter ("" for none).
using ByRegion = std::function<Answer(const TestCaller&, const std::string&)>;

struct NameProbe {
  std::string label;
  std::string target;  // B's resource
  bool personal_data;  // a full view: must be audited
  ByName call;
};
struct ListProbe {
  std::string label;
  ByRegion call;
};

TEST(CrossCountyTest, CountyACallersSeeNothingOfCountyB) {
  const auto started = std::chrono::steady_clock::now();
  const int64_t attempts_wanted = Setting("JINDU_CROSS_COUNTY_ATTEMPTS", 1000, 100000);
  std::unique_ptr<ReportingSuite> suite = ReportingSuite::Start("reliability_cross", "", "430104");
  ServiceProcess& registration_process = suite->registration();
  ServiceProcess& casework_process = suite->casework();
  ServiceProcess& publicity_process = suite->publicity();
  auto registration = reg::RegistrationService::NewStub(registration_process.Channel());
  auto casework = cw::CaseworkService::NewStub(casework_process.Channel());
  auto publicity = pub::PublicityService::NewStub(publicity_process.Channel());
  ServiceProcess& reporting_process = suite->reporting();
  auto reports = rep::ReportingService::NewStub(reporting_process.Channel());
  auto filings = rep::FilingService::NewStub(reporting_process.Channel());
  // Reports take a region, not a filter: the attacker's own county stands in for "none".
  auto report_region = [](const std::string& region) {
    return region.empty() ? std::string("430102") : region;
  };

  // County B's data, through the APIs.
  std::vector<std::string> needles;  // must appear in no answer
  auto create_organization = [&](const std::string& display, const std::string& region,
                                 const std::string& parent) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(display);
    request.mutable_organization()->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    reg::Organization created;
    auto context = registration_process.Context(kRegistrar);
    const grpc::Status status = registration->CreateOrganization(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  };
  const std::string city = create_organization("越权测试长沙市协会", "430100", "");
  const std::string b_org = create_organization("天心区越权靶子协会", "430103", city);
  const std::string a_org = create_organization("芙蓉区越权对照协会", "430102", city);
  needles.push_back("天心区越权靶子协会");

  std::string b_volunteer;
  {
    reg::CreateVolunteerRequest request;
    request.mutable_volunteer()->set_display_name("司徒靶子");
    request.mutable_volunteer()->set_national_id_number("430103199001011234");
    request.mutable_volunteer()->set_phone("+8613900031103");
    request.mutable_volunteer()->set_residence_region_code("430103");
    reg::Volunteer created;
    auto context = registration_process.Context(kRegistrar);
    const grpc::Status status = registration->CreateVolunteer(context.get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    b_volunteer = created.name();
    needles.insert(needles.end(), {"司徒靶子", "430103199001011234", "13900031103"});
  }
  std::string b_case;
  {
    cw::CreateCaseRequest request;
    request.mutable_case_()->mutable_personal_details()->set_full_name("端木靶案");
    request.mutable_case_()->mutable_personal_details()->set_national_id_number(
        "430103198707074566");
    request.mutable_case_()->set_residence_region_code("430103");
    request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_TWO);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = casework_process.Context(kTianxinWorker);
    const grpc::Status status = casework->CreateCase(context.get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    b_case = created.name();
    needles.insert(needles.end(), {"端木靶案", "430103198707074566"});
  }
  std::string b_contact;
  {
    cw::CreateContactRequest request;
    request.set_parent(b_case);
    cw::Contact* contact = request.mutable_contact();
    contact->set_kind(cw::CONTACT_KIND_HOME_VISIT);
    *contact->mutable_contact_time() = google::protobuf::util::TimeUtil::GetCurrentTime() -
                                       google::protobuf::util::TimeUtil::HoursToDuration(24);
    contact->set_reached(true);
    contact->add_participant_subjects("tianxin-worker");
    cw::Contact created;
    auto context = casework_process.Context(kTianxinWorker);
    const grpc::Status status = casework->CreateContact(context.get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    b_contact = created.name();
  }
  std::string b_campaign;
  {
    pub::CreateCampaignRequest request;
    pub::Campaign* campaign = request.mutable_campaign();
    campaign->set_display_name("天心区越权靶子宣传");
    campaign->set_tag(pub::CAMPAIGN_TAG_JUNE_26);
    campaign->set_organizer(b_org);
    *campaign->mutable_date_range()->mutable_start_date() = DaysFromToday(-30);
    *campaign->mutable_date_range()->mutable_end_date() = DaysFromToday(1);
    campaign->add_region_codes("430103");
    pub::Campaign created;
    grpc::Status status;
    // The organiser reaches publicity as a registration event: retry until its replica knows it.
    for (int attempt = 0; attempt < 150; ++attempt) {
      auto context = publicity_process.Context(kTianxinStaff);
      status = publicity->CreateCampaign(context.get(), request, &created);
      if (status.ok()) break;
      std::this_thread::sleep_for(200ms);
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    b_campaign = created.name();
    needles.push_back("天心区越权靶子宣传");
  }
  const std::vector<std::string> b_names = {b_org, b_volunteer, b_case, b_contact, b_campaign};

  const std::vector<NameProbe> name_probes = {
      {"GetOrganization", b_org, false,
       [&](const TestCaller& caller, const std::string& name) {
         reg::GetOrganizationRequest request;
         request.set_name(name);
         reg::Organization response;
         auto context = registration_process.Context(caller);
         return AnswerOf(registration->GetOrganization(context.get(), request, &response),
                         response);
       }},
      {"UpdateOrganization", b_org, false,
       [&](const TestCaller& caller, const std::string& name) {
         reg::UpdateOrganizationRequest request;
         request.mutable_organization()->set_name(name);
         request.mutable_organization()->set_display_name("被芙蓉区改名");
         request.mutable_update_mask()->add_paths("display_name");
         reg::Organization response;
         auto context = registration_process.Context(caller);
         return AnswerOf(registration->UpdateOrganization(context.get(), request, &response),
                         response);
       }},
      {"GetVolunteer(basic)", b_volunteer, false,
       [&](const TestCaller& caller, const std::string& name) {
         reg::GetVolunteerRequest request;
         request.set_name(name);
         reg::Volunteer response;
         auto context = registration_process.Context(caller);
         return AnswerOf(registration->GetVolunteer(context.get(), request, &response), response);
       }},
      {"GetVolunteer(full)", b_volunteer, true,
       [&](const TestCaller& caller, const std::string& name) {
         reg::GetVolunteerRequest request;
         request.set_name(name);
         request.set_view(reg::VOLUNTEER_VIEW_FULL);
         request.set_access_purpose(kPurpose);
         reg::Volunteer response;
         auto context = registration_process.Context(caller);
         return AnswerOf(registration->GetVolunteer(context.get(), request, &response), response);
       }},
      {"GetCase(basic)", b_case, false,
       [&](const TestCaller& caller, const std::string& name) {
         cw::GetCaseRequest request;
         request.set_name(name);
         cw::Case response;
         auto context = casework_process.Context(caller);
         return AnswerOf(casework->GetCase(context.get(), request, &response), response);
       }},
      {"GetCase(full)", b_case, true,
       [&](const TestCaller& caller, const std::string& name) {
         cw::GetCaseRequest request;
         request.set_name(name);
         request.set_view(cw::CASE_VIEW_FULL);
         request.set_access_purpose(kPurpose);
         cw::Case response;
         auto context = casework_process.Context(caller);
         return AnswerOf(casework->GetCase(context.get(), request, &response), response);
       }},
      {"UpdateCase", b_case, false,
       [&](const TestCaller& caller, const std::string& name) {
         cw::UpdateCaseRequest request;
         request.mutable_case_()->set_name(name);
         request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_ONE);
         request.mutable_update_mask()->add_paths("assistance_category");
         cw::Case response;
         auto context = casework_process.Context(caller);
         return AnswerOf(casework->UpdateCase(context.get(), request, &response), response);
       }},
      {"GetContact(full)", b_contact, true,
       [&](const TestCaller& caller, const std::string& name) {
         cw::GetContactRequest request;
         request.set_name(name);
         request.set_view(cw::CASE_VIEW_FULL);
         request.set_access_purpose(kPurpose);
         cw::Contact response;
         auto context = casework_process.Context(caller);
         return AnswerOf(casework->GetContact(context.get(), request, &response), response);
       }},
      {"ListContacts(parent)", b_case, false,
       [&](const TestCaller& caller, const std::string& name) {
         cw::ListContactsRequest request;
         request.set_parent(name);
         cw::ListContactsResponse response;
         auto context = casework_process.Context(caller);
         return AnswerOf(casework->ListContacts(context.get(), request, &response), response);
       }},
      {"GetCampaign", b_campaign, false,
       [&](const TestCaller& caller, const std::string& name) {
         pub::GetCampaignRequest request;
         request.set_name(name);
         pub::Campaign response;
         auto context = publicity_process.Context(caller);
         return AnswerOf(publicity->GetCampaign(context.get(), request, &response), response);
       }},
  };
  const std::vector<ListProbe> list_probes = {
      {"ListOrganizations",
       [&](const TestCaller& caller, const std::string& region) {
         reg::ListOrganizationsRequest request;
         request.set_within_region_code(region);
         reg::ListOrganizationsResponse response;
         auto context = registration_process.Context(caller);
         return AnswerOf(registration->ListOrganizations(context.get(), request, &response),
                         response);
       }},
      {"ListVolunteers",
       [&](const TestCaller& caller, const std::string& region) {
         reg::ListVolunteersRequest request;
         request.set_within_region_code(region);
         reg::ListVolunteersResponse response;
         auto context = registration_process.Context(caller);
         return AnswerOf(registration->ListVolunteers(context.get(), request, &response), response);
       }},
      {"ListCases",
       [&](const TestCaller& caller, const std::string& region) {
         cw::ListCasesRequest request;
         request.set_within_region_code(region);
         cw::ListCasesResponse response;
         auto context = casework_process.Context(caller);
         return AnswerOf(casework->ListCases(context.get(), request, &response), response);
       }},
      {"ListCampaigns",
       [&](const TestCaller& caller, const std::string& region) {
         pub::ListCampaignsRequest request;
         request.set_within_region_code(region);
         pub::ListCampaignsResponse response;
         auto context = publicity_process.Context(caller);
         return AnswerOf(publicity->ListCampaigns(context.get(), request, &response), response);
       }},
      {"ListActivities",
       [&](const TestCaller& caller, const std::string& region) {
         pub::ListActivitiesRequest request;
         request.set_within_region_code(region);
         pub::ListActivitiesResponse response;
         auto context = publicity_process.Context(caller);
         return AnswerOf(publicity->ListActivities(context.get(), request, &response), response);
       }},
      {"ListNewsReports",
       [&](const TestCaller& caller, const std::string& region) {
         pub::ListNewsReportsRequest request;
         request.set_within_region_code(region);
         pub::ListNewsReportsResponse response;
         auto context = publicity_process.Context(caller);
         return AnswerOf(publicity->ListNewsReports(context.get(), request, &response), response);
       }},
      {"ListFilings",
       [&](const TestCaller& caller, const std::string& region) {
         rep::ListFilingsRequest request;
         request.set_within_region_code(region);
         request.mutable_period()->mutable_month()->set_year(2026);
         request.mutable_period()->mutable_month()->set_month(11);
         rep::ListFilingsResponse response;
         auto context = reporting_process.Context(caller);
         return AnswerOf(filings->ListFilings(context.get(), request, &response), response);
       }},
      {"ComputeRegionFigures",
       [&](const TestCaller& caller, const std::string& region) {
         rep::ComputeRegionFiguresRequest request;
         request.set_region_code(report_region(region));
         request.mutable_period()->mutable_month()->set_year(2026);
         request.mutable_period()->mutable_month()->set_month(11);
         request.set_by_child_region(true);
         rep::ComputeRegionFiguresResponse response;
         auto context = reporting_process.Context(caller);
         return AnswerOf(reports->ComputeRegionFigures(context.get(), request, &response),
                         response);
       }},
      {"ExportTable",
       [&](const TestCaller& caller, const std::string& region) {
         rep::ExportTableRequest request;
         request.set_table(rep::REPORT_TABLE_REGION_FIGURES);
         request.set_format(rep::EXPORT_FORMAT_CSV);
         request.set_region_code(report_region(region));
         request.mutable_period()->mutable_month()->set_year(2026);
         request.mutable_period()->mutable_month()->set_month(11);
         auto context = reporting_process.Context(caller);
         auto reader = reports->ExportTable(context.get(), request);
         Answer answer;
         rep::ExportTableResponse chunk;
         while (reader->Read(&chunk)) answer.body += chunk.data();
         answer.status = reader->Finish();
         if (!answer.status.ok()) answer.body.clear();
         return answer;
       }},
  };

  int64_t attempts = 0, leaks = 0, mismatches = 0, not_found = 0, region_refusals = 0;
  int64_t personal_data_attempts = 0, wrong_list_answers = 0;
  std::map<std::string, int64_t> personal_by_resource;
  // Attempts the service weighed against the B resource (past its role checks: NOT_FOUND).
  std::map<std::string, int64_t> weighed_by_resource, full_weighed_by_resource;
  // A leak: B data in a successful body, or B's personal data / display names in any message.
  auto leaked = [&](const Answer& answer, const std::string& asked) {
    std::string text =
        answer.body + "\n" + answer.status.error_message() + "\n" + answer.status.error_details();
    bool found = false;
    for (const std::string& needle : needles)
      found = found || text.find(needle) != std::string::npos;
    for (const std::string& name : b_names) {
      // Echoing the caller's own input back (a contact's name holds its case's) is no leak.
      if (asked.find(name) != std::string::npos) continue;
      found = found || text.find(name) != std::string::npos;
    }
    if (answer.status.ok() && !asked.empty() && answer.body.find(asked) != std::string::npos) {
      found = true;  // a B resource served
    }
    return found;
  };
  // The detector sees B's data where it is allowed: B's own callers read it back, so a leak in the
  // same shape could not pass unnoticed.
  {
    const Answer own_org = name_probes[0].call(kTianxinStaff, b_org);
    ASSERT_TRUE(own_org.status.ok()) << own_org.status.error_message();
    EXPECT_TRUE(leaked(own_org, b_org));
    const Answer own_case = name_probes[4].call(kTianxinWorker, b_case);
    ASSERT_TRUE(own_case.status.ok()) << own_case.status.error_message();
    EXPECT_TRUE(leaked(own_case, b_case));
    const Answer own_list = list_probes[3].call(kTianxinStaff, "430103");
    ASSERT_TRUE(own_list.status.ok()) << own_list.status.error_message();
    EXPECT_TRUE(leaked(own_list, ""));
  }
  // Whether a role may list its own county at all (only then is a B filter's refusal specific).
  std::map<std::pair<size_t, size_t>, bool> may_list_own;
  for (size_t l = 0; l < list_probes.size(); ++l) {
    for (size_t a = 0; a < kAttackers.size(); ++a) {
      may_list_own[{l, a}] = list_probes[l].call(kAttackers[a], "430102").status.ok();
    }
  }

  // The generated mix: probe kind, attacker and variant drawn from a fixed-seed generator.
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const size_t kinds = name_probes.size() + 2 * list_probes.size();
  std::map<std::string, int64_t> by_probe;
  while (attempts < attempts_wanted) {
    const size_t kind = next() % kinds;
    const size_t a = next() % kAttackers.size();
    const TestCaller& attacker = kAttackers[a];
    ++attempts;
    if (kind < name_probes.size()) {
      const NameProbe& probe = name_probes[kind];
      ++by_probe[probe.label];
      const Answer b = probe.call(attacker, probe.target);
      const std::string twin = MissingTwin(probe.target);
      const Answer missing = probe.call(attacker, twin);
      if (probe.personal_data) {
        ++personal_data_attempts;
        ++personal_by_resource[probe.target];
      }
      if (leaked(b, probe.target)) {
        ++leaks;
        ADD_FAILURE() << probe.label << " as " << attacker.subject
                      << " leaked: " << b.status.error_message();
      }
      if (b.status.error_code() == grpc::StatusCode::NOT_FOUND) {
        ++not_found;
        ++weighed_by_resource[probe.target];
        if (probe.personal_data) ++full_weighed_by_resource[probe.target];
      }
      const bool same = !b.status.ok() && b.status.error_code() == missing.status.error_code() &&
                        ErrorReasonOf(b.status) == ErrorReasonOf(missing.status) &&
                        Replaced(b.status.error_message(), probe.target, "<name>") ==
                            Replaced(missing.status.error_message(), twin, "<name>") &&
                        Replaced(ResourceNameOf(b.status), probe.target, "<name>") ==
                            Replaced(ResourceNameOf(missing.status), twin, "<name>");
      if (!same) {
        ++mismatches;
        ADD_FAILURE() << probe.label << " as " << attacker.subject << ": B answered "
                      << b.status.error_code() << " '" << b.status.error_message()
                      << "', missing answered " << missing.status.error_code() << " '"
                      << missing.status.error_message() << "'";
      }
    } else {
      const size_t l = (kind - name_probes.size()) / 2;
      const bool filtered = (kind - name_probes.size()) % 2 == 0;
      const ListProbe& probe = list_probes[l];
      ++by_probe[probe.label + (filtered ? "(430103)" : "(own)")];
      const Answer answer = probe.call(attacker, filtered ? "430103" : "");
      if (leaked(answer, "")) {
        ++leaks;
        ADD_FAILURE() << probe.label << " as " << attacker.subject << " leaked B data";
      }
      if (filtered) {
        const bool refused = answer.status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
        const bool scoped = ErrorReasonOf(answer.status) == "REGION_OUT_OF_SCOPE";
        if (refused && scoped) ++region_refusals;
        if (!refused || (may_list_own[{l, a}] && !scoped)) {
          ++wrong_list_answers;
          ADD_FAILURE() << probe.label << "(430103) as " << attacker.subject << ": "
                        << answer.status.error_code() << " " << ErrorReasonOf(answer.status) << " "
                        << answer.status.error_message();
        }
      }
    }
  }

  // Every attempt on personal data audited, as a refusal by the attacker.
  const std::string subjects = "('furong-officer','furong-worker','furong-assoc')";
  const int64_t case_audit_rows =
      Scalar(casework_process.postgres_url(),
             "SELECT count(*) FROM casework.access_audit_entries WHERE denied AND resource IN ('" +
                 b_case + "', '" + b_contact + "') AND subject IN " + subjects);
  const int64_t case_attempts_weighed =
      weighed_by_resource[b_case] + weighed_by_resource[b_contact];
  const int64_t volunteer_audit_rows =
      Scalar(registration_process.postgres_url(),
             "SELECT count(*) FROM registration.access_audit WHERE resource = '" + b_volunteer +
                 "' AND subject IN " + subjects);
  // Casework audits every attempt it weighed against the case (past the role check, answered
  // NOT_FOUND), whatever the view, updates included.
  EXPECT_EQ(case_audit_rows, case_attempts_weighed);
  // Registration records every full-view attempt at a volunteer, refused ones included.
  const int64_t unaudited_volunteer_full_reads =
      full_weighed_by_resource[b_volunteer] - volunteer_audit_rows;
  EXPECT_EQ(unaudited_volunteer_full_reads, 0);
  // Nothing B owns was changed by the attempted updates.
  EXPECT_EQ(Scalar(registration_process.postgres_url(),
                   "SELECT count(*) FROM registration.organizations WHERE display_name = "
                   "'被芙蓉区改名'"),
            0);
  EXPECT_EQ(leaks, 0);
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(wrong_list_answers, 0);
  (void)a_org;

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string probes;
  for (const auto& [label, count] : by_probe) {
    probes += (probes.empty() ? "\"" : ",\"") + label + "\":" + std::to_string(count);
  }
  WriteFigures(
      "cross_county",
      "{\"scenario\":\"cross_county\",\"mode\":\"" + std::string(LongRun() ? "long" : "short") +
          "\",\"attempts\":" + std::to_string(attempts) + ",\"leaks\":" + std::to_string(leaks) +
          ",\"not_found_like_missing\":" + std::to_string(not_found) +
          ",\"answers_unlike_missing\":" + std::to_string(mismatches) +
          ",\"region_out_of_scope\":" + std::to_string(region_refusals) +
          ",\"wrong_list_answers\":" + std::to_string(wrong_list_answers) +
          ",\"personal_data_attempts\":" + std::to_string(personal_data_attempts) +
          ",\"audit_rows\":" + std::to_string(case_audit_rows + volunteer_audit_rows) +
          ",\"audit_rows_casework\":" + std::to_string(case_audit_rows) +
          ",\"audit_rows_registration\":" + std::to_string(volunteer_audit_rows) +
          ",\"case_attempts_weighed\":" + std::to_string(case_attempts_weighed) +
          ",\"volunteer_full_reads_unaudited\":" + std::to_string(unaudited_volunteer_full_reads) +
          ",\"by_probe\":{" + probes + "},\"seconds\":" + std::to_string(seconds) + "}");
}

}  // namespace
}  // namespace jindu::testing::reliability

// Rotation of the field-encryption key under load. The casework service starts on key k1 and N
// cases are created through the API, each with a contact, every fifth reported as lost contact (a
// sealed reason) and some tips. Then, while writers keep creating cases and contacts and readers
// keep reading them back in full (every value compared with what was written), the operator puts
// a new key k2 on the first line of the key file and restarts the service; its re-sealing worker
// (runtime/crypto/reseal_worker.h) moves every value still on k1 to k2. Asserted:
//   - 0 read errors and 0 wrong values during all of it (calls refused while the one process
//     restarts, UNAVAILABLE, or cancelled by its drain, CANCELLED, are retried as a client behind
//     a load balancer would, and counted);
//   - 0 values left on k1 in any sealed column, by SQL over every "<name>_sealed"/"<name>_key_id"
//     pair the schema has (found in information_schema, not from the service's own list), and
//     jindu_sealed_values_retired back to 0;
//   - k1 removed from the file and the service restarted: every case, contact and tip reads back
//     exactly as written;
//   - registration rotates the same way (its harness key plus r2, restart, worker, old key
//     removed): its 20 volunteers' sealed ID numbers, names and phones move to r2 and read back;
//   - nothing personal left the rows: jindu-leak-scan finds none of the names, ID numbers and
//     phones in Kafka, Redis, both services' logs or any unsealed column of either schema, and
//     jindu-check counts 0.
//
// Short run N=150; JINDU_RELIABILITY_LONG=1: N=2,000 (JINDU_KEY_ROTATION_CASES overrides).
// Figures: build/reliability/key_rotation.json.

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>

#include "harness/temp_dir.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

namespace cw = casework::v1;
using namespace std::chrono_literals;

const TestCaller kWorker{
    .subject = "rotation-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kPolice{
    .subject = "rotation-police", .roles = {"police_liaison"}, .regions = {"430102"}};
const TestCaller kFurongStaff{
    .subject = "rotation-staff", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kTianxinPolice{
    .subject = "rotation-tianxin-police", .roles = {"police_liaison"}, .regions = {"430103"}};
constexpr char kPurpose[] = "密钥轮换后核对";

std::string RandomKey() {
  unsigned char key[32];
  RAND_bytes(key, sizeof key);
  unsigned char encoded[64];
  const int length = EVP_EncodeBlock(encoded, key, sizeof key);
  return std::string(reinterpret_cast<char*>(encoded), static_cast<size_t>(length));
}

// A valid ID number of 芙蓉区 (GB 11643 check character), distinct for i < 226,800.
std::string IdNumber(int64_t i) {
  const uint64_t n = static_cast<uint64_t>(i);
  char body[32];
  std::snprintf(body, sizeof body, "430102198%01u%02u%02u%03u", 0u,
                static_cast<unsigned>(1 + n / 900 / 28 % 9),
                static_cast<unsigned>(1 + n / 900 % 28), static_cast<unsigned>(100 + n % 900));
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int d = 0; d < 17; ++d) sum += (body[d] - '0') * kWeights[d];
  return std::string(body, 17) + "10X98765432"[sum % 11];
}

// Synthetic people: three characters from a list nobody else uses, a phone, an address, notes.
struct Person {
  std::string full_name, id_number, phone, address, notes;
  std::string case_name, contact_name, contact_notes, relief_description;
};

Person MakePerson(int64_t i) {
  static const char* kCharacters[] = {"钥", "轮", "换", "新", "旧", "封", "存", "启",
                                      "验", "证", "码", "锁", "匙", "环", "链", "篆"};
  Person person;
  person.full_name = std::string("钥") + kCharacters[i % 16] + kCharacters[i / 16 % 16] +
                     kCharacters[i / 256 % 16];
  person.id_number = IdNumber(i);
  char phone[16];
  std::snprintf(phone, sizeof phone, "1397%07lld", static_cast<long long>(i));
  person.phone = phone;
  person.address = "长沙市芙蓉区轮换路" + std::to_string(i) + "号";
  person.notes = "轮换备注第" + std::to_string(i) + "号";
  person.contact_notes = "走访记录第" + std::to_string(i) + "次";
  person.relief_description = "大米" + std::to_string(i % 7 + 1) + "袋";
  return person;
}

// The casework API as the load drives it: calls wait for the service (wait_for_ready) and a call
// refused while the one process restarts (UNAVAILABLE) is retried with the same request id.
class RotationApi {
 public:
  explicit RotationApi(ServiceProcess& casework) : casework_(casework) {}

  std::atomic<int64_t> unavailable_retried{0};
  // While the one process restarts, a call that reached it after its drain began answers
  // CANCELLED: retried then (and counted), an error at any other time.
  std::atomic<bool> restarting{false};
  std::atomic<int64_t> cancelled_by_restart_retried{0};

  template <typename Call>
  grpc::Status WithRetry(const TestCaller& caller, Call call) {
    grpc::Status status;
    for (int attempt = 0; attempt < 20; ++attempt) {
      auto context = casework_.Context(caller, 60s);
      context->set_wait_for_ready(true);
      status = call(context.get());
      if (status.error_code() == grpc::StatusCode::CANCELLED && restarting) {
        ++cancelled_by_restart_retried;
        continue;
      }
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE) return status;
      ++unavailable_retried;
      std::this_thread::sleep_for(200ms);
    }
    return status;
  }

  // Creates the person's case and a contact; fills case_name and contact_name.
  grpc::Status Create(Person& person, int64_t i) {
    auto cases = cw::CaseworkService::NewStub(casework_.Channel());
    cw::CreateCaseRequest request;
    cw::PersonalDetails* details = request.mutable_case_()->mutable_personal_details();
    details->set_full_name(person.full_name);
    details->set_national_id_number(person.id_number);
    details->set_phone(person.phone);
    details->set_address(person.address);
    details->set_notes(person.notes);
    request.mutable_case_()->set_residence_region_code("430102");
    request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_TWO);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    request.set_request_id(TestUuid(0xca5e, static_cast<uint64_t>(i)));
    cw::Case created;
    grpc::Status status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->CreateCase(context, request, &created);
    });
    if (!status.ok()) return status;
    person.case_name = created.name();

    cw::CreateContactRequest contact_request;
    contact_request.set_parent(created.name());
    contact_request.set_request_id(TestUuid(0xc0de, static_cast<uint64_t>(i)));
    cw::Contact* contact = contact_request.mutable_contact();
    contact->set_kind(cw::CONTACT_KIND_RELIEF_VISIT);
    *contact->mutable_contact_time() = google::protobuf::util::TimeUtil::GetCurrentTime() -
                                       google::protobuf::util::TimeUtil::HoursToDuration(1);
    contact->set_reached(true);
    contact->add_participant_subjects(kWorker.subject);
    contact->set_notes(person.contact_notes);
    contact->set_relief_items(1);
    contact->set_relief_items_description(person.relief_description);
    cw::Contact made;
    status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->CreateContact(context, contact_request, &made);
    });
    if (status.ok()) person.contact_name = made.name();
    return status;
  }

  grpc::Status ReportLost(const std::string& case_name, const std::string& reason) {
    auto cases = cw::CaseworkService::NewStub(casework_.Channel());
    cw::ReportLostContactRequest request;
    request.set_name(case_name);
    *request.mutable_since_date() = DaysFromToday(-2);
    request.set_reason(reason);
    cw::Case answer;
    return WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->ReportLostContact(context, request, &answer);
    });
  }

  // A help record, an ad hoc urine test and a help team for the person's case: the other sealed
  // columns of a case (help_records.notes, urine_tests.result, case_teams.members).
  grpc::Status AddFollowUp(const Person& person, int64_t i) {
    auto cases = cw::CaseworkService::NewStub(casework_.Channel());
    cw::CreateHelpRecordRequest help;
    help.set_parent(person.case_name);
    help.mutable_help_record()->set_kind(cw::HELP_KIND_EMPLOYMENT);
    *help.mutable_help_record()->mutable_help_date() = DaysFromToday(-1);
    help.mutable_help_record()->set_outcome(cw::HELP_OUTCOME_PENDING);
    help.mutable_help_record()->set_notes("推荐到蓝结家园就业基地" + std::to_string(i));
    cw::HelpRecord help_made;
    grpc::Status status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->CreateHelpRecord(context, help, &help_made);
    });
    if (!status.ok()) return status;
    cw::RecordUrineTestRequest test;
    test.set_parent(person.case_name);
    test.set_result(cw::URINE_TEST_RESULT_NEGATIVE);
    *test.mutable_test_date() = DaysFromToday(-1);
    test.set_request_id(TestUuid(0x0e1e, static_cast<uint64_t>(i)));
    cw::UrineTest recorded;
    status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->RecordUrineTest(context, test, &recorded);
    });
    if (!status.ok()) return status;
    cw::UpdateCaseTeamRequest team;
    team.mutable_team()->set_name(person.case_name + "/team");
    team.mutable_update_mask()->add_paths("members");
    cw::TeamMember* member = team.mutable_team()->add_members();
    member->set_role(cw::TEAM_ROLE_FAMILY_MEMBER);
    member->set_display_name("母亲" + person.full_name);
    member->set_phone(person.phone);
    cw::CaseTeam updated;
    return WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->UpdateCaseTeam(context, team, &updated);
    });
  }

  // A measure decision from public security for the person living in `region`: a new case with a
  // sealed decision number, or, for a person with a case in another county, a transfer request
  // whose decision waits sealed (case_transfers.pending_decision).
  grpc::Status Ingest(const TestCaller& police, const Person& person, const std::string& region,
                      int64_t i, cw::MeasureDecisionOutcome expected) {
    auto cases = cw::CaseworkService::NewStub(casework_.Channel());
    cw::IngestMeasureDecisionsRequest request;
    cw::MeasureDecision* decision = request.add_decisions();
    decision->set_decision_number("湘长公戒决字[2026]第" + std::to_string(10000 + i) + "号");
    decision->set_issuing_authority("长沙市公安局");
    decision->set_measure_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
    *decision->mutable_decision_date() = DaysFromToday(-30);
    *decision->mutable_start_date() = DaysFromToday(-20);
    *decision->mutable_end_date() = DaysFromToday(3 * 365);
    decision->mutable_person()->set_full_name(person.full_name);
    decision->mutable_person()->set_national_id_number(person.id_number);
    decision->mutable_person()->set_address(person.address);
    decision->set_residence_region_code(region);
    cw::IngestMeasureDecisionsResponse response;
    const grpc::Status status = WithRetry(police, [&](grpc::ClientContext* context) {
      return cases->IngestMeasureDecisions(context, request, &response);
    });
    if (!status.ok()) return status;
    if (response.results_size() != 1 || response.results(0).outcome() != expected) {
      return grpc::Status(grpc::StatusCode::UNKNOWN, "unexpected intake outcome");
    }
    return status;
  }

  // Police forward the tip with their reference and dismiss it with a reason: tips.police_reference
  // and tip_state_changes.reason.
  grpc::Status HandleTip(const std::string& name, int64_t i) {
    auto tips = cw::TipService::NewStub(casework_.Channel());
    cw::ForwardTipRequest forward;
    forward.set_name(name);
    forward.set_police_reference("芙公刑（" + std::to_string(i) + "）号");
    cw::Tip answer;
    grpc::Status status = WithRetry(kPolice, [&](grpc::ClientContext* context) {
      return tips->ForwardTip(context, forward, &answer);
    });
    if (!status.ok()) return status;
    cw::DismissTipRequest dismiss;
    dismiss.set_name(name);
    dismiss.set_reason("经核查无此人" + std::to_string(i));
    return WithRetry(kPolice, [&](grpc::ClientContext* context) {
      return tips->DismissTip(context, dismiss, &answer);
    });
  }

  // Rewrites the person's address and notes (sealed again by the service, on whichever key is
  // active), as a caseworker correcting a record.
  grpc::Status Update(Person& person, int64_t index, int64_t version) {
    auto cases = cw::CaseworkService::NewStub(casework_.Channel());
    cw::UpdateCaseRequest request;
    request.mutable_case_()->set_name(person.case_name);
    const Person original = MakePerson(index);
    const std::string address = original.address + "（更正" + std::to_string(version) + "）";
    const std::string notes = original.notes + "（更正" + std::to_string(version) + "）";
    request.mutable_case_()->mutable_personal_details()->set_address(address);
    request.mutable_case_()->mutable_personal_details()->set_notes(notes);
    request.mutable_update_mask()->add_paths("personal_details.address");
    request.mutable_update_mask()->add_paths("personal_details.notes");
    cw::Case answer;
    const grpc::Status status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->UpdateCase(context, request, &answer);
    });
    if (status.ok()) {
      person.address = address;
      person.notes = notes;
    }
    return status;
  }

  // Reads the case and its contact in full; "" when every value is the one written, otherwise
  // what differed or the failed call.
  std::string ReadBack(const Person& person) {
    auto cases = cw::CaseworkService::NewStub(casework_.Channel());
    cw::GetCaseRequest request;
    request.set_name(person.case_name);
    request.set_view(cw::CASE_VIEW_FULL);
    request.set_access_purpose(kPurpose);
    cw::Case got;
    grpc::Status status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->GetCase(context, request, &got);
    });
    if (!status.ok()) return "GetCase: " + status.error_message();
    const cw::PersonalDetails& details = got.personal_details();
    if (details.full_name() != person.full_name ||
        details.national_id_number() != person.id_number || details.phone() != person.phone ||
        details.address() != person.address || details.notes() != person.notes) {
      return "case " + person.case_name + " reads back other values";
    }
    cw::GetContactRequest contact_request;
    contact_request.set_name(person.contact_name);
    contact_request.set_view(cw::CASE_VIEW_FULL);
    contact_request.set_access_purpose(kPurpose);
    cw::Contact contact;
    status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return cases->GetContact(context, contact_request, &contact);
    });
    if (!status.ok()) return "GetContact: " + status.error_message();
    if (contact.notes() != person.contact_notes ||
        contact.relief_items_description() != person.relief_description) {
      return "contact " + person.contact_name + " reads back other values";
    }
    return "";
  }

  grpc::Status CreateTip(const std::string& description, int64_t i, std::string* name) {
    auto tips = cw::TipService::NewStub(casework_.Channel());
    cw::CreateTipRequest request;
    request.mutable_tip()->set_kind(cw::TIP_KIND_TRAFFICKING);
    request.mutable_tip()->set_region_code("430102");
    *request.mutable_tip()->mutable_observed_date() = DaysFromToday(-1);
    request.mutable_tip()->set_description(description);
    request.mutable_tip()->set_source_volunteer("volunteers/rotation" + std::to_string(i));
    request.set_request_id(TestUuid(0x717, static_cast<uint64_t>(i)));
    cw::Tip created;
    const grpc::Status status = WithRetry(kWorker, [&](grpc::ClientContext* context) {
      return tips->CreateTip(context, request, &created);
    });
    *name = created.name();
    return status;
  }

  std::string TipDescription(const std::string& name) {
    auto tips = cw::TipService::NewStub(casework_.Channel());
    cw::GetTipRequest request;
    request.set_name(name);
    request.set_access_purpose(kPurpose);
    cw::Tip got;
    const grpc::Status status = WithRetry(kPolice, [&](grpc::ClientContext* context) {
      return tips->GetTip(context, request, &got);
    });
    return status.ok() ? got.description() : "GetTip: " + status.error_message();
  }

 private:
  ServiceProcess& casework_;
};

// Every sealed column of a service's schema as the database describes it: "<name>_sealed" with a
// "<name>_key_id" beside it, per table.
std::vector<std::pair<std::string, std::string>> SealedColumnsInSchema(const std::string& url,
                                                                       const std::string& schema) {
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  std::vector<std::pair<std::string, std::string>> columns;
  for (const pqxx::row& row : tx.exec_params(
           "SELECT s.table_name, left(s.column_name, length(s.column_name) - 7) FROM "
           "information_schema.columns s JOIN information_schema.columns k ON k.table_schema = "
           "s.table_schema AND k.table_name = s.table_name AND k.column_name = "
           "left(s.column_name, length(s.column_name) - 7) || '_key_id' WHERE s.table_schema = "
           "$1 AND s.column_name LIKE '%\\_sealed' ORDER BY 1, 2",
           schema)) {
    columns.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
  }
  return columns;
}

// Sealed values per key id over those columns.
std::map<std::string, int64_t> ValuesPerKey(
    const std::string& url, const std::vector<std::pair<std::string, std::string>>& columns,
    const std::string& schema = "casework") {
  std::string query;
  for (const auto& [table, name] : columns) {
    if (!query.empty()) query += " UNION ALL ";
    query += "SELECT " + name + "_key_id AS key_id FROM " + schema + "." + table + " WHERE " +
             name + "_sealed IS NOT NULL";
  }
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  std::map<std::string, int64_t> counts;
  for (const pqxx::row& row :
       tx.exec("SELECT key_id, count(*) FROM (" + query + ") v GROUP BY key_id")) {
    counts[row[0].as<std::string>()] = row[1].as<int64_t>();
  }
  return counts;
}

// A volunteer of registration (national ID, name and phone sealed) as created and read back.
struct VolunteerRecord {
  std::string display_name, id_number, phone, name;
};

grpc::Status CreateVolunteer(ServiceProcess& registration, VolunteerRecord& record) {
  auto stub = registration::v1::RegistrationService::NewStub(registration.Channel());
  registration::v1::CreateVolunteerRequest request;
  request.mutable_volunteer()->set_display_name(record.display_name);
  request.mutable_volunteer()->set_national_id_number(record.id_number);
  request.mutable_volunteer()->set_phone("+86" + record.phone);
  request.mutable_volunteer()->set_residence_region_code("430102");
  registration::v1::Volunteer created;
  auto context = registration.Context(kFurongStaff);
  const grpc::Status status = stub->CreateVolunteer(context.get(), request, &created);
  record.name = created.name();
  return status;
}

// "" when the full view shows what was written.
std::string ReadVolunteer(ServiceProcess& registration, const VolunteerRecord& record) {
  auto stub = registration::v1::RegistrationService::NewStub(registration.Channel());
  registration::v1::GetVolunteerRequest request;
  request.set_name(record.name);
  request.set_view(registration::v1::VOLUNTEER_VIEW_FULL);
  request.set_access_purpose(kPurpose);
  registration::v1::Volunteer got;
  auto context = registration.Context(kFurongStaff);
  context->set_wait_for_ready(true);
  const grpc::Status status = stub->GetVolunteer(context.get(), request, &got);
  if (!status.ok()) return "GetVolunteer: " + status.error_message();
  if (got.display_name() != record.display_name || got.national_id_number() != record.id_number ||
      !got.phone().ends_with(record.phone)) {
    return "volunteer " + record.name + " reads back other values";
  }
  return "";
}

std::string CountsJson(const std::map<std::string, int64_t>& counts) {
  std::string json = "{";
  for (const auto& [key, count] : counts) {
    json += (json.size() > 1 ? "," : "") + ("\"" + key + "\":" + std::to_string(count));
  }
  return json + "}";
}

TEST(KeyRotation, ValuesMoveToTheNewKeyUnderLoadAndReadBackAfterTheOldKeyIsRemoved) {
  const auto started = std::chrono::steady_clock::now();
  const int64_t seeded = Setting("JINDU_KEY_ROTATION_CASES", 150, 2000);
  TempDir directory("key_rotation");
  const std::string key_file = directory.path() + "/field-keys";
  const std::string k1 = "k1 " + RandomKey();
  const std::string k2 = "k2 " + RandomKey();

  auto suite = CaseworkSuite::Start("key_rotation", "", "430102",
                                    {{"JINDU_FIELD_KEYS", k1},
                                     {"JINDU_RESEAL_INTERVAL_MS", "500"},
                                     {"JINDU_RESEAL_BATCH_ROWS", "50"}});
  ServiceProcess& casework = suite->casework();
  const std::string url = casework.postgres_url();
  RotationApi api(casework);

  // Before the rotation: cases, contacts, lost-contact reasons and tips on k1.
  std::vector<Person> people;
  std::mutex people_mutex;
  for (int64_t i = 0; i < seeded; ++i) {
    Person person = MakePerson(i);
    const grpc::Status status = api.Create(person, i);
    ASSERT_TRUE(status.ok()) << status.error_message();
    if (i % 5 == 0) {
      const grpc::Status lost = api.ReportLost(person.case_name, "电话停机" + std::to_string(i));
      ASSERT_TRUE(lost.ok()) << lost.error_message();
    }
    if (i % 10 == 3) {
      const grpc::Status follow_up = api.AddFollowUp(person, i);
      ASSERT_TRUE(follow_up.ok()) << follow_up.error_message();
    }
    people.push_back(std::move(person));
  }
  // Decisions: new cases with decision numbers, and transfers to 天心区 of seeded people.
  for (int64_t i = 0; i < 5; ++i) {
    const grpc::Status status = api.Ingest(kPolice, MakePerson(200000 + i), "430102", i,
                                           cw::MEASURE_DECISION_OUTCOME_OPENED);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  for (int64_t i = 8; i < seeded && i < 40; i += 10) {
    const grpc::Status status =
        api.Ingest(kTianxinPolice, people[static_cast<size_t>(i)], "430103", 100 + i,
                   cw::MEASURE_DECISION_OUTCOME_TRANSFER_REQUESTED);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  std::vector<std::pair<std::string, std::string>> tips;  // name, description
  for (int64_t i = 0; i < 10; ++i) {
    const std::string description = "轮换线索" + std::to_string(i) + "：识字岭出租屋";
    std::string name;
    const grpc::Status status = api.CreateTip(description, i, &name);
    ASSERT_TRUE(status.ok()) << status.error_message();
    if (i % 2 == 0) {
      const grpc::Status handled = api.HandleTip(name, i);
      ASSERT_TRUE(handled.ok()) << handled.error_message();
    }
    tips.emplace_back(name, description);
  }
  // Registration's volunteers, on the key the harness gave it.
  ServiceProcess& registration = suite->registration();
  const std::string registration_url = registration.postgres_url();
  const std::string registration_old = registration.EnvironmentValue("JINDU_FIELD_KEYS");
  const std::string registration_old_id = registration_old.substr(0, registration_old.find(' '));
  const std::string r2 = "r2 " + RandomKey();
  const std::string registration_key_file = directory.path() + "/registration-field-keys";
  std::vector<VolunteerRecord> volunteers;
  for (int64_t j = 0; j < 20; ++j) {
    const Person person = MakePerson(300000 + j);
    VolunteerRecord record{.display_name = "志愿" + person.full_name,
                           .id_number = person.id_number,
                           .phone = "1396" + person.phone.substr(4)};
    const grpc::Status status = CreateVolunteer(registration, record);
    ASSERT_TRUE(status.ok()) << status.error_message();
    volunteers.push_back(record);
  }
  const auto registration_columns = SealedColumnsInSchema(registration_url, "registration");
  ASSERT_GE(registration_columns.size(), 5u);
  const std::map<std::string, int64_t> registration_before =
      ValuesPerKey(registration_url, registration_columns, "registration");
  ASSERT_EQ(registration_before.size(), 1u) << CountsJson(registration_before);
  ASSERT_GE(registration_before.at(registration_old_id), 60);

  const auto columns = SealedColumnsInSchema(url, "casework");
  ASSERT_GE(columns.size(), 18u) << "the schema's sealed columns were not found";
  const std::map<std::string, int64_t> before = ValuesPerKey(url, columns);
  ASSERT_EQ(before.size(), 1u);
  ASSERT_GT(before.at("k1"), seeded * 7);

  // Load: writers add people, readers read random ones back in full.
  std::atomic<bool> stop{false};
  std::atomic<int64_t> next_index{seeded};
  std::atomic<int64_t> reads{0}, read_errors{0}, writes{0}, write_errors{0}, updates{0};
  std::mutex errors_mutex;
  std::vector<std::string> error_samples;
  auto record_error = [&](const std::string& what) {
    std::lock_guard lock(errors_mutex);
    if (error_samples.size() < 5) error_samples.push_back(what);
  };
  std::vector<std::jthread> load;
  load.emplace_back([&] {
    while (!stop) {
      const int64_t i = next_index++;
      Person person = MakePerson(i);
      const grpc::Status status = api.Create(person, i);
      if (!status.ok()) {
        ++write_errors;
        record_error("create: " + status.error_message());
        continue;
      }
      ++writes;
      std::lock_guard lock(people_mutex);
      people.push_back(std::move(person));
    }
  });
  // Updates of the seeded people of odd index, racing the re-sealing of the same rows; readers
  // leave those to the final read-back (a read racing an update would compare the wrong values).
  const auto updated_by_load = [&](size_t index) {
    return index < static_cast<size_t>(seeded) && index % 2 == 1;
  };
  load.emplace_back([&] {
    for (int64_t version = 1; !stop; ++version) {
      for (int64_t i = 1; i < seeded && !stop; i += 2) {
        Person person;
        {
          std::lock_guard lock(people_mutex);
          person = people[static_cast<size_t>(i)];
        }
        const grpc::Status status = api.Update(person, i, version);
        if (!status.ok()) {
          ++write_errors;
          record_error("update: " + status.error_message());
          continue;
        }
        ++updates;
        std::lock_guard lock(people_mutex);
        people[static_cast<size_t>(i)] = person;
      }
    }
  });
  for (int reader = 0; reader < 2; ++reader) {
    load.emplace_back([&, reader] {
      std::mt19937_64 random(static_cast<uint64_t>(reader) + 17);
      while (!stop) {
        Person person;
        {
          std::lock_guard lock(people_mutex);
          size_t index = random() % people.size();
          while (updated_by_load(index)) index = random() % people.size();
          person = people[index];
        }
        const std::string problem = api.ReadBack(person);
        ++reads;
        if (!problem.empty()) {
          ++read_errors;
          record_error(problem);
        }
      }
    });
  }
  const auto wait_for_reads = [&](int64_t more) {
    const int64_t target = reads + more;
    for (auto until = std::chrono::steady_clock::now() + 120s;
         reads < target && std::chrono::steady_clock::now() < until;) {
      std::this_thread::sleep_for(50ms);
    }
  };
  wait_for_reads(50);

  // The rotation: k2 first in the key file, k1 kept to open older values; restart.
  std::ofstream(key_file) << "# field keys, newest first\n" << k2 << "\n" << k1 << "\n";
  const auto rotated = std::chrono::steady_clock::now();
  api.restarting = true;
  casework.Restart({{"JINDU_FIELD_KEYS", ""}, {"JINDU_FIELD_KEYS_FILE", key_file}});
  api.restarting = false;
  std::ofstream(registration_key_file) << r2 << "\n" << registration_old << "\n";
  registration.Restart(
      {{"JINDU_FIELD_KEYS", ""}, {"JINDU_FIELD_KEYS_FILE", registration_key_file}});
  const auto restarted = std::chrono::steady_clock::now();
  wait_for_reads(50);
  // The worker re-seals while the load goes on.
  std::map<std::string, int64_t> during;
  bool resealed = false;
  for (auto until = std::chrono::steady_clock::now() + 120s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms)) {
    during = ValuesPerKey(url, columns);
    if (!during.contains("k1")) {
      resealed = true;
      break;
    }
  }
  const double reseal_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - restarted).count();
  EXPECT_TRUE(resealed) << "values left on k1: " << CountsJson(during);
  std::map<std::string, int64_t> registration_after;
  for (auto until = std::chrono::steady_clock::now() + 120s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms)) {
    registration_after = ValuesPerKey(registration_url, registration_columns, "registration");
    if (!registration_after.contains(registration_old_id)) break;
  }
  EXPECT_FALSE(registration_after.contains(registration_old_id)) << CountsJson(registration_after);
  wait_for_reads(50);
  stop = true;
  load.clear();
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - rotated).count();

  // Nothing on k1 in any sealed column, and the service says so too.
  const std::map<std::string, int64_t> after = ValuesPerKey(url, columns);
  std::string per_column;
  for (const auto& [table, name] : columns) {
    const int64_t left =
        Scalar(url, "SELECT count(*) FROM casework." + table + " WHERE " + name + "_key_id = 'k1'");
    EXPECT_EQ(left, 0) << table << "." << name;
    const int64_t total = Scalar(
        url, "SELECT count(*) FROM casework." + table + " WHERE " + name + "_sealed IS NOT NULL");
    // Every sealed column holds values, so the worker's associated data is proven for each: a
    // mismatch would leave them on k1.
    EXPECT_GT(total, 0) << table << "." << name;
    per_column += (per_column.empty() ? "" : ",") +
                  ("\"" + table + "." + name + "\":" + std::to_string(total));
  }
  double retired_metric = -1;
  double resealed_metric = 0;
  for (auto until = std::chrono::steady_clock::now() + 60s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms)) {
    const std::string exposition = ScrapeMetrics(casework.metrics_port());
    retired_metric = exposition.find("jindu_sealed_values_retired ") == std::string::npos
                         ? -1
                         : SampleValue(exposition, "jindu_sealed_values_retired");
    resealed_metric = SampleValue(exposition, "jindu_sealed_values_resealed_total");
    if (retired_metric == 0 && SampleValue(exposition, "jindu_sealed_values", {{"key_id", "k2"}}) ==
                                   static_cast<double>(after.count("k2") ? after.at("k2") : 0)) {
      break;
    }
  }
  EXPECT_EQ(retired_metric, 0);
  // Not an exact figure: the load added values on k1 until the restart, and its updates replaced
  // some on k2 before the worker reached them.
  EXPECT_GT(resealed_metric, 0);

  // k1 leaves the file; after a restart every value still reads back as written.
  std::ofstream(key_file) << "# field keys, newest first\n" << k2 << "\n";
  casework.Restart();
  std::ofstream(registration_key_file) << r2 << "\n";
  registration.Restart();
  int64_t volunteers_wrong = 0;
  for (const VolunteerRecord& record : volunteers) {
    const std::string problem = ReadVolunteer(registration, record);
    if (!problem.empty()) {
      ++volunteers_wrong;
      record_error("after removal: " + problem);
    }
  }
  EXPECT_EQ(volunteers_wrong, 0);
  int64_t checked = 0;
  int64_t wrong_after_removal = 0;
  for (const Person& person : people) {
    const std::string problem = api.ReadBack(person);
    ++checked;
    if (!problem.empty()) {
      ++wrong_after_removal;
      record_error("after removal: " + problem);
    }
  }
  for (const auto& [name, description] : tips) {
    ++checked;
    if (api.TipDescription(name) != description) ++wrong_after_removal;
  }
  EXPECT_EQ(wrong_after_removal, 0);
  EXPECT_EQ(read_errors, 0);
  EXPECT_EQ(write_errors, 0);
  for (const std::string& sample : error_samples) ADD_FAILURE() << sample;

  // Nothing personal left the rows; the events are whole.
  std::vector<std::string> needles;
  for (const Person& person : people) {
    needles.insert(needles.end(), {person.full_name, person.id_number, person.phone});
  }
  for (const VolunteerRecord& record : volunteers) {
    needles.insert(needles.end(), {record.display_name, record.id_number, record.phone});
  }
  const std::string needles_file = directory.path() + "/needles.txt";
  {
    std::ofstream file(needles_file);
    for (const std::string& needle : needles) file << needle << "\n";
  }
  const std::string registration_log = directory.path() + "/registration.log";
  std::ofstream(registration_log) << registration.Log();
  const std::string log = directory.path() + "/casework.log";
  const std::string log_text = casework.Log();
  std::ofstream(log) << log_text;
  // Values a writer changed between the worker's read and its update (left to the writer).
  int64_t changed_meanwhile = 0;
  for (size_t at = log_text.find("\"changed_meanwhile\":"); at != std::string::npos;
       at = log_text.find("\"changed_meanwhile\":", at + 1)) {
    changed_meanwhile += std::strtoll(log_text.c_str() + at + 20, nullptr, 10);
  }
  const ProgramRun leaks = RunBuiltProgram(
      "tools/checker/jindu-leak-scan",
      {"--needles", needles_file, "--kafka", SharedKafka().BootstrapServers(), "--redis",
       SharedRedis().Address(), "--database", "casework=" + url, "--database",
       "registration=" + registration_url, "--log", log, "--log", registration_log});
  EXPECT_EQ(leaks.exit_code, 0) << leaks.output;
  const ProgramRun check = RunBuiltProgram(
      "tools/checker/jindu-check", {"--kafka", SharedKafka().BootstrapServers(), "--database",
                                    "registration=" + suite->registration().postgres_url(),
                                    "--database", "casework=" + url, "--settle-seconds", "60"});
  EXPECT_EQ(check.exit_code, 0) << check.output;

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char figures[2048];
  std::snprintf(
      figures, sizeof figures,
      "{\"seeded_cases\":%lld,\"cases_written_under_load\":%lld,\"updates_under_load\":%lld,"
      "\"reseal_skipped_changed_meanwhile\":%lld,\"reads_under_load\":%lld,"
      "\"read_errors\":%lld,\"write_errors\":%lld,\"unavailable_retried\":%lld,\"cancelled_by_"
      "restart_retried\":%lld,"
      "\"values_on_k1_before\":%lld,\"values_per_key_after\":%s,\"resealed_by_worker\":%lld,"
      "\"retired_metric_after\":%.0f,\"reseal_seconds_after_restart\":%.1f,"
      "\"load_seconds\":%.1f,\"read_back_after_k1_removed\":%lld,\"wrong_after_removal\":%lld,"
      "\"leak_hits\":%lld,\"leak_needles\":%zu,\"checker_exit\":%d,\"test_seconds\":%.1f,",
      static_cast<long long>(seeded), static_cast<long long>(writes.load()),
      static_cast<long long>(updates.load()), static_cast<long long>(changed_meanwhile),
      static_cast<long long>(reads.load()), static_cast<long long>(read_errors.load()),
      static_cast<long long>(write_errors.load()),
      static_cast<long long>(api.unavailable_retried.load()),
      static_cast<long long>(api.cancelled_by_restart_retried.load()),
      static_cast<long long>(before.at("k1")), CountsJson(after).c_str(),
      static_cast<long long>(resealed_metric), retired_metric, reseal_seconds, load_seconds,
      static_cast<long long>(checked), static_cast<long long>(wrong_after_removal),
      static_cast<long long>(leaks.Number("hits", "{")), needles.size(), check.exit_code, seconds);
  const std::string json = std::string(figures) +
                           "\"registration\":{\"volunteers\":" + std::to_string(volunteers.size()) +
                           ",\"values_on_old_key_before\":" +
                           std::to_string(registration_before.at(registration_old_id)) +
                           ",\"values_per_key_after\":" + CountsJson(registration_after) +
                           ",\"wrong_after_removal\":" + std::to_string(volunteers_wrong) +
                           "},\"sealed_values_per_column\":{" + per_column + "}}";
  WriteFigures("key_rotation", json);
  std::printf("key_rotation: %s\n", json.c_str());
}

}  // namespace
}  // namespace jindu::testing::reliability

#include "casework/urine_tests/urine_test_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/access/followup_roles.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/list_cursors.h"
#include "casework/followup/record_views.h"
#include "casework/urine_tests/urine_test_events.h"
#include "casework/urine_tests/urine_test_presentation.h"
#include "casework/urine_tests/urine_test_validation.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";
// Cases whose schedule one list call brings in line before answering; a larger backlog (the first
// list of a whole province) converges over the following calls.
constexpr int kScheduleCatchUpLimit = 500;

// The request log keeps a digest of each request to tell a repeat from a conflicting reuse of its
// id. A result has four values: a plain digest of the request would give it away to anyone who
// reads the log and tries them. The result and the substances enter the digest only as a keyed
// hash.
v1::RecordUrineTestRequest IdempotencyFingerprint(const v1::RecordUrineTestRequest& request,
                                                  const runtime::KeyedHash& lookup) {
  std::string sensitive = std::to_string(static_cast<int>(request.result()));
  for (const std::string& substance : request.detected_substances()) sensitive += "\n" + substance;
  v1::RecordUrineTestRequest fingerprint = request;
  fingerprint.clear_result();
  fingerprint.clear_detected_substances();
  fingerprint.add_detected_substances(lookup.Digest("urine_test.request", sensitive));
  return fingerprint;
}

std::string StateLabel(v1::UrineTestState state) {
  return v1::UrineTestState_Name(state).substr(std::string("URINE_TEST_STATE_").size());
}

}  // namespace

UrineTestHandlers::UrineTestHandlers(CaseworkContext& context)
    : context_(context),
      gate_(context),
      tests_(context.schema(), context.personal_data.cipher),
      schedule_(context, gate_, tests_) {}

grpc::Status UrineTestHandlers::Record(const runtime::CallContext& call,
                                       const v1::RecordUrineTestRequest& request,
                                       v1::UrineTest* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RecordUrineTest", kUrineTestWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  auto checked = CheckRecordUrineTest(request, violations);
  if (!violations.empty()) return violations.ToStatus();
  const runtime::CivilDate today = runtime::TodayInShanghai();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "RecordUrineTest",
                                 .case_id = checked->parent.case_id,
                                 .resource_type = kCaseType,
                                 .resource_name = request.parent(),
                                 .lock = true},
                                &record);
      !status.ok()) {
    return status;
  }
  runtime::RequestLog log(tx, context_.schema(), "RecordUrineTest", request.request_id(),
                          IdempotencyFingerprint(request, context_.personal_data.lookup),
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = tests_.Find(tx, record->id, *log.Earlier(), /*sensitive=*/false);
    const std::string name = ChildResourceName(record->id, kUrineTestCollection, *log.Earlier());
    if (!earlier.has_value()) return runtime::NotFoundError(kUrineTestType, name);
    *response = PresentUrineTest(*earlier, today, /*result_in_clear=*/false);
    return grpc::Status::OK;
  }
  if (auto status = CaseGate::RequireOpen(*record, "RecordUrineTest"); !status.ok()) return status;

  UrineTestRecord test;
  if (checked->scheduled_test.has_value()) {
    auto scheduled = tests_.Find(tx, record->id, checked->scheduled_test->id, /*sensitive=*/false,
                                 /*lock=*/true);
    if (!scheduled.has_value()) {
      return runtime::InvalidFieldError("scheduled_test", common::v1::REFERENCE_NOT_FOUND,
                                        "no such test of the case");
    }
    if (scheduled->state != v1::URINE_TEST_STATE_SCHEDULED) {
      return runtime::FailedPreconditionError(
          common::v1::ILLEGAL_STATE_TRANSITION,
          "the test is " + StateLabel(scheduled->state) +
              ": only a SCHEDULED or OVERDUE test can be fulfilled",
          request.scheduled_test());
    }
    test = *scheduled;
    ++test.revision;
  } else {
    test = {.id = runtime::NewResourceId(),
            .case_id = record->id,
            .revision = 1,
            .create_subject = caller.subject()};
  }
  test.state = v1::URINE_TEST_STATE_RECORDED;
  test.test_date = checked->test_date;
  test.result = checked->result;
  test.detected_substances = checked->detected_substances;
  test.tester_subject = caller.subject();
  test.update_subject = caller.subject();
  // On schedule: a sample taken no later than the due date. Ad-hoc tests are extra, never counted.
  test.done_on_schedule =
      test.due_date.has_value() && SampleTaken(test.result) && checked->test_date <= *test.due_date;
  if (checked->scheduled_test.has_value()) {
    tests_.SaveResult(tx, test);
  } else {
    tests_.Insert(tx, test);
  }
  gate_.AppendEvent(tx, *record, UrineTestRecordedEvent(test));
  // A person decides (ConfirmRelapse or DismissSuspectedRelapse); the status never changes here.
  if (SuggestsRelapse(test.result)) record->suspected_relapse = true;
  schedule_.Reconcile(tx, *record, caller.subject());
  gate_.Save(tx, *record, caller.subject());
  schedule_.MarkChecked(tx, *record);
  log.Record(test.id);
  auto stored = tests_.Find(tx, record->id, test.id, /*sensitive=*/false);
  tx.commit();
  *response = PresentUrineTest(*stored, today, /*result_in_clear=*/false);
  return grpc::Status::OK;
}

grpc::Status UrineTestHandlers::Get(const runtime::CallContext& call,
                                    const v1::GetUrineTestRequest& request,
                                    v1::UrineTest* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = RequireViewRole(caller, "GetUrineTest", request.view()); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  auto name = CheckChildName(violations, "name", request.name(), kUrineTestCollection);
  CheckView(violations, request.view());
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = CheckAccessPurpose(request.view(), request.access_purpose()); !status.ok()) {
    return status;
  }
  const bool full = request.view() == v1::CASE_VIEW_FULL;

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "GetUrineTest",
                                 .case_id = name->case_id,
                                 .resource_type = kUrineTestType,
                                 .resource_name = request.name(),
                                 .purpose = request.access_purpose()},
                                &record);
      !status.ok()) {
    return status;
  }
  auto test = tests_.Find(tx, name->case_id, name->id, full);
  if (!test.has_value()) return runtime::NotFoundError(kUrineTestType, request.name());
  if (full) {
    gate_.AuditFullRead(tx, caller, call, *record, "GetUrineTest", request.name(),
                        UrineTestClearFieldPaths(*test), request.access_purpose());
  }
  tx.commit();
  *response = PresentUrineTest(*test, runtime::TodayInShanghai(), full);
  return grpc::Status::OK;
}

grpc::Status UrineTestHandlers::List(const runtime::CallContext& call,
                                     const v1::ListUrineTestsRequest& request,
                                     v1::ListUrineTestsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListUrineTests", kCaseRoles); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/true);
  UrineTestListFilter filter;
  for (int i = 0; i < request.states_size(); ++i) {
    if (request.states(i) == v1::URINE_TEST_STATE_UNSPECIFIED ||
        !v1::UrineTestState_IsValid(request.states(i))) {
      violations.Add("states[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown state");
    }
    filter.states.push_back(request.states(i));
  }
  filter.due_dates = runtime::CheckDateRangeFilter(
      violations, "due_date_range", request.has_due_date_range(), request.due_date_range());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> after;
  if (!page.cursor.empty() && !SplitDateCursor(page.cursor, &after)) {
    return runtime::InvalidPageTokenError();
  }

  // The schedule is brought in line first (urine_test_schedule.h), so the list, OVERDUE included,
  // answers for the cases as they are today.
  std::vector<std::string> regions;
  bool all = false;
  if (parent->every_case()) {
    if (auto status = caller.ListScope("parent", "", &regions, &all); !status.ok()) return status;
    schedule_.CatchUp(regions, all, kScheduleCatchUpLimit);
  } else {
    {
      auto connection = context_.resources.database.Acquire();
      pqxx::work tx(*connection);
      std::optional<CaseRecord> record;
      if (auto status = gate_.Enter(tx, caller, call,
                                    {.method = "ListUrineTests",
                                     .case_id = parent->case_id,
                                     .resource_type = kCaseType,
                                     .resource_name = request.parent()},
                                    &record);
          !status.ok()) {
        return status;
      }
    }
    schedule_.CatchUpCase(parent->case_id);
    filter.case_id = parent->case_id;
  }

  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  if (parent->every_case()) {
    filter.region_condition = runtime::RegionPathCondition(tx, "c.region_path", regions, all);
  }
  std::vector<UrineTestRecord> tests = tests_.List(tx, filter, today, after, page.page_size + 1);
  const bool more = static_cast<int>(tests.size()) > page.page_size;
  if (more) tests.resize(page.page_size);
  for (const UrineTestRecord& test : tests) {
    *response->add_urine_tests() = PresentUrineTest(test, today, /*result_in_clear=*/false);
  }
  if (more) {
    const UrineTestRecord& last = tests.back();
    const runtime::CivilDate key = last.due_date.value_or(last.test_date.value_or(today));
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({runtime::FormatIsoDate(key), last.id})));
  }
  return grpc::Status::OK;
}

}  // namespace jindu::casework

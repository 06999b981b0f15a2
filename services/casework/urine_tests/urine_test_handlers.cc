#include "casework/urine_tests/urine_test_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/access/followup_roles.h"
#include "casework/followup/child_create.h"
#include "casework/followup/child_get.h"
#include "casework/followup/child_list.h"
#include "casework/followup/followup_fields.h"
#include "casework/followup/list_cursors.h"
#include "casework/urine_tests/urine_test_events.h"
#include "casework/urine_tests/urine_test_presentation.h"
#include "casework/urine_tests/urine_test_validation.h"
#include "runtime/api/request_checks.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

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

// The result and the detected substances are a test's sensitive fields: only a FULL view opens
// them, shows them and names them in its audit entry. A scheduled test shows as OVERDUE from the
// day after its due date, so it is presented for the day it is read.
CaseChildKind<UrineTestRecord, v1::UrineTest> UrineTestHandlers::Tests() const {
  return {
      .collection = kUrineTestCollection,
      .type = kUrineTestType,
      .find = [this](pqxx::transaction_base& tx, const std::string& case_id, const std::string& id,
                     bool sensitive) { return tests_.Find(tx, case_id, id, sensitive); },
      .present =
          [](const UrineTestRecord& test, bool in_clear) {
            return PresentUrineTest(test, runtime::TodayInShanghai(), in_clear);
          },
      .clear_fields = UrineTestClearFieldPaths};
}

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
  CaseChildCreation<UrineTestRecord> creation;
  if (auto status = OpenCaseChildCreate(
          tx, context_, gate_, caller, call, Tests(),
          {.method = "RecordUrineTest",
           .case_id = checked->parent.case_id,
           .parent = request.parent(),
           .request_id = request.request_id(),
           .fingerprint = IdempotencyFingerprint(request, context_.personal_data.lookup)},
          &creation);
      !status.ok()) {
    return status;
  }
  if (creation.repeat.has_value()) {
    *response = PresentUrineTest(*creation.repeat, today, /*result_in_clear=*/false);
    return grpc::Status::OK;
  }
  CaseRecord& record = *creation.record;

  UrineTestRecord test;
  if (checked->scheduled_test.has_value()) {
    auto scheduled = tests_.Find(tx, record.id, checked->scheduled_test->id, /*sensitive=*/false,
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
            .case_id = record.id,
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
  gate_.AppendEvent(tx, record, UrineTestRecordedEvent(test));
  // A person decides (ConfirmRelapse or DismissSuspectedRelapse); the status never changes here.
  if (SuggestsRelapse(test.result)) record.suspected_relapse = true;
  schedule_.Reconcile(tx, record, caller.subject());
  gate_.Save(tx, record, caller.subject());
  schedule_.MarkChecked(tx, record);
  creation.log->Record(test.id);
  auto stored = tests_.Find(tx, record.id, test.id, /*sensitive=*/false);
  tx.commit();
  *response = PresentUrineTest(*stored, today, /*result_in_clear=*/false);
  return grpc::Status::OK;
}

grpc::Status UrineTestHandlers::Get(const runtime::CallContext& call,
                                    const v1::GetUrineTestRequest& request,
                                    v1::UrineTest* response) {
  return GetCaseChild(context_, gate_, call, "GetUrineTest", Tests(), request, response);
}

grpc::Status UrineTestHandlers::List(const runtime::CallContext& call,
                                     const v1::ListUrineTestsRequest& request,
                                     v1::ListUrineTestsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  UrineTestListFilter filter;
  CaseChildPage list;
  if (auto status = CheckCaseChildList(
          caller, "ListUrineTests", kCaseRoles, request, request.parent(),
          [&](runtime::FieldViolations& violations) {
            filter.states =
                CheckEnumFilter<v1::UrineTestState>(violations, "states", request.states(),
                                                    v1::UrineTestState_IsValid, "unknown state");
            filter.due_dates = runtime::CheckDateRangeFilter(violations, "due_date_range",
                                                             request.has_due_date_range(),
                                                             request.due_date_range());
          },
          SplitDateCursor, &list);
      !status.ok()) {
    return status;
  }

  // The schedule is brought in line first (urine_test_schedule.h), so the list, OVERDUE included,
  // answers for the cases as they are today. The catch-up commits in short transactions of its own,
  // so the rows are read in a later one that sees them.
  std::vector<std::string> regions;
  bool all = false;
  if (list.parent.every_case()) {
    if (auto status = caller.ListScope("parent", "", &regions, &all); !status.ok()) return status;
    schedule_.CatchUp(regions, all, kScheduleCatchUpLimit);
  } else {
    {
      auto connection = context_.resources.database.Acquire();
      pqxx::work tx(*connection);
      if (auto status = EnterListedCase(tx, gate_, caller, call, "ListUrineTests",
                                        list.parent.case_id, request.parent());
          !status.ok()) {
        return status;
      }
    }
    schedule_.CatchUpCase(list.parent.case_id);
    filter.case_id = list.parent.case_id;
  }

  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  if (list.parent.every_case()) {
    filter.region_condition = runtime::RegionPathCondition(tx, "c.region_path", regions, all);
  }
  // Ordered by the test's day: its due date, or the test date of an ad-hoc test.
  AnswerCaseChildPage(
      tests_.List(tx, filter, today, list.after, list.page.page_size + 1), list, request,
      [today](const UrineTestRecord& test) {
        return PresentUrineTest(test, today, /*result_in_clear=*/false);
      },
      [today](const UrineTestRecord& last) {
        return runtime::FormatIsoDate(last.due_date.value_or(last.test_date.value_or(today)));
      },
      response->mutable_urine_tests(), response->mutable_next_page_token());
  return grpc::Status::OK;
}

}  // namespace jindu::casework

#pragma once
// CaseworkService's urine-test methods: record a result (fulfilling the scheduled test or ad hoc;
// a positive or refused result flags a suspected relapse for a person's decision), get one (FULL
// returns the result, audited), list a case's or every case's in scope (the overdue work list is
// states = [OVERDUE]). The schedule itself is urine_test_schedule.h.
#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_gate.h"
#include "casework/storage/urine_test_store.h"
#include "casework/urine_tests/urine_test_schedule.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class UrineTestHandlers {
 public:
  explicit UrineTestHandlers(CaseworkContext& context);

  grpc::Status Record(const runtime::CallContext& call, const v1::RecordUrineTestRequest& request,
                      v1::UrineTest* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetUrineTestRequest& request,
                   v1::UrineTest* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListUrineTestsRequest& request,
                    v1::ListUrineTestsResponse* response);

 private:
  // Urine tests for the shared follow-up flows (case_child_kind.h).
  CaseChildKind<UrineTestRecord, v1::UrineTest> Tests() const;

  CaseworkContext& context_;
  CaseGate gate_;
  UrineTestStore tests_;
  UrineTestSchedule schedule_;
};

}  // namespace jindu::casework

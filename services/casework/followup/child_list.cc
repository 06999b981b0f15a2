#include "casework/followup/child_list.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";

}  // namespace

grpc::Status CheckCaseChildList(runtime::CallerAccess& caller, const char* method,
                                std::initializer_list<common::v1::Role> roles,
                                const google::protobuf::Message& request, const std::string& parent,
                                const std::function<void(runtime::FieldViolations&)>& check_filters,
                                CursorSplitter split_cursor, CaseChildPage* list) {
  if (auto status = caller.RequireRole(method, roles); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto checked = CheckCaseParent(violations, "parent", parent, /*allow_every_case=*/true);
  check_filters(violations);
  if (auto status = runtime::ReadPageRequest(request, &list->page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  list->parent = *checked;
  if (!list->page.cursor.empty() && !split_cursor(list->page.cursor, &list->after)) {
    return runtime::InvalidPageTokenError();
  }
  return grpc::Status::OK;
}

grpc::Status EnterListedCase(pqxx::work& tx, const CaseGate& gate,
                             const runtime::CallerAccess& caller, const runtime::CallContext& call,
                             const char* method, const std::string& case_id,
                             const std::string& parent_name) {
  std::optional<CaseRecord> record;
  return gate.Enter(tx, caller, call,
                    {.method = method,
                     .case_id = case_id,
                     .resource_type = kCaseType,
                     .resource_name = parent_name},
                    &record);
}

grpc::Status ScopeCaseChildList(pqxx::work& tx, const CaseGate& gate,
                                const runtime::CallerAccess& caller,
                                const runtime::CallContext& call, const char* method,
                                const CaseParent& parent, const std::string& parent_name,
                                std::string* case_id, std::string* region_condition) {
  if (parent.every_case()) {
    std::vector<std::string> regions;
    bool all = false;
    if (auto status = caller.ListScope("parent", "", &regions, &all); !status.ok()) return status;
    *region_condition = runtime::RegionPathCondition(tx, "c.region_path", regions, all);
    return grpc::Status::OK;
  }
  if (auto status = EnterListedCase(tx, gate, caller, call, method, parent.case_id, parent_name);
      !status.ok()) {
    return status;
  }
  *case_id = parent.case_id;
  return grpc::Status::OK;
}

}  // namespace jindu::casework

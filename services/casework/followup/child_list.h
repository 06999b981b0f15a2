#pragma once
// ListContacts, ListHelpRecords and ListUrineTests: the records of one case ("cases/{case}") or of
// every case in the caller's scope ("cases/-"), in the BASIC view (sensitive fields are never
// listed), paged by keyset (list_cursors.h). A single case outside the scope answers NOT_FOUND
// like a missing one (case_gate.h); "cases/-" lists only what the scope covers.
//
// ListCaseChildren is the whole flow for a kind read in one transaction; a kind that must do
// more between the checks and the query (urine tests bring their schedule in line first) builds
// its List from the pieces: CheckCaseChildList, EnterListedCase, AnswerCaseChildPage.
#include <google/protobuf/message.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <functional>
#include <initializer_list>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/case_gate.h"
#include "jindu/common/v1/role.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/api/paging.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

// Reads a cursor's parts back (SplitInstantCursor, SplitDateCursor): the kind's sort key and id.
using CursorSplitter = bool (*)(const std::string& cursor, std::vector<std::string>* after);

// A List request once checked.
struct CaseChildPage {
  CaseParent parent;
  runtime::PageRequest page;
  std::vector<std::string> after;  // the cursor's parts; empty on the first page
};

// The checks before any query, in this order: the caller holds one of `roles` (its scopes narrowed
// to them); `parent` is "cases/{case}" or "cases/-"; `check_filters` adds the kind's own filter
// violations after the parent's; page_size and page_token (ReadPageRequest answers first); every
// violation together; a cursor `split_cursor` cannot read is INVALID_PAGE_TOKEN.
grpc::Status CheckCaseChildList(runtime::CallerAccess& caller, const char* method,
                                std::initializer_list<common::v1::Role> roles,
                                const google::protobuf::Message& request, const std::string& parent,
                                const std::function<void(runtime::FieldViolations&)>& check_filters,
                                CursorSplitter split_cursor, CaseChildPage* list);

// Enters the one case a list names (`parent_name`, as requested) in `tx`: NOT_FOUND when it is
// missing or out of scope (that attempt audited and committed, case_gate.h).
grpc::Status EnterListedCase(pqxx::work& tx, const CaseGate& gate,
                             const runtime::CallerAccess& caller, const runtime::CallContext& call,
                             const char* method, const std::string& case_id,
                             const std::string& parent_name);

// Narrows a list to its parent in `tx`: the one case, entered (*case_id), or every case in the
// caller's scope (*region_condition, SQL on c.region_path).
grpc::Status ScopeCaseChildList(pqxx::work& tx, const CaseGate& gate,
                                const runtime::CallerAccess& caller,
                                const runtime::CallContext& call, const char* method,
                                const CaseParent& parent, const std::string& parent_name,
                                std::string* case_id, std::string* region_condition);

// The rows are read one past the page (limit page_size + 1) so that the extra one only tells that
// more follow: presents the page into `rows` and, when more follow, sets the token that continues
// after the last row shown, at its `sort_key` and id.
template <typename Record, typename Response, typename Present, typename SortKey>
void AnswerCaseChildPage(std::vector<Record> records, const CaseChildPage& list,
                         const google::protobuf::Message& request, const Present& present,
                         const SortKey& sort_key,
                         google::protobuf::RepeatedPtrField<Response>* rows,
                         std::string* next_page_token) {
  const bool more = static_cast<int>(records.size()) > list.page.page_size;
  if (more) records.resize(list.page.page_size);
  for (const Record& record : records) *rows->Add() = present(record);
  if (more) {
    const Record& last = records.back();
    *next_page_token =
        runtime::NextPageToken(request, runtime::JoinCursor({sort_key(last), last.id}));
  }
}

// What one kind's List decides for itself. `Filter` is the kind's store filter, with the case_id
// and region_condition the flow sets from the parent.
template <typename Record, typename Response, typename Filter>
struct CaseChildListing {
  const char* method;                             // "ListContacts"
  std::initializer_list<common::v1::Role> roles;  // who may list
  // The kind's own filters, checked into `filter`.
  std::function<void(runtime::FieldViolations& violations, Filter& filter)> check_filters;
  CursorSplitter split_cursor;  // how the kind's sort key reads back from a page token
  // Up to `limit` rows of `filter` in the kind's order, after the row whose key `after` holds.
  std::function<std::vector<Record>(pqxx::transaction_base& tx, const Filter& filter,
                                    const std::vector<std::string>& after, int limit)>
      read;
  // The row's sort key, the cursor's first part.
  std::function<std::string(const Record& last)> sort_key;
  google::protobuf::RepeatedPtrField<Response>* rows;  // the response's list
  std::string* next_page_token;                        // the response's token
};

// `request` is the kind's List request: parent, page_size, page_token and its filters. The scope
// and the rows are read in one transaction.
template <typename Filter, typename Request, typename Record, typename Response>
grpc::Status ListCaseChildren(const CaseworkContext& context, const CaseGate& gate,
                              const runtime::CallContext& call,
                              const CaseChildKind<Record, Response>& kind, const Request& request,
                              const CaseChildListing<Record, Response, Filter>& listing) {
  runtime::CallerAccess caller(call.principal(), context.regions);
  Filter filter;
  CaseChildPage list;
  if (auto status = CheckCaseChildList(
          caller, listing.method, listing.roles, request, request.parent(),
          [&](runtime::FieldViolations& violations) { listing.check_filters(violations, filter); },
          listing.split_cursor, &list);
      !status.ok()) {
    return status;
  }

  auto connection = context.resources.database.Acquire();
  pqxx::work tx(*connection);
  if (auto status = ScopeCaseChildList(tx, gate, caller, call, listing.method, list.parent,
                                       request.parent(), &filter.case_id, &filter.region_condition);
      !status.ok()) {
    return status;
  }
  std::vector<Record> records = listing.read(tx, filter, list.after, list.page.page_size + 1);
  tx.commit();
  AnswerCaseChildPage(
      std::move(records), list, request,
      [&](const Record& record) { return kind.present(record, /*in_clear=*/false); },
      listing.sort_key, listing.rows, listing.next_page_token);
  return grpc::Status::OK;
}

}  // namespace jindu::casework

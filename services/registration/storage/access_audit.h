#pragma once
// Appends to access_audit: every read of personal data (full or masked), and every attempt that
// touched a person outside the caller's scope (a duplicate ID number registered elsewhere). Written
// in the caller's transaction, so a read that is answered is a read that is recorded.
#include <pqxx/pqxx>
#include <string>

#include "registration/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

struct AccessRecord {
  std::string method;    // "GetVolunteer"
  std::string resource;  // "volunteers/abc", or a list's filters
  std::string purpose;   // the access_purpose the caller gave, may be empty
  std::string outcome;   // READ_FULL, READ_MASKED, LISTED, DUPLICATE_ELSEWHERE, ...
};

void RecordAccess(pqxx::work& tx, const std::string& schema, const runtime::CallerAccess& caller,
                  const runtime::CallContext& call, const AccessRecord& record);

}  // namespace jindu::registration

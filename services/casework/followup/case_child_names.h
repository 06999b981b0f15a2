#pragma once
// Names of the records kept under a case ("cases/{case}/contacts/{contact}") and the parents their
// list methods take ("cases/{case}", or "cases/-" for every case in the caller's scope).
#include <optional>
#include <string>
#include <string_view>

#include "runtime/api/api_error.h"

namespace jindu::casework {

struct ChildName {
  std::string case_id;
  std::string id;
};

// "cases/{case}/<collection>/{id}" -> its parts. FIELD_REQUIRED when empty and `required`,
// FIELD_MALFORMED when it is not such a name; nullopt in both cases and for an empty optional one.
std::optional<ChildName> CheckChildName(runtime::FieldViolations& violations,
                                        const std::string& field, const std::string& name,
                                        std::string_view collection, bool required = true);

std::string ChildResourceName(const std::string& case_id, std::string_view collection,
                              const std::string& id);

// A list or create parent: one case, or every case in scope ("cases/-", only where allowed).
struct CaseParent {
  std::string case_id;  // empty for every case
  bool every_case() const { return case_id.empty(); }
};

std::optional<CaseParent> CheckCaseParent(runtime::FieldViolations& violations,
                                          const std::string& field, const std::string& parent,
                                          bool allow_every_case);

}  // namespace jindu::casework

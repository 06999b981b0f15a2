#include "casework/followup/case_child_names.h"

#include "runtime/ids/resource_ids.h"

namespace jindu::casework {

std::optional<ChildName> CheckChildName(runtime::FieldViolations& violations,
                                        const std::string& field, const std::string& name,
                                        std::string_view collection, bool required) {
  const std::string shape = "cases/{case}/" + std::string(collection) + "/{id}";
  if (name.empty()) {
    if (required) violations.Add(field, common::v1::FIELD_REQUIRED, "required: " + shape);
    return std::nullopt;
  }
  // Split at the collection segment; both ids must be ids the service could have assigned.
  const std::string separator = "/" + std::string(collection) + "/";
  const size_t at = name.find(separator);
  if (at != std::string::npos) {
    ChildName parts{
        .case_id = runtime::ResourceIdFromName(name.substr(0, at), "cases/"),
        .id = runtime::ResourceIdFromName(name.substr(at + 1), std::string(collection) + "/")};
    if (!parts.case_id.empty() && !parts.id.empty()) return parts;
  }
  violations.Add(field, common::v1::FIELD_MALFORMED, "must be " + shape);
  return std::nullopt;
}

std::string ChildResourceName(const std::string& case_id, std::string_view collection,
                              const std::string& id) {
  return "cases/" + case_id + "/" + std::string(collection) + "/" + id;
}

std::optional<CaseParent> CheckCaseParent(runtime::FieldViolations& violations,
                                          const std::string& field, const std::string& parent,
                                          bool allow_every_case) {
  const std::string shape = allow_every_case ? "cases/{case} or cases/-" : "cases/{case}";
  if (parent.empty()) {
    violations.Add(field, common::v1::FIELD_REQUIRED, "required: " + shape);
    return std::nullopt;
  }
  if (parent == "cases/-") {
    if (allow_every_case) return CaseParent{};
    violations.Add(field, common::v1::FIELD_MALFORMED, "must name one case: " + shape);
    return std::nullopt;
  }
  std::string id = runtime::ResourceIdFromName(parent, "cases/");
  if (id.empty() || id == "-") {
    violations.Add(field, common::v1::FIELD_MALFORMED, "must be " + shape);
    return std::nullopt;
  }
  return CaseParent{.case_id = std::move(id)};
}

}  // namespace jindu::casework

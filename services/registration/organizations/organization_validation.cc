#include "registration/organizations/organization_validation.h"

#include <algorithm>

#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

bool Has(const std::vector<std::string>& paths, const char* path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

void ValidateOrganizationFields(const v1::Organization& organization,
                                const std::vector<std::string>& paths, const std::string& prefix,
                                const runtime::RegionDirectory& regions, runtime::CivilDate today,
                                runtime::FieldViolations* violations) {
  if (Has(paths, "display_name")) {
    const size_t length = runtime::CodePointCount(organization.display_name());
    if (length == 0) {
      violations->Add(prefix + "display_name", common::v1::FIELD_REQUIRED, "must not be empty");
    } else if (length > 128) {
      violations->Add(prefix + "display_name", common::v1::FIELD_TOO_LONG,
                      "at most 128 characters");
    }
  }
  if (Has(paths, "kind")) {
    if (organization.kind() == v1::ORGANIZATION_KIND_UNSPECIFIED ||
        !v1::OrganizationKind_IsValid(organization.kind())) {
      violations->Add(prefix + "kind", common::v1::FIELD_REQUIRED,
                      "must name the kind of unit (association, township branch, ...)");
    }
  }
  if (Has(paths, "sector")) {
    const bool industry = organization.kind() == v1::ORGANIZATION_KIND_INDUSTRY_BRANCH;
    if (industry && organization.sector() == v1::BRANCH_SECTOR_UNSPECIFIED) {
      violations->Add(prefix + "sector", common::v1::FIELD_REQUIRED,
                      "an industry branch names its sector");
    } else if (!industry && organization.sector() != v1::BRANCH_SECTOR_UNSPECIFIED) {
      violations->Add(prefix + "sector", common::v1::VALUE_NOT_ALLOWED,
                      "only an industry branch has a sector");
    } else if (!v1::BranchSector_IsValid(organization.sector())) {
      violations->Add(prefix + "sector", common::v1::VALUE_NOT_ALLOWED, "unknown sector");
    }
  }
  if (Has(paths, "region_code")) {
    if (organization.region_code().empty()) {
      violations->Add(prefix + "region_code", common::v1::FIELD_REQUIRED,
                      "the region the organisation serves");
    } else if (!regions.Knows(organization.region_code())) {
      violations->Add(prefix + "region_code", common::v1::REFERENCE_NOT_FOUND,
                      "not a region of the tree");
    }
  }
  if (Has(paths, "founding_date")) {
    runtime::CheckPastDate(*violations, prefix + "founding_date", organization.has_founding_date(),
                           organization.founding_date(), today);
  }
  if (Has(paths, "officers")) {
    if (organization.officers_size() > 50) {
      violations->Add(prefix + "officers", common::v1::FIELD_OUT_OF_RANGE, "at most 50 officers");
    }
    for (int i = 0; i < organization.officers_size() && i < 50; ++i) {
      const v1::Officer& officer = organization.officers(i);
      const std::string path = prefix + "officers[" + std::to_string(i) + "].";
      if (officer.role() == v1::OFFICER_ROLE_UNSPECIFIED ||
          !v1::OfficerRole_IsValid(officer.role())) {
        violations->Add(path + "role", common::v1::FIELD_REQUIRED, "must name the office");
      }
      const size_t length = runtime::CodePointCount(officer.display_name());
      if (length == 0 || length > 64) {
        violations->Add(path + "display_name",
                        length == 0 ? common::v1::FIELD_REQUIRED : common::v1::FIELD_TOO_LONG,
                        "1 to 64 characters");
      }
      if (!officer.volunteer().empty() &&
          runtime::ResourceIdFromName(officer.volunteer(), "volunteers/").empty()) {
        violations->Add(path + "volunteer", common::v1::FIELD_MALFORMED, "must be volunteers/{id}");
      }
      runtime::CheckPastDate(*violations, path + "term_start_date", officer.has_term_start_date(),
                             officer.term_start_date(), today);
      if (officer.has_term_end_date()) {
        const runtime::CivilDate end = runtime::FromProtoDate(officer.term_end_date());
        if (!runtime::IsValidCivilDate(end)) {
          violations->Add(path + "term_end_date", common::v1::FIELD_MALFORMED,
                          "not a calendar date");
        } else if (officer.has_term_start_date() &&
                   end <= runtime::FromProtoDate(officer.term_start_date())) {
          violations->Add(path + "term_end_date", common::v1::END_BEFORE_START,
                          "must be after term_start_date");
        }
      }
    }
  }
}

}  // namespace jindu::registration

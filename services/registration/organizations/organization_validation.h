#pragma once
// Field rules of an organisation (organization.proto), checked on create and on update. What needs
// the database (parent exists, natural key free) is the handler's job.
#include <string>

#include "jindu/registration/v1/organization.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {

// Checks the fields named by `paths` ("display_name", "kind", "sector", "region_code",
// "founding_date", "officers"), reporting under `prefix` ("organization.").
void ValidateOrganizationFields(const v1::Organization& organization,
                                const std::vector<std::string>& paths, const std::string& prefix,
                                const runtime::RegionDirectory& regions, runtime::CivilDate today,
                                runtime::FieldViolations* violations);

}  // namespace jindu::registration

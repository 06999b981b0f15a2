// Fuzzes registration's request validation: the first byte picks a method, the rest is parsed as
// that method's request message (as gRPC would hand it to the handler), and the request goes
// through the validation functions the handler runs before any database work.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "jindu/registration/v1/region_service.pb.h"
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/organizations/organization_validation.h"
#include "registration/regions/denominator_rows.h"
#include "registration/regions/region_rows.h"
#include "registration/volunteers/volunteer_validation.h"
#include "runtime/access/national_id_field.h"

namespace {

using namespace jindu;

// As the handlers have them (organization_handlers.cc, volunteer_handlers.cc).
const std::vector<std::string> kOrganizationCreatePaths = {
    "display_name", "kind", "sector", "region_code", "founding_date", "officers"};
const std::vector<std::string> kVolunteerCreatePaths = {"display_name", "phone",
                                                        "residence_region_code", "roles", "skills"};

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* request) {
  return request->ParseFromArray(data, static_cast<int>(size));
}

std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask) {
  return {mask.paths().begin(), mask.paths().end()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0] % 6;
  ++data;
  --size;
  runtime::FieldViolations violations;
  switch (selector) {
    case 0: {
      registration::v1::CreateOrganizationRequest request;
      if (!Parse(data, size, &request)) return 0;
      registration::ValidateOrganizationFields(request.organization(), kOrganizationCreatePaths,
                                               "organization.", fuzz::Regions(), fuzz::kToday,
                                               &violations);
      break;
    }
    case 1: {
      registration::v1::UpdateOrganizationRequest request;
      if (!Parse(data, size, &request)) return 0;
      registration::ValidateOrganizationFields(request.organization(),
                                               MaskPaths(request.update_mask()), "organization.",
                                               fuzz::Regions(), fuzz::kToday, &violations);
      break;
    }
    case 2: {
      registration::v1::CreateVolunteerRequest request;
      if (!Parse(data, size, &request)) return 0;
      std::string phone;
      registration::ValidateVolunteerFields(request.volunteer(), kVolunteerCreatePaths,
                                            "volunteer.", fuzz::Regions(), &violations, &phone);
      (void)runtime::CheckNationalIdField("volunteer.national_id_number",
                                          request.volunteer().national_id_number(), fuzz::Regions(),
                                          fuzz::kToday, &violations);
      break;
    }
    case 3: {
      registration::v1::UpdateVolunteerRequest request;
      if (!Parse(data, size, &request)) return 0;
      std::string phone;
      registration::ValidateVolunteerFields(request.volunteer(), MaskPaths(request.update_mask()),
                                            "volunteer.", fuzz::Regions(), &violations, &phone);
      break;
    }
    case 4: {
      registration::v1::ImportRegionsRequest request;
      if (!Parse(data, size, &request)) return 0;
      (void)registration::ReadRegionRows(request.csv(), &violations);
      break;
    }
    case 5: {
      registration::v1::ImportRegionDenominatorsRequest request;
      if (!Parse(data, size, &request)) return 0;
      (void)registration::ReadDenominatorRows(request.csv(), fuzz::Regions(), &violations);
      break;
    }
  }
  fuzz::CheckViolations(violations);
  return 0;
}

#include "registration/storage/sealed_column_catalog.h"

namespace jindu::registration {

std::vector<runtime::SealedColumn> RegistrationSealedColumns() {
  return {
      // volunteer_store.cc: "volunteer/<id>/<column>"
      {"volunteers", {"volunteer_id"}, "national_id", "volunteer", "national_id"},
      {"volunteers", {"volunteer_id"}, "display_name", "volunteer", "display_name"},
      {"volunteers", {"volunteer_id"}, "phone", "volunteer", "phone"},
      // organization_store.cc: "organization/<id>/officers"
      {"organizations", {"organization_id"}, "officers", "organization", "officers"},
      // grant_store.cc: "grant/<id>/display_name" for the column subject_display_name
      {"grants", {"grant_id"}, "subject_display_name", "grant", "display_name"},
  };
}

}  // namespace jindu::registration

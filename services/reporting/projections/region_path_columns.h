#pragma once
// Every fact table of the reporting service whose rows carry a region path, recomputed when a
// region moves in the tree (runtime/regions/region_path_refresh.h): figures roll up by path, so a
// street handed over to another district counts for its new district.
#include <vector>

#include "runtime/regions/region_path_refresh.h"

namespace jindu::reporting {

inline std::vector<runtime::RegionPathColumn> ReportingRegionPathColumns() {
  return {
      // {"table", "region_code column", "region_path column"},
      {"region_denominators", "region_code", "region_path"},
      {"casework_case_facts", "region_code", "region_path"},
      {"casework_pairing_facts", "region_code", "region_path"},
      {"casework_contact_facts", "region_code", "region_path"},
      {"casework_help_facts", "region_code", "region_path"},
      {"casework_urine_test_facts", "region_code", "region_path"},
      {"casework_tip_facts", "region_code", "region_path"},
      {"activity_facts", "region_code", "region_path"},
      {"news_report_facts", "region_code", "region_path"},
      {"participation_facts", "region_code", "region_path"},
      {"organization_facts", "region_code", "region_path"},
      {"volunteer_facts", "residence_region_code", "region_path"},
      {"training_session_facts", "region_code", "region_path"},
      {"training_attendance_facts", "region_code", "region_path"},
      {"service_hour_facts", "region_code", "region_path"},
      {"assessment_rubrics", "region_code", "region_path"},
  };
}

}  // namespace jindu::reporting

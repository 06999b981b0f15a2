#include "publicity/activities/activity_campaign_check.h"

namespace jindu::publicity {

void CheckActivityCampaign(pqxx::transaction_base&, const std::string&, const v1::Activity&,
                           runtime::FieldViolations*) {
  // HOOK: the campaigns table is not merged yet (see the header); nothing to check against.
}

}  // namespace jindu::publicity

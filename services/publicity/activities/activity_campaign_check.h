#pragma once
// An activity of a campaign must be held inside the campaign's date range (activity.proto,
// Activity.campaign): REFERENCE_NOT_FOUND naming "activity.campaign" for an unknown campaign,
// VALUE_NOT_ALLOWED naming "activity.activity_date" for a day outside it. Called on create, update
// and proposed corrections, inside the write's transaction, whenever the campaign or the date is
// set or changes.
#include <pqxx/pqxx>
#include <string>

#include "jindu/publicity/v1/activity.pb.h"
#include "runtime/api/api_error.h"

namespace jindu::publicity {

// `activity` as it will be stored, its campaign name already well formed (or empty: no campaign).
void CheckActivityCampaign(pqxx::transaction_base& tx, const std::string& schema,
                           const v1::Activity& activity, runtime::FieldViolations* violations);

}  // namespace jindu::publicity

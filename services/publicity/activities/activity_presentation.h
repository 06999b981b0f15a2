#pragma once
// An ActivityRecord as the API shows it: the stored content with its name and the output-only
// review fields and audit metadata (the etag is the record's revision). Activities hold no
// personal data of participants, so every caller allowed to read one sees all of it.
#include "jindu/publicity/v1/activity.pb.h"
#include "publicity/activities/activity_record.h"

namespace jindu::publicity {

v1::Activity PresentActivity(const ActivityRecord& record);

}  // namespace jindu::publicity

#include "publicity/activities/activity_record.h"

namespace jindu::publicity {

v1::Activity ActivityContent(const v1::Activity& activity) {
  v1::Activity content = activity;
  content.clear_name();
  content.clear_review_state();
  content.clear_last_review();
  content.clear_approved_revision();
  content.clear_pending_correction();
  content.clear_audit();
  return content;
}

}  // namespace jindu::publicity

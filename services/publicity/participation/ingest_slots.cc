#include "publicity/participation/ingest_slots.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "jindu/common/v1/errors.pb.h"

namespace jindu::publicity {

IngestSlots::Lease IngestSlots::TryAcquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, wait, [&] { return free_ > 0; })) return Lease(nullptr);
  --free_;
  return Lease(this);
}

void IngestSlots::Release() {
  {
    std::lock_guard lock(mutex_);
    ++free_;
  }
  available_.notify_one();
}

grpc::Status ServiceSaturatedError() {
  const std::string message =
      "participation ingest is saturated; retry after 1 s (entries committed before stay "
      "committed, resent ones come back as duplicates)";
  google::rpc::Status status;
  status.set_code(static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED));
  status.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_domain("jindu");
  info.set_reason(common::v1::ErrorReason_Name(common::v1::SERVICE_SATURATED));
  status.add_details()->PackFrom(info);
  google::rpc::RetryInfo retry;
  retry.mutable_retry_delay()->set_seconds(1);
  status.add_details()->PackFrom(retry);
  return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, message, status.SerializeAsString());
}

}  // namespace jindu::publicity

#pragma once
// Back-pressure of participation ingest: at most `participation-ingest-slots` batches commit at a
// time. A batch that finds no free slot within a short wait is refused with RESOURCE_EXHAUSTED /
// SERVICE_SATURATED and a RetryInfo of one second, instead of queueing without bound (a burst of
// hundreds of thousands of entries would otherwise pile up threads, memory and connections).
#include <grpcpp/support/status.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace jindu::publicity {

inline constexpr char kParticipationIngestSlotsSetting[] = "participation-ingest-slots";

class IngestSlots {
 public:
  explicit IngestSlots(int slots) : free_(slots) {}

  // A held slot; given back when it goes out of scope.
  class Lease {
   public:
    explicit Lease(IngestSlots* slots) : slots_(slots) {}
    Lease(Lease&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (slots_ != nullptr) slots_->Release();
    }
    bool held() const { return slots_ != nullptr; }

   private:
    IngestSlots* slots_;
  };

  // A slot, or an empty lease when none freed up within `wait`.
  Lease TryAcquire(std::chrono::milliseconds wait);

 private:
  void Release();

  std::mutex mutex_;
  std::condition_variable available_;
  int free_;
};

// RESOURCE_EXHAUSTED / SERVICE_SATURATED with google.rpc.RetryInfo (retry after one second).
grpc::Status ServiceSaturatedError();

}  // namespace jindu::publicity

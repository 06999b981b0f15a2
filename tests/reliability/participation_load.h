#pragma once
// The load of the fault scenarios (broker restart, service crash, graceful shutdown): N pledge
// entries ingested into one campaign through publicity's public API, one entry per call (one
// ParticipationBatchAccepted event each), from several callers at once. A call that fails with
// UNAVAILABLE (the service is down or restarting) or RESOURCE_EXHAUSTED (saturated) is sent again,
// the same entry: its entry_id makes the repeat idempotent (a repeat of a committed entry comes
// back DUPLICATE_ENTRY and emits no event). So every entry ends acknowledged (ACCEPTED or
// DUPLICATE_ENTRY) and reporting must count exactly N, or the call finally failed (counted).
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "reliability_support.h"

namespace jindu::testing::reliability {

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A channel of our own to a service: a restarted service is reconnected to within a second (the
// default reconnect backoff grows to two minutes while the port refuses connections).
inline std::shared_ptr<grpc::Channel> QuickReconnectChannel(ServiceProcess& service) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(service.grpc_port()),
                                   grpc::InsecureChannelCredentials(), arguments);
}

// The i-th participant's phone: 139 and eight digits (distinct for every i below 10^8).
inline std::string LoadPhone(int64_t i) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "139%08lld",
                static_cast<long long>((i * 7919 + 24681357) % 100000000));
  return digits;
}

class ParticipationLoad {
 public:
  // Starts `callers` threads sending entries 0..total-1 of `campaign` (campaigns/...). `pause`
  // between a caller's calls (0: as fast as answered). Entry ids are TestUuid(`run`, i).
  ParticipationLoad(ServiceProcess& publicity, std::string campaign, int64_t total, int callers,
                    uint32_t run, std::chrono::milliseconds pause = std::chrono::milliseconds(0))
      : publicity_(publicity),
        campaign_(std::move(campaign)),
        total_(total),
        run_(run),
        pause_(pause),
        started_(std::chrono::steady_clock::now()) {
    channel_ = QuickReconnectChannel(publicity_);
    for (int caller = 0; caller < callers; ++caller) threads_.emplace_back([this] { Call(); });
  }
  ~ParticipationLoad() { Join(); }

  void Join() {
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    if (finished_seconds_ == 0) finished_seconds_ = SecondsSince(started_);
  }

  // Callers send no entry from `gate` on until the gate moves (it starts at the total): a fault
  // scenario holds the load at the point where its next fault must find it running, so a load
  // faster than the faults cannot finish before them.
  void SetGate(int64_t gate) { gate_.store(gate); }

  // Entries answered (acknowledged or finally failed).
  int64_t done() const { return done_.load(); }
  int64_t acknowledged() const { return accepted_.load() + duplicates_.load(); }
  int64_t accepted() const { return accepted_.load(); }
  // Acknowledged as DUPLICATE_ENTRY: an earlier attempt of ours had committed it.
  int64_t duplicates() const { return duplicates_.load(); }
  // Calls answered UNAVAILABLE (or RESOURCE_EXHAUSTED) and sent again.
  int64_t unavailable_retries() const { return unavailable_.load(); }
  int64_t exhausted_retries() const { return exhausted_.load(); }
  // Entries whose call finally failed (another code, a rejected entry, or retries exhausted).
  int64_t failed() const { return failed_.load(); }
  double seconds() const { return finished_seconds_; }
  const std::string& first_failure() const { return first_failure_; }

 private:
  void Call() {
    auto stub = publicity::v1::PublicityService::NewStub(channel_);
    const std::string token = publicity_.Token(kSource);
    for (int64_t i; (i = next_.fetch_add(1)) < total_;) {
      while (i >= gate_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      publicity::v1::BatchIngestParticipationEntriesRequest request;
      // 28 days: concurrent batches mostly update different tallies, not queue on one row lock.
      *request.add_entries() = PledgeEntry(campaign_, TestUuid(run_, static_cast<uint64_t>(i)),
                                           LoadPhone(i), 1 + 24 * (i % 28));
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(3);
      for (;;) {
        publicity::v1::BatchIngestParticipationEntriesResponse response;
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        context.AddMetadata("authorization", "Bearer " + token);
        const grpc::Status status =
            stub->BatchIngestParticipationEntries(&context, request, &response);
        if (status.ok()) {
          const auto outcome =
              response.outcomes_size() == 1 ? response.outcomes(0) : publicity::v1::EntryOutcome{};
          if (outcome == publicity::v1::ENTRY_OUTCOME_ACCEPTED) {
            ++accepted_;
          } else if (outcome == publicity::v1::ENTRY_OUTCOME_DUPLICATE_ENTRY) {
            ++duplicates_;
          } else {
            Fail("entry " + std::to_string(i) + " answered " + response.ShortDebugString());
          }
          break;
        }
        const bool retry = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                           status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
        if (!retry || std::chrono::steady_clock::now() > give_up) {
          Fail("entry " + std::to_string(i) + ": " + std::to_string(status.error_code()) + " " +
               status.error_message());
          break;
        }
        ++(status.error_code() == grpc::StatusCode::UNAVAILABLE ? unavailable_ : exhausted_);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      ++done_;
      if (pause_.count() > 0) std::this_thread::sleep_for(pause_);
    }
  }

  void Fail(const std::string& what) {
    if (failed_.fetch_add(1) == 0) first_failure_ = what;
  }

  ServiceProcess& publicity_;
  const std::string campaign_;
  const int64_t total_;
  const uint32_t run_;
  const std::chrono::milliseconds pause_;
  const std::chrono::steady_clock::time_point started_;
  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<int64_t> gate_{total_};
  std::atomic<int64_t> next_{0};
  std::atomic<int64_t> done_{0};
  std::atomic<int64_t> accepted_{0};
  std::atomic<int64_t> duplicates_{0};
  std::atomic<int64_t> unavailable_{0};
  std::atomic<int64_t> exhausted_{0};
  std::atomic<int64_t> failed_{0};
  std::string first_failure_;  // written once, by the first failure
  double finished_seconds_ = 0;
  std::vector<std::thread> threads_;  // last: started once everything above is ready
};

// Waits until `done()` of the load reaches `target` (or the load finished).
inline void WaitForProgress(const ParticipationLoad& load, int64_t target, int64_t total) {
  while (load.done() < std::min(target, total)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// The checker's counts that must be zero, as a JSON object's members.
inline std::string CheckerCounts(const ProgramRun& check) {
  std::string counts;
  for (const char* name : {"unpublished_outbox_rows", "lost_before_topic", "foreign_on_topic",
                           "lost_unprocessed", "poison_not_dead_lettered", "duplicated_effects",
                           "lost_effects", "reordered", "reordered_on_topic"}) {
    counts += std::string(counts.empty() ? "" : ",") + "\"" + name +
              "\":" + std::to_string(check.Number(name));
  }
  return counts;
}

inline constexpr char kParticipationTopic[] = "jindu.publicity.participation.v1";
inline constexpr char kAcceptedSql[] =
    "SELECT coalesce(sum(accepted), 0) FROM reporting.participation_facts";

}  // namespace jindu::testing::reliability

#include "runtime/postgres/transaction_end_bell.h"

#include <algorithm>
#include <vector>

namespace jindu::runtime {
namespace {

// Per thread: connections leased and not yet given back, and the bells waiting for that count to
// reach zero. A lease moved to and given back on another thread leaves the count off by one until
// this thread's next give-back; the loops' polling covers the wake missed meanwhile.
struct ThreadLeases {
  int held = 0;
  std::vector<std::shared_ptr<Doorbell>> bells;
};

ThreadLeases& Leases() {
  thread_local ThreadLeases leases;
  return leases;
}

}  // namespace

void RingWhenTransactionEnds(std::shared_ptr<Doorbell> bell) {
  if (bell == nullptr) return;
  ThreadLeases& leases = Leases();
  if (leases.held <= 0) {
    bell->Ring();
    return;
  }
  // A transaction appending a thousand events asks a thousand times for the same bell.
  if (std::find(leases.bells.begin(), leases.bells.end(), bell) == leases.bells.end()) {
    leases.bells.push_back(std::move(bell));
  }
}

void NoteLeaseTaken() { ++Leases().held; }

void NoteLeaseGivenBack() {
  ThreadLeases& leases = Leases();
  if (leases.held > 0) --leases.held;
  if (leases.held > 0 || leases.bells.empty()) return;
  // Swapped out first: a bell's Ring never calls back here, but the list must be empty whatever
  // happens next.
  std::vector<std::shared_ptr<Doorbell>> bells;
  bells.swap(leases.bells);
  for (const auto& bell : bells) bell->Ring();
}

}  // namespace jindu::runtime

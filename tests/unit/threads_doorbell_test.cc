// A doorbell wakes a polling loop as soon as there is work; a ring must never be lost, even one
// made while the loop was busy rather than waiting.

#include <gtest/gtest.h>

#include <thread>

#include "runtime/postgres/transaction_end_bell.h"
#include "runtime/threads/doorbell.h"

namespace jindu::runtime {
namespace {

using namespace std::chrono_literals;

TEST(DoorbellTest, ARingMadeBeforeTheWaitIsKeptAndAnsweredAtOnce) {
  Doorbell bell;
  bell.Ring();
  bell.Ring();  // collapses with the first
  std::stop_source never;
  EXPECT_TRUE(bell.Wait(std::chrono::minutes(10), never.get_token()));
  EXPECT_FALSE(bell.Wait(0ms, never.get_token())) << "two rings before one wait are one wake";
}

TEST(DoorbellTest, ARingFromAnotherThreadEndsTheWait) {
  Doorbell bell;
  std::stop_source never;
  std::jthread ringer([&] {
    std::this_thread::sleep_for(20ms);
    bell.Ring();
  });
  EXPECT_TRUE(bell.Wait(std::chrono::minutes(10), never.get_token()));
}

TEST(DoorbellTest, WithoutARingTheWaitTimesOutAndAStopEndsIt) {
  Doorbell bell;
  std::stop_source stop;
  EXPECT_FALSE(bell.Wait(10ms, stop.get_token()));
  stop.request_stop();
  EXPECT_FALSE(bell.Wait(std::chrono::minutes(10), stop.get_token()));
}

// The pool notes leases taken and given back on the calling thread; the bell a transaction asked
// for rings only once the thread holds no lease, that is once the transaction is over.
TEST(TransactionEndBellTest, RingsWhenTheThreadsLastLeaseIsGivenBack) {
  auto bell = std::make_shared<Doorbell>();
  std::stop_source never;
  NoteLeaseTaken();  // the transaction's connection
  NoteLeaseTaken();  // a second lease inside it
  RingWhenTransactionEnds(bell);
  RingWhenTransactionEnds(bell);
  NoteLeaseGivenBack();
  EXPECT_FALSE(bell->Wait(0ms, never.get_token()))
      << "rang while the thread still held the transaction's connection (before its commit)";
  NoteLeaseGivenBack();
  EXPECT_TRUE(bell->Wait(0ms, never.get_token()));
  NoteLeaseTaken();
  NoteLeaseGivenBack();
  EXPECT_FALSE(bell->Wait(0ms, never.get_token())) << "a later transaction rang it again";
}

TEST(TransactionEndBellTest, WithNoLeaseHeldItRingsAtOnce) {
  auto bell = std::make_shared<Doorbell>();
  std::stop_source never;
  RingWhenTransactionEnds(bell);
  EXPECT_TRUE(bell->Wait(0ms, never.get_token()));
}

TEST(TransactionEndBellTest, LeasesOnAnotherThreadDoNotHoldThisThreadsBell) {
  auto bell = std::make_shared<Doorbell>();
  std::stop_source never;
  std::jthread other([] { NoteLeaseTaken(); });  // never given back on that thread
  other.join();
  NoteLeaseTaken();
  RingWhenTransactionEnds(bell);
  NoteLeaseGivenBack();
  EXPECT_TRUE(bell->Wait(0ms, never.get_token()));
}

}  // namespace
}  // namespace jindu::runtime

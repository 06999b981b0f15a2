#pragma once

// Turns SIGTERM (Kubernetes stopping the pod) and SIGINT (Ctrl-C) into something a thread can wait
// for, so that the process drains instead of dying mid-call.
//
// While an instance lives, both signals are caught; when it is destroyed the previous handlers come
// back, so a second signal during the drain that follows stops the process at once. One instance at
// a time per process.

namespace jindu::runtime {

class TerminationSignals {
 public:
  TerminationSignals();
  ~TerminationSignals();
  TerminationSignals(const TerminationSignals&) = delete;
  TerminationSignals& operator=(const TerminationSignals&) = delete;

  // Blocks until SIGTERM or SIGINT arrives (returns its number) or Interrupt() is called
  // (returns 0).
  int Wait();

  // Wakes Wait() without a signal. Safe from any thread.
  void Interrupt();
};

}  // namespace jindu::runtime

#pragma once

// Crash points let the test suite kill a real process at an exact step of a protocol (after the
// outbox relay published a batch but before it marked it sent; after a consumer committed its
// effect but before it committed its Kafka offset) and then prove that nothing is lost or applied
// twice. They are inert unless the environment variable JINDU_CRASH_AT names one, so production
// processes pay one relaxed atomic load per point.
//
//   JINDU_CRASH_AT=<point>[:<n>]   the process exits abruptly (no flush, no destructors) the
//                                  n-th time (default 1st) execution reaches <point>.

#include <string_view>

namespace jindu::runtime {

// Known points, named here so tests and code agree on spelling.
inline constexpr std::string_view kCrashRelayBeforePublish = "outbox.relay.before_publish";
inline constexpr std::string_view kCrashRelayAfterPublish = "outbox.relay.after_publish";
inline constexpr std::string_view kCrashRelayAfterMarkSent = "outbox.relay.after_mark_sent";
inline constexpr std::string_view kCrashInboxAfterEffectCommit = "inbox.after_effect_commit";
inline constexpr std::string_view kCrashInboxBeforeEffectCommit = "inbox.before_effect_commit";

// Exit code of a process stopped by a crash point, so tests can tell it from other failures.
inline constexpr int kCrashPointExitCode = 86;

void CrashPoint(std::string_view point);

}  // namespace jindu::runtime

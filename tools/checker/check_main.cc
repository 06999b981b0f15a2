// jindu-check: after the system has gone quiet, reads every topic (dead-letter topics included)
// and every service's outbox, inbox and projections, and reports lost, duplicated and reordered
// events as JSON (see consistency_check.h). Exit status: 0 all counts zero, 1 some count non-zero,
// 2 the check itself failed (a server unreachable, bad arguments).
//
//   jindu-check --kafka 127.0.0.1:9092 --database registration=postgresql://.../reg
//       --database reporting=postgresql://.../rep [--settle-seconds 60] [--output report.json]
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "consistency_check.h"
#include "service_tables.h"
#include "topic_scan.h"

namespace {

void Usage() {
  std::cerr
      << "usage: jindu-check --kafka BOOTSTRAP --database SCHEMA=URL [--database ...]\n"
         "       [--expect CONSUMER=TOPIC[,TOPIC...]] [--unordered-topic TOPIC]\n"
         "       [--settle-seconds N] [--output FILE]\n"
         "  --expect           a consumer must have processed every event of these topics, even\n"
         "                     when its inbox holds none of them yet\n"
         "  --unordered-topic  versions on this topic are not meant to be ordered: reorders are\n"
         "                     reported apart and do not fail the check\n"
         "  --settle-seconds   repeat the check (once a second) until it passes or N seconds\n"
         "                     have passed: for a system still draining\n";
}

std::pair<std::string, std::string> SplitAt(const std::string& text, char separator) {
  const size_t at = text.find(separator);
  if (at == std::string::npos || at == 0)
    throw std::invalid_argument("expected NAME=VALUE: " + text);
  return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace

int main(int argc, char** argv) {
  std::string bootstrap;
  std::vector<jindu::check::ServiceDatabase> databases;
  jindu::check::CheckOptions options;
  int settle_seconds = 0;
  std::string output;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string flag = argv[i];
      if (flag == "--help" || flag == "-h") {
        Usage();
        return 0;
      }
      if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
      const std::string value = argv[++i];
      if (flag == "--kafka") {
        bootstrap = value;
      } else if (flag == "--database") {
        auto [schema, url] = SplitAt(value, '=');
        databases.push_back({schema, url});
      } else if (flag == "--expect") {
        auto [consumer, topics] = SplitAt(value, '=');
        for (size_t start = 0; start <= topics.size();) {
          size_t end = topics.find(',', start);
          if (end == std::string::npos) end = topics.size();
          if (end > start)
            options.expected_subscriptions[consumer].insert(topics.substr(start, end - start));
          start = end + 1;
        }
      } else if (flag == "--unordered-topic") {
        options.unordered_topics.insert(value);
      } else if (flag == "--settle-seconds") {
        settle_seconds = std::stoi(value);
      } else if (flag == "--output") {
        output = value;
      } else {
        throw std::invalid_argument("unknown flag " + flag);
      }
    }
    if (bootstrap.empty() || databases.empty())
      throw std::invalid_argument("--kafka and --database are required");
  } catch (const std::exception& error) {
    std::cerr << "jindu-check: " << error.what() << "\n";
    Usage();
    return 2;
  }

  try {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(settle_seconds);
    jindu::check::CheckReport report;
    for (;;) {
      // Databases first: whatever they promise must already be on the topics read next.
      const jindu::check::ServiceTables tables = jindu::check::ReadServiceTables(databases);
      std::vector<jindu::check::TopicMessage> messages;
      jindu::check::ScanTopics(
          bootstrap, jindu::check::ListTopics(bootstrap),
          [&](const jindu::check::TopicMessage& message) { messages.push_back(message); });
      report = jindu::check::CheckConsistency(messages, tables, options);
      if (report.ok() || std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    std::cout << report.json << std::endl;
    if (!output.empty()) {
      std::ofstream file(output);
      file << report.json << "\n";
      if (!file) throw std::runtime_error("cannot write " + output);
    }
    return report.ok() ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "jindu-check: " << error.what() << "\n";
    return 2;
  }
}

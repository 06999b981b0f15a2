#pragma once
// The leak scan: looks for known personal data (the names, phone numbers and national ID numbers a
// test created: the "needles") everywhere the system writes that is not a declared encrypted
// column: every Kafka message (keys, values, headers; dead-letter topics included), service logs,
// Redis keys and values, and every text, bytea, JSON and array column of every service schema
// (outbox payloads included). Values are searched as raw bytes: protobuf stores strings verbatim.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "service_tables.h"

namespace jindu::check {

struct LeakScanOptions {
  std::vector<std::string> needles;
  std::string kafka_bootstrap;  // empty: no Kafka scan
  std::vector<ServiceDatabase> databases;
  std::string redis_address;  // host:port; empty: no Redis scan
  std::vector<std::string> log_files;
  // Columns whose names end so hold ciphertext (runtime/crypto/field_cipher.h seals them).
  std::vector<std::string> encrypted_column_suffixes = {"_sealed"};
};

struct LeakHit {
  std::string place;  // "kafka:<topic>/<partition>/<offset>", "log:<file>", "redis:<key>",
                      // "postgres:<schema>.<table>.<column>"
  size_t needle = 0;  // index into the needles (the needle itself is not repeated in reports)
  // Up to 30 bytes either side of the hit, the needle shown as «#<index>», every digit as '#' and
  // every other byte outside printable ASCII as '?': the shape of what leaked (a log field, a
  // JSON key) without repeating personal data.
  std::string context;
};

struct LeakScanResult {
  std::vector<LeakHit> hits;
  std::map<std::string, int64_t> scanned;  // what was looked at: "kafka_messages", "log_bytes",...
  std::map<std::string, int64_t> hits_by_source;  // "kafka", "log", "redis", "postgres"
  std::string Json() const;
};

// Throws when a source cannot be read.
LeakScanResult ScanForLeaks(const LeakScanOptions& options);

}  // namespace jindu::check

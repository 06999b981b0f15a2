#pragma once
// The comparison at the heart of jindu-check. Given every topic's messages and every service's
// outbox, inbox and projection state, counts:
//   - unpublished_outbox_rows: rows the relay never got acknowledged (published_at NULL);
//   - lost_before_topic: published outbox rows whose event is not on its topic;
//   - foreign_on_topic: events on a producer's topic that are in no outbox and were not
//     dead-lettered (a dropped outbox row, or a message nobody should have written);
//   - lost_unprocessed: events on a topic a consumer subscribes to that its inbox lacks (a
//     consumer subscribes to the topics its inbox has seen, plus those named by --expect);
//   - poison_not_dead_lettered: undecodable messages some subscribing consumer neither applied nor
//     sent to "<topic>.dlt";
//   - duplicated_effects: rows of event-keyed tables beyond their distinct event ids, and
//     participation batches counted beyond (or without) the event that carried them;
//   - lost_effects: participation batches whose event was applied but whose counts are missing;
//   - reordered: per consumer and aggregate, an event applied after a newer version of the same
//     aggregate; reordered_on_topic: the same in a topic's offset order.
// Topics whose versions are not meant to be ordered (--unordered-topic) are counted apart and do
// not fail the check. Informational figures (redeliveries, dead letters, totals) never fail it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "service_tables.h"
#include "topic_scan.h"

namespace jindu::check {

struct CheckOptions {
  std::map<std::string, std::set<std::string>> expected_subscriptions;  // consumer -> topics
  std::set<std::string> unordered_topics;
  std::string dead_letter_suffix = ".dlt";
};

struct CheckReport {
  std::map<std::string, int64_t> failures;  // the counts above; any non-zero fails
  std::string json;                         // the whole report
  bool ok() const;
};

CheckReport CheckConsistency(const std::vector<TopicMessage>& messages, const ServiceTables& tables,
                             const CheckOptions& options);

}  // namespace jindu::check

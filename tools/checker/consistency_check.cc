#include "consistency_check.h"

#include <algorithm>
#include <cstdint>

#include "jindu/events/v1/envelope.pb.h"
#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "json_writer.h"

namespace jindu::check {
namespace {

constexpr const char* kParticipationTopic = "jindu.publicity.participation.v1";
constexpr const char* kDeadLetterSource = "jindu-dlt-source";      // "topic/partition/offset"
constexpr const char* kDeadLetterConsumer = "jindu-dlt-consumer";  // the consumer's name

struct TopicEvent {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string aggregate_id;
  int64_t version = 0;
};

std::string Position(const std::string& topic, int32_t partition, int64_t offset) {
  return topic + "/" + std::to_string(partition) + "/" + std::to_string(offset);
}

// "jindu.<producer>.<aggregate>.v1" -> "<producer>".
std::string ProducerOf(const std::string& topic) {
  const size_t first = topic.find('.');
  const size_t second = topic.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return std::string();
  return topic.substr(first + 1, second - first - 1);
}

// Counts with a few examples, for the report.
class Tally {
 public:
  void Count(const std::string& example) {
    ++count_;
    if (examples_.size() < 5) examples_.push_back(example);
  }
  int64_t count() const { return count_; }
  std::string Json() const {
    std::string list = "[";
    for (const std::string& example : examples_) {
      list += (list.size() > 1 ? "," : "") + JsonString(example);
    }
    return JsonObject().Add("count", count_).Raw("examples", list + "]").Close();
  }

 private:
  int64_t count_ = 0;
  std::vector<std::string> examples_;
};

}  // namespace

bool CheckReport::ok() const {
  return std::all_of(failures.begin(), failures.end(),
                     [](const auto& entry) { return entry.second == 0; });
}

CheckReport CheckConsistency(const std::vector<TopicMessage>& messages, const ServiceTables& tables,
                             const CheckOptions& options) {
  auto is_dead_letter_topic = [&](const std::string& topic) {
    return topic.ends_with(options.dead_letter_suffix);
  };

  // --- the topics ---
  std::map<std::string, std::map<std::string, TopicEvent>> events_by_topic;  // first delivery
  std::map<std::string, int64_t> messages_by_topic;
  std::vector<TopicMessage> undecodable;
  std::map<std::string, std::set<std::string>> dead_lettered_by;   // position -> consumers
  std::map<std::string, int64_t> participation_accepted_by_event;  // event id -> accepted
  std::map<std::string, std::string> participation_batch_of_event;
  Tally redelivered_on_topic;
  for (const TopicMessage& message : messages) {
    ++messages_by_topic[message.topic];
    if (is_dead_letter_topic(message.topic)) {
      dead_lettered_by[message.Header(kDeadLetterSource)].insert(
          message.Header(kDeadLetterConsumer));
      continue;
    }
    events::v1::EventEnvelope envelope;
    if (!envelope.ParseFromString(message.value) || envelope.event_id().empty()) {
      undecodable.push_back(message);
      continue;
    }
    auto [at, first] = events_by_topic[message.topic].emplace(
        envelope.event_id(), TopicEvent{.topic = message.topic,
                                        .partition = message.partition,
                                        .offset = message.offset,
                                        .aggregate_id = envelope.aggregate_id(),
                                        .version = envelope.aggregate_version()});
    if (!first) {
      redelivered_on_topic.Count(envelope.event_id() + " at " +
                                 Position(message.topic, message.partition, message.offset));
      continue;
    }
    publicity::events::v1::ParticipationBatchAccepted batch;
    if (message.topic == kParticipationTopic && envelope.payload().UnpackTo(&batch)) {
      int64_t accepted = 0;
      for (const auto& count : batch.counts()) accepted += count.accepted();
      participation_accepted_by_event[envelope.event_id()] = accepted;
      participation_batch_of_event[envelope.event_id()] = batch.batch_id();
    }
  }

  // --- outbox against topics ---
  std::set<std::string> producers;  // schemas whose outbox was read
  std::set<std::string> outbox_ids;
  Tally unpublished;
  Tally lost_before_topic;
  std::map<std::string, int64_t> outbox_by_schema;
  for (const OutboxRow& row : tables.outbox) {
    producers.insert(row.schema);
    outbox_ids.insert(row.event_id);
    ++outbox_by_schema[row.schema];
    if (!row.published) {
      unpublished.Count(row.schema + " seq " + std::to_string(row.seq) + " " + row.event_id);
    } else if (!events_by_topic[row.topic].contains(row.event_id)) {
      lost_before_topic.Count(row.event_id + " on " + row.topic);
    }
  }
  Tally foreign_on_topic;
  for (const auto& [topic, events] : events_by_topic) {
    // Only producers whose outbox was read can be compared.
    if (!producers.contains(ProducerOf(topic))) continue;
    for (const auto& [event_id, event] : events) {
      if (outbox_ids.contains(event_id)) continue;
      if (dead_lettered_by.contains(Position(topic, event.partition, event.offset))) continue;
      foreign_on_topic.Count(event_id + " at " + Position(topic, event.partition, event.offset));
    }
  }

  // --- consumers: what they saw against what was there ---
  std::map<std::string, std::map<std::string, const InboxRow*>> inbox_by_consumer;
  std::map<std::string, std::set<std::string>> subscriptions = options.expected_subscriptions;
  std::map<std::string, int64_t> applied_by_consumer;
  std::map<std::string, int64_t> dead_lettered_by_consumer;
  for (const InboxRow& row : tables.inbox) {
    inbox_by_consumer[row.consumer][row.event_id] = &row;
    subscriptions[row.consumer].insert(row.topic);
    ++(row.applied ? applied_by_consumer : dead_lettered_by_consumer)[row.consumer];
  }
  Tally lost_unprocessed;
  Tally poison_not_dead_lettered;
  for (const auto& [consumer, topics] : subscriptions) {
    const auto& inbox = inbox_by_consumer[consumer];
    for (const std::string& topic : topics) {
      for (const auto& [event_id, event] : events_by_topic[topic]) {
        if (inbox.contains(event_id)) continue;
        auto dead = dead_lettered_by.find(Position(topic, event.partition, event.offset));
        if (dead != dead_lettered_by.end() && dead->second.contains(consumer)) continue;
        lost_unprocessed.Count(consumer + " lacks " + event_id + " of " + topic);
      }
    }
    for (const TopicMessage& message : undecodable) {
      if (!topics.contains(message.topic)) continue;
      auto dead = dead_lettered_by.find(Position(message.topic, message.partition, message.offset));
      if (dead != dead_lettered_by.end() && dead->second.contains(consumer)) continue;
      poison_not_dead_lettered.Count(consumer + ": " +
                                     Position(message.topic, message.partition, message.offset));
    }
  }

  // --- effects ---
  Tally duplicated_effects;
  Tally lost_effects;
  for (const EventKeyedTable& table : tables.event_keyed) {
    for (int64_t i = table.distinct_event_ids; i < table.rows; ++i) {
      duplicated_effects.Count(table.schema + "." + table.table + ": repeated event id");
    }
  }
  if (tables.has_participation_facts) {
    // Expected: the counts of every participation event some consumer applied.
    std::map<std::string, int64_t> expected;  // "schema/batch" -> accepted
    for (const InboxRow& row : tables.inbox) {
      if (!row.applied || row.topic != kParticipationTopic) continue;
      auto batch = participation_batch_of_event.find(row.event_id);
      if (batch == participation_batch_of_event.end()) continue;
      expected[row.schema + "/" + batch->second] += participation_accepted_by_event[row.event_id];
    }
    for (const auto& [key, accepted] : tables.participation_accepted_by_batch) {
      auto want = expected.find(key);
      if (want == expected.end() || accepted > want->second) {
        duplicated_effects.Count("participation batch " + key + " counts " +
                                 std::to_string(accepted) + ", its events " +
                                 std::to_string(want == expected.end() ? 0 : want->second));
      }
    }
    for (const auto& [key, accepted] : expected) {
      auto have = tables.participation_accepted_by_batch.find(key);
      const int64_t counted =
          have == tables.participation_accepted_by_batch.end() ? 0 : have->second;
      if (accepted > 0 && counted < accepted) {
        lost_effects.Count("participation batch " + key + " counts " + std::to_string(counted) +
                           ", its events " + std::to_string(accepted));
      }
    }
  }

  // --- order per aggregate ---
  Tally reordered;
  Tally reordered_on_topic;
  Tally reordered_exempt;
  auto order_tally = [&](const std::string& topic, Tally& normal) -> Tally& {
    return options.unordered_topics.contains(topic) ? reordered_exempt : normal;
  };
  for (const auto& [consumer, inbox] : inbox_by_consumer) {
    std::map<std::string, int64_t> newest;  // topic + aggregate -> version applied
    for (const InboxRow& row : tables.inbox) {
      if (row.consumer != consumer || !row.applied) continue;
      auto event = events_by_topic[row.topic].find(row.event_id);
      if (event == events_by_topic[row.topic].end()) continue;
      int64_t& seen = newest[row.topic + "\n" + event->second.aggregate_id];
      if (event->second.version < seen) {
        order_tally(row.topic, reordered)
            .Count(consumer + " applied " + row.topic + " " + event->second.aggregate_id + " v" +
                   std::to_string(event->second.version) + " after v" + std::to_string(seen));
      }
      seen = std::max(seen, event->second.version);
    }
  }
  for (const auto& [topic, events] : events_by_topic) {
    std::vector<const TopicEvent*> in_order;
    for (const auto& [event_id, event] : events) {
      // Dead-lettered messages were never applied: their versions order nothing.
      if (!dead_lettered_by.contains(Position(topic, event.partition, event.offset))) {
        in_order.push_back(&event);
      }
    }
    std::sort(in_order.begin(), in_order.end(), [](const TopicEvent* a, const TopicEvent* b) {
      return std::tie(a->partition, a->offset) < std::tie(b->partition, b->offset);
    });
    std::map<std::string, int64_t> newest;
    for (const TopicEvent* event : in_order) {
      int64_t& seen = newest[event->aggregate_id];
      if (event->version < seen) {
        order_tally(topic, reordered_on_topic)
            .Count(topic + " " + event->aggregate_id + " v" + std::to_string(event->version) +
                   " after v" + std::to_string(seen));
      }
      seen = std::max(seen, event->version);
    }
  }

  // --- the report ---
  CheckReport report;
  const std::pair<const char*, const Tally*> failing[] = {
      {"unpublished_outbox_rows", &unpublished},
      {"lost_before_topic", &lost_before_topic},
      {"foreign_on_topic", &foreign_on_topic},
      {"lost_unprocessed", &lost_unprocessed},
      {"poison_not_dead_lettered", &poison_not_dead_lettered},
      {"duplicated_effects", &duplicated_effects},
      {"lost_effects", &lost_effects},
      {"reordered", &reordered},
      {"reordered_on_topic", &reordered_on_topic},
  };
  JsonObject counts;
  JsonObject details;
  for (const auto& [name, tally] : failing) {
    report.failures[name] = tally->count();
    counts.Add(name, tally->count());
    details.Raw(name, tally->Json());
  }
  JsonObject info;
  int64_t distinct_events = 0;
  for (const auto& [topic, events] : events_by_topic) distinct_events += events.size();
  int64_t dead_letters = 0;
  for (const auto& [topic, count] : messages_by_topic) {
    if (is_dead_letter_topic(topic)) dead_letters += count;
  }
  info.Add("outbox_rows", static_cast<int64_t>(tables.outbox.size()))
      .Add("inbox_rows", static_cast<int64_t>(tables.inbox.size()))
      .Add("distinct_events_on_topics", distinct_events)
      .Add("undecodable_messages", static_cast<int64_t>(undecodable.size()))
      .Add("dead_letter_messages", dead_letters)
      .Raw("redelivered_on_topic", redelivered_on_topic.Json())
      .Raw("reordered_exempt", reordered_exempt.Json());
  JsonObject topics;
  for (const auto& [topic, count] : messages_by_topic) topics.Add(topic, count);
  JsonObject consumers;
  for (const auto& [consumer, topics_of] : subscriptions) {
    consumers.Raw(consumer, JsonObject()
                                .Add("applied", applied_by_consumer[consumer])
                                .Add("dead_lettered", dead_lettered_by_consumer[consumer])
                                .Add("topics", static_cast<int64_t>(topics_of.size()))
                                .Close());
  }
  JsonObject outboxes;
  for (const auto& [schema, count] : outbox_by_schema) outboxes.Add(schema, count);
  report.json = JsonObject()
                    .Raw("ok", report.ok() ? "true" : "false")
                    .Raw("counts", counts.Close())
                    .Raw("info", info.Close())
                    .Raw("messages_by_topic", topics.Close())
                    .Raw("outbox_rows_by_schema", outboxes.Close())
                    .Raw("consumers", consumers.Close())
                    .Raw("details", details.Close())
                    .Close();
  return report;
}

}  // namespace jindu::check

#include "runtime/outbox/outbox_writer.h"

#include <google/protobuf/util/time_util.h>

#include <random>
#include <stdexcept>

#include "runtime/ids/uuid.h"
#include "runtime/logging/logger.h"
#include "runtime/outbox/outbox_benchmark_switch.h"
#include "runtime/postgres/prepared_statements.h"
#include "runtime/postgres/transaction_end_bell.h"

namespace jindu::runtime {
namespace {

bool IsLowerHex(const std::string& text, size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A W3C traceparent continuing the current call's trace, so a consumer's logs join the caller's.
std::string CurrentTraceparent() {
  const std::string& trace_id = ScopedLogContext::CurrentTraceId();
  if (!IsLowerHex(trace_id, 32)) return {};
  thread_local std::mt19937_64 random{std::random_device{}()};
  char span_id[17];
  std::snprintf(span_id, sizeof(span_id), "%016llx",
                static_cast<unsigned long long>(random() | 1));  // all-zero span ids are invalid
  return "00-" + trace_id + "-" + span_id + "-01";
}

}  // namespace

OutboxWriter::OutboxWriter(std::string schema, std::string producer)
    : schema_(std::move(schema)), producer_(std::move(producer)) {}

const std::shared_ptr<Doorbell>& OutboxWriter::AppendedBell() {
  static const auto bell = std::make_shared<Doorbell>();
  return bell;
}

std::string OutboxWriter::TopicFor(const std::string& producer, const std::string& aggregate_type) {
  return "jindu." + producer + "." + aggregate_type + ".v1";
}

jindu::events::v1::EventEnvelope OutboxWriter::Append(pqxx::work& transaction,
                                                      const DomainEvent& event) const {
  if (event.payload == nullptr) throw std::invalid_argument("domain event has no payload");
  if (event.aggregate_type.empty() || event.aggregate_id.empty()) {
    throw std::invalid_argument("domain event " + event.payload->GetTypeName() +
                                " needs an aggregate type and id");
  }
  jindu::events::v1::EventEnvelope envelope;
  envelope.set_event_id(NewUuid());
  envelope.set_event_type(event.payload->GetTypeName());
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  envelope.set_producer(producer_);
  envelope.set_region_code(event.region_code);
  envelope.set_aggregate_type(event.aggregate_type);
  envelope.set_aggregate_id(event.aggregate_id);
  envelope.set_aggregate_version(event.aggregate_version);
  envelope.mutable_trace()->set_traceparent(CurrentTraceparent());
  envelope.mutable_payload()->PackFrom(*event.payload);

  if (OutboxWritesSkippedForBenchmark()) return envelope;
  std::string bytes = envelope.SerializeAsString();
  // A prepared statement: every write of every service runs this insert, and parsing and planning
  // it each time was a visible share of PostgreSQL's work per create (issue 9). libpqxx prepares
  // it on a connection's first use and again on the fresh connection that replaces a broken one.
  ExecPrepared(transaction,
               "INSERT INTO " + schema_ +
                   ".outbox (event_id, topic, message_key, event_type, envelope) "
                   "VALUES ($1, $2, $3, $4, $5)",
               envelope.event_id(), TopicFor(producer_, event.aggregate_type), event.aggregate_id,
               envelope.event_type(), pqxx::binarystring(bytes.data(), bytes.size()));
  RingWhenTransactionEnds(AppendedBell());
  return envelope;
}

}  // namespace jindu::runtime

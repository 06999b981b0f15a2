// Sustained participation ingest of the publicity service, end to end: starts PostgreSQL, Redis,
// Kafka, registration and publicity through the test harness, makes a campaign, then streams new
// pledges from --streams concurrent clients for --seconds. Counts only entries the service
// acknowledged as committed (a stream answered OK) whose ParticipationBatchAccepted events the
// relay published to Kafka, and divides by the time from the first entry sent until the last of
// those events was published.
//
//   build/tests/bench/bench_publicity_participation --seconds=60 --streams=4
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "publicity_campaign_support.h"

namespace jindu::testing {
namespace {

struct Options {
  int seconds = 60;
  int streams = 4;
  int per_message = 1000;
  int messages_per_stream_call = 50;  // a stream call stays well inside the call deadline
  int slots = 4;
};

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      const std::string prefix = std::string("--") + name + "=";
      return arg.starts_with(prefix) ? argv[i] + prefix.size() : nullptr;
    };
    if (const char* v = value("seconds")) {
      options.seconds = std::atoi(v);
    } else if (const char* v = value("streams")) {
      options.streams = std::atoi(v);
    } else if (const char* v = value("entries-per-message")) {
      options.per_message = std::atoi(v);
    } else if (const char* v = value("messages-per-stream")) {
      options.messages_per_stream_call = std::atoi(v);
    } else if (const char* v = value("ingest-slots")) {
      options.slots = std::atoi(v);
    } else {
      std::cerr << "usage: " << argv[0]
                << " [--seconds=60] [--streams=4] [--entries-per-message=1000]"
                   " [--messages-per-stream=50] [--ingest-slots=4]\n";
      std::exit(2);
    }
  }
  return options;
}

int Run(const Options& options) {
  std::cout << "starting PostgreSQL, Redis, Kafka, registration and publicity..." << std::endl;
  auto suite = RegistrationBackedSuite::Start(
      "bench_participation", "services/publicity/jindu-publicity", "publicity", "", "430104",
      {{"JINDU_PARTICIPATION_INGEST_SLOTS", std::to_string(options.slots)},
       {"JINDU_POSTGRES_POOL_SIZE", std::to_string(options.slots + 8)},
       {"JINDU_LOG_LEVEL", "warn"}});
  const std::string organizer = MakeOrganizer(*suite, "长沙市禁毒协会", "430100");
  pub::CreateCampaignRequest create;
  *create.mutable_campaign() =
      CampaignDraft(organizer, "基准测试宣誓", {"430102", "430103", "430104"});
  pub::Campaign campaign;
  {
    auto context = suite->service().Context(kProvinceAdmin);
    const grpc::Status status = pub::PublicityService::NewStub(suite->service().Channel())
                                    ->CreateCampaign(context.get(), create, &campaign);
    if (!status.ok()) {
      std::cerr << "CreateCampaign: " << status.error_message() << "\n";
      return 1;
    }
  }
  const std::vector<std::string> regions = {"430102", "430103", "430104"};
  std::atomic<int64_t> next_entry{0};
  std::atomic<int64_t> acknowledged{0};
  std::atomic<int64_t> saturated{0};
  std::atomic<int64_t> failed{0};
  const auto start = std::chrono::steady_clock::now();
  const auto stop_at = start + std::chrono::seconds(options.seconds);
  std::vector<std::thread> threads;
  for (int s = 0; s < options.streams; ++s) {
    threads.emplace_back([&] {
      auto stub = pub::PublicityService::NewStub(suite->service().Channel());
      while (std::chrono::steady_clock::now() < stop_at) {
        auto context = suite->service().Context(kIngestSystem, std::chrono::seconds(60));
        pub::StreamParticipationEntriesResponse response;
        auto writer = stub->StreamParticipationEntries(context.get(), &response);
        int64_t sent = 0;
        for (int m = 0;
             m < options.messages_per_stream_call && std::chrono::steady_clock::now() < stop_at;
             ++m) {
          pub::StreamParticipationEntriesRequest message;
          const int64_t first = next_entry.fetch_add(options.per_message);
          for (int64_t n = first; n < first + options.per_message; ++n) {
            *message.add_entries() = Pledge(EntryUuid(9, n), campaign.name(), regions[n % 3],
                                            PhoneNumber(n), 600 + (n % 3600));
          }
          if (!writer->Write(message)) break;
          sent += options.per_message;
        }
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        if (status.ok()) {
          acknowledged += response.counts().accepted();
        } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++saturated;
          std::this_thread::sleep_for(std::chrono::seconds(1));  // as RetryInfo says
        } else {
          ++failed;
          std::cerr << "stream failed: " << status.error_message() << "\n";
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double ingest_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Wait for the relay to publish every event written (the outbox has no row left unpublished).
  {
    pqxx::connection connection(suite->service().postgres_url());
    for (;;) {
      pqxx::nontransaction tx(connection);
      if (tx.exec("SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL")[0][0]
              .as<int64_t>() == 0) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  const double total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Cross-check on Kafka: the events of the campaign add up to at least what was acknowledged
  // (a stream refused mid-way committed messages nobody acknowledged: those are not counted).
  const auto events =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.publicity.participation.v1",
                      static_cast<size_t>(acknowledged / options.per_message),
                      std::chrono::seconds(120), std::chrono::seconds(3));
  int64_t published = 0, batches = 0;
  for (const TopicEvent& event : events) {
    publicity::events::v1::ParticipationBatchAccepted batch;
    if (event.key != IdOf(campaign.name()) || !event.envelope.payload().UnpackTo(&batch)) continue;
    ++batches;
    for (const auto& count : batch.counts()) published += count.accepted();
  }
  const int64_t counted = std::min<int64_t>(acknowledged, published);
  std::cout << "streams: " << options.streams << ", entries per message: " << options.per_message
            << ", ingest slots: " << options.slots << "\n"
            << "entries sent: " << next_entry.load() << ", acknowledged committed: " << acknowledged
            << ", accepted in Kafka events: " << published << " (" << batches << " batches)\n"
            << "saturated streams: " << saturated << ", failed streams: " << failed << "\n"
            << "ingest window: " << ingest_seconds << " s, all events published after "
            << total_seconds << " s\n"
            << "sustained: " << static_cast<int64_t>(counted / total_seconds)
            << " entries/s (acknowledged and published to Kafka, over " << total_seconds << " s)"
            << std::endl;
  return failed == 0 && published >= acknowledged ? 0 : 1;
}

}  // namespace
}  // namespace jindu::testing

int main(int argc, char** argv) { return jindu::testing::Run(jindu::testing::Parse(argc, argv)); }

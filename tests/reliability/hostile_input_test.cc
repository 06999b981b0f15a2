// Hostile input against the four real services over gRPC: what a broken or malicious client can
// put on the wire must be refused with the status that names the caller's error, and must cost the
// service neither its life nor its ability to serve. With a valid token (so every call reaches
// the point where the request is decoded and handled), every method of every service receives:
//   - a replayed corpus of malformed bytes (truncated varints and lengths, invalid wire types,
//     field number 0, bad UTF-8 in strings, random bytes) and the seed corpora of the fuzz targets
//     (tests/fuzz/corpus); deep nesting (10,000 levels) and every field of its request message
//     encoded with a wrong wire type. What does not parse as the method's request message must be
//     answered INVALID_ARGUMENT; what parses is the handler's to judge, but never INTERNAL or
//     UNKNOWN (those say the server failed, and an empty or odd request is not its failure);
// and each service receives:
//   - messages over the 4 MiB limit (5 MiB, 64 MiB): RESOURCE_EXHAUSTED;
//   - metadata over the limit (one 64 KiB value, a 1 MiB authorization header, 2,000 headers):
//     refused (RESOURCE_EXHAUSTED, or UNAVAILABLE when gRPC resets the connection);
//   - calls without a deadline: a unary call is answered; a stream the client opens without a
//     deadline and then leaves silent is cancelled by the server when the call's budget (the
//     default, 10 s) runs out, instead of holding a server thread for as long as the connection.
// Afterwards each service still answers a real request, its log has no sanitizer report, and it
// exits 0 on SIGTERM.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/byte_buffer.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "every_service_method.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

using namespace std::chrono_literals;
using google::protobuf::FieldDescriptor;
namespace reg = registration::v1;

struct CallOptionsForTest {
  std::string authorization;
  std::vector<std::pair<std::string, std::string>> metadata;
  bool deadline = true;
};

// One call of `path` with `bytes` as the request message, whatever the method's shape (a streaming
// method receives one message, then the end of the stream).
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                     const std::string& bytes, const CallOptionsForTest& options) {
  grpc::ClientContext context;
  if (options.deadline) context.set_deadline(std::chrono::system_clock::now() + 60s);
  if (!options.authorization.empty()) context.AddMetadata("authorization", options.authorization);
  for (const auto& [key, value] : options.metadata) context.AddMetadata(key, value);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel.get(), grpc::internal::RpcMethod(path.c_str(), grpc::internal::RpcMethod::NORMAL_RPC),
      &context, request, &response);
}

std::string Varint(uint64_t value) {
  std::string out;
  while (value >= 0x80) {
    out += static_cast<char>(value | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
  return out;
}

std::string Tag(int field, int wire_type) {
  return Varint(static_cast<uint64_t>(field) << 3 | static_cast<uint64_t>(wire_type));
}

// Malformed protobuf whatever the message: none of these parses as any message.
std::vector<std::pair<std::string, std::string>> MalformedCorpus() {
  std::vector<std::pair<std::string, std::string>> corpus = {
      {"truncated varint", Tag(1, 0) + "\xff\xff"},
      {"varint of 11 bytes", Tag(1, 0) + std::string(10, '\xff') + "\x01"},
      {"length past the end", Tag(1, 2) + Varint(100) + "abc"},
      {"length of 2^62", Tag(1, 2) + Varint(uint64_t{1} << 62)},
      {"wire type 6", Tag(1, 6) + "\x01"},
      {"wire type 7", Tag(1, 7) + "\x01"},
      {"field number 0", std::string("\x00\x01", 2)},
      {"truncated fixed64", Tag(1, 1) + "\x01\x02\x03"},
      {"truncated fixed32", Tag(1, 5) + "\x01"},
      {"unterminated group", Tag(1, 3) + Tag(2, 0) + "\x01"},
      {"mismatched end group", Tag(1, 3) + Tag(2, 4)},
      {"lone end group", Tag(5, 4)},
  };
  // Random bytes: most do not parse; those that do are the handler's to judge.
  std::mt19937 random(20261206);
  for (int i = 0; i < 12; ++i) {
    std::string bytes(1 + random() % 200, '\0');
    for (char& c : bytes) c = static_cast<char>(random());
    corpus.emplace_back("random " + std::to_string(i), bytes);
  }
  return corpus;
}

// Deep nesting: field 1 holding field 1 holding ... `depth` levels of length-delimited records
// (a message field nests messages past protobuf's recursion limit of 100; a string field holds
// bytes that are no UTF-8).
std::string Nested(int depth) {
  std::string message;
  for (int i = 0; i < depth; ++i) message = Tag(1, 2) + Varint(message.size()) + message;
  return message;
}

// Groups nested `depth` deep in field 1 (the unknown-field parser's recursion).
std::string NestedGroups(int depth) {
  std::string message;
  for (int i = 0; i < depth; ++i) message += Tag(1, 3);
  for (int i = 0; i < depth; ++i) message += Tag(1, 4);
  return message;
}

// Each field of `type` with a wire type its declaration does not have: a varint where a string or
// message is declared, a length-delimited record where a number is.
std::vector<std::pair<std::string, std::string>> WrongWireTypes(
    const google::protobuf::Descriptor* type) {
  std::vector<std::pair<std::string, std::string>> out;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    std::string bytes;
    switch (field->type()) {
      case FieldDescriptor::TYPE_STRING:
      case FieldDescriptor::TYPE_BYTES:
      case FieldDescriptor::TYPE_MESSAGE:
        bytes = Tag(field->number(), 0) + Varint(1234567);
        break;
      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FIXED64:
      case FieldDescriptor::TYPE_SFIXED64:
        bytes = Tag(field->number(), 5) + std::string("\x01\x02\x03\x04", 4);
        break;
      default:
        bytes = Tag(field->number(), 2) + Varint(3) + "\xc3\x28\xff";
        break;
    }
    out.emplace_back("wrong wire type " + field->name(), bytes);
  }
  return out;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds;
  const std::filesystem::path root = std::filesystem::path(JINDU_SOURCE_DIR) / "tests/fuzz/corpus";
  if (!std::filesystem::exists(root)) return seeds;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream file(entry.path(), std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  std::sort(seeds.begin(), seeds.end());  // the directory's order is not stable
  return seeds;
}

bool Parses(const google::protobuf::Descriptor* type, const std::string& bytes) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  std::unique_ptr<google::protobuf::Message> message(prototype->New());
  return message->ParseFromString(bytes);
}

bool ServerFailure(grpc::StatusCode code) {
  return code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN ||
         code == grpc::StatusCode::UNIMPLEMENTED || code == grpc::StatusCode::DATA_LOSS;
}

// Whether the service answers a real request (its health and a read of data it has).
bool Serving(const Target& target) {
  auto health = grpc::health::v1::Health::NewStub(target.process->Channel());
  const auto deadline = std::chrono::system_clock::now() + 20s;
  grpc::Status status;
  grpc::health::v1::HealthCheckResponse response;
  // After gRPC reset the connection (the 1 MiB header) the channel reconnects: wait for it rather
  // than fail fast, and retry a check that went out on the connection being closed (UNAVAILABLE,
  // "Broken pipe"), as a real client would.
  do {
    grpc::ClientContext context;
    context.set_deadline(deadline);
    context.set_wait_for_ready(true);
    grpc::health::v1::HealthCheckRequest request;
    status = health->Check(&context, request, &response);
  } while (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
           std::chrono::system_clock::now() < deadline);
  return status.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

struct Tally {
  int64_t calls = 0;
  int64_t unparsable = 0;  // requests that do not parse as the method's message
  int64_t unparsable_invalid_argument = 0;
  int64_t handler_judged = 0;   // parsed (or streamed) requests: the handler judges them
  int64_t server_failures = 0;  // INTERNAL / UNKNOWN / UNIMPLEMENTED / DATA_LOSS answers
  std::map<std::string, int64_t> by_code;
};

std::string CodeName(grpc::StatusCode code) {
  static const char* kNames[] = {"OK",
                                 "CANCELLED",
                                 "UNKNOWN",
                                 "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED",
                                 "NOT_FOUND",
                                 "ALREADY_EXISTS",
                                 "PERMISSION_DENIED",
                                 "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION",
                                 "ABORTED",
                                 "OUT_OF_RANGE",
                                 "UNIMPLEMENTED",
                                 "INTERNAL",
                                 "UNAVAILABLE",
                                 "DATA_LOSS",
                                 "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  return index >= 0 && index <= 16 ? kNames[index] : std::to_string(index);
}

std::string CodesJson(const std::map<std::string, int64_t>& codes) {
  std::string out;
  for (const auto& [code, count] : codes) {
    out += (out.empty() ? "" : ",") + ("\"" + code + "\":" + std::to_string(count));
  }
  return "{" + out + "}";
}

TEST(HostileInputTest, MalformedOversizedDeepAndDeadlineFreeCallsAreRefusedAndServiceSurvives) {
  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<ReportingSuite> suite =
      ReportingSuite::Start("reliability_hostile", "", "430104");
  namespace cw = casework::v1;
  std::vector<Target> targets = EveryServiceOf(*suite);

  // 1. Malformed, deep and wrong-wire-type requests to every method.
  std::vector<std::pair<std::string, std::string>> corpus = MalformedCorpus();
  // The fuzz targets' seeds (a selector byte, then one service's request): every fourth in the
  // short run, all of them in the long one.
  const std::vector<std::string> seeds = FuzzSeeds();
  for (size_t i = 0; i < seeds.size(); i += LongRun() ? 1 : 4) {
    corpus.emplace_back("fuzz seed " + std::to_string(i), seeds[i]);
  }
  corpus.emplace_back("nested 10000 deep", Nested(10000));
  corpus.emplace_back("groups nested 10000 deep", NestedGroups(10000));
  if (LongRun()) {
    std::mt19937 random(7);
    for (int i = 0; i < 500; ++i) {
      std::string bytes(1 + random() % 2000, '\0');
      for (char& c : bytes) c = static_cast<char>(random());
      corpus.emplace_back("long random " + std::to_string(i), bytes);
    }
  }
  EXPECT_GT(seeds.size(), 0u) << "no seed corpus under tests/fuzz/corpus";

  Tally tally;
  int64_t methods = 0;
  for (Target& target : targets) {
    const CallOptionsForTest valid{.authorization = "Bearer " + target.process->Token(kRegistrar)};
    for (const google::protobuf::ServiceDescriptor* service : target.services) {
      ASSERT_NE(service, nullptr) << target.name;
      for (int m = 0; m < service->method_count(); ++m) {
        const google::protobuf::MethodDescriptor* method = service->method(m);
        const std::string path = "/" + service->full_name() + "/" + method->name();
        ++methods;
        std::vector<std::pair<std::string, std::string>> inputs = corpus;
        for (auto& input : WrongWireTypes(method->input_type())) inputs.push_back(input);
        for (const auto& [kind, bytes] : inputs) {
          const grpc::Status status = CallRaw(target.process->Channel(), path, bytes, valid);
          ++tally.calls;
          ++tally.by_code[CodeName(status.error_code())];
          if (ServerFailure(status.error_code())) ++tally.server_failures;
          // A streamed request is read by the handler, for which a message that does not parse
          // ends the stream: only a method with one request has it decoded by gRPC first.
          if (!Parses(method->input_type(), bytes) && !method->client_streaming()) {
            ++tally.unparsable;
            if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
              ++tally.unparsable_invalid_argument;
            } else {
              ADD_FAILURE() << path << " " << kind
                            << " (does not parse): " << CodeName(status.error_code()) << " "
                            << status.error_message();
            }
          } else {
            ++tally.handler_judged;
            EXPECT_FALSE(ServerFailure(status.error_code()))
                << path << " " << kind << " (parses): " << CodeName(status.error_code()) << " "
                << status.error_message();
          }
        }
      }
    }
    EXPECT_TRUE(Serving(target)) << target.name << " stopped serving after the malformed calls";
  }

  // 2. Oversized messages, 3. huge metadata, 4. no deadline: per service, on its first method.
  int64_t oversized = 0, oversized_refused = 0, metadata_calls = 0, metadata_refused = 0;
  int64_t undeadlined_answered = 0;
  std::map<std::string, int64_t> metadata_codes;
  for (Target& target : targets) {
    const google::protobuf::ServiceDescriptor* service = target.services.front();
    const std::string path = "/" + service->full_name() + "/" + service->method(0)->name();
    const CallOptionsForTest valid{.authorization = "Bearer " + target.process->Token(kRegistrar)};
    for (size_t mib : {size_t{5}, size_t{64}}) {
      // A well-formed message (field 1, length-delimited) of the given size.
      const size_t size = mib << 20;
      std::string bytes = Tag(1, 2) + Varint(size) + std::string(size, 'a');
      const grpc::Status status = CallRaw(target.process->Channel(), path, bytes, valid);
      ++oversized;
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        ++oversized_refused;
      } else {
        ADD_FAILURE() << target.name << " " << mib << " MiB: " << CodeName(status.error_code())
                      << " " << status.error_message();
      }
    }
    EXPECT_TRUE(Serving(target)) << target.name << " stopped serving after oversized messages";

    std::vector<CallOptionsForTest> huge_metadata;
    huge_metadata.push_back(valid);
    huge_metadata.back().metadata.emplace_back("x-padding", std::string(64 << 10, 'p'));
    huge_metadata.push_back({.authorization = "Bearer " + std::string(1 << 20, 'e')});
    huge_metadata.push_back(valid);
    for (int i = 0; i < 2000; ++i) {
      huge_metadata.back().metadata.emplace_back("x-h" + std::to_string(i), "v");
    }
    for (const CallOptionsForTest& options : huge_metadata) {
      const grpc::Status status = CallRaw(target.process->Channel(), path, "", options);
      ++metadata_calls;
      ++metadata_codes[CodeName(status.error_code())];
      // Over the limit, gRPC refuses the call with RESOURCE_EXHAUSTED, or, past the hard limit
      // (the 1 MiB header), resets the connection: UNAVAILABLE. Either way the call is refused
      // and the service serves on (checked below).
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED ||
          status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        ++metadata_refused;
      } else {
        ADD_FAILURE() << target.name << " huge metadata: " << CodeName(status.error_code()) << " "
                      << status.error_message();
      }
    }
    EXPECT_TRUE(Serving(target)) << target.name << " stopped serving after huge metadata";

    // A unary call without a deadline is answered (by the handler: the server gives it a budget).
    CallOptionsForTest undeadlined = valid;
    undeadlined.deadline = false;
    const grpc::Status status = CallRaw(target.process->Channel(), path, "", undeadlined);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
        !ServerFailure(status.error_code())) {
      ++undeadlined_answered;
    } else {
      ADD_FAILURE() << target.name << " without deadline: " << CodeName(status.error_code());
    }
  }

  // A bidirectional stream opened without a deadline and left silent: the server must end it
  // when the call's budget runs out (the default budget, 10 s, as the client set no deadline)
  // rather than hold a thread for it for ever. The client gives up after 150 s.
  double silent_stream_seconds = -1;
  grpc::StatusCode silent_stream_code = grpc::StatusCode::OK;
  {
    auto stub = cw::CaseworkService::NewStub(suite->casework().Channel());
    grpc::ClientContext context;
    const TestCaller police{
        .subject = "police", .roles = {"police_liaison"}, .regions = {"430000"}};
    context.AddMetadata("authorization", "Bearer " + suite->casework().Token(police));
    const auto opened = std::chrono::steady_clock::now();
    auto stream = stub->StreamMeasureDecisions(&context);
    std::atomic<bool> ended = false;
    std::thread reader([&] {
      cw::StreamMeasureDecisionsResponse response;
      while (stream->Read(&response)) {
      }
      ended = true;
    });
    const auto give_up = opened + 150s;
    while (!ended && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(200ms);
    silent_stream_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count();
    if (!ended) {
      ADD_FAILURE() << "a silent stream without deadline was not ended by the server in 150 s";
      silent_stream_seconds = -1;
      context.TryCancel();
    }
    reader.join();
    const grpc::Status status = stream->Finish();
    silent_stream_code = status.error_code();
    // The server cancels the call: the client sees CANCELLED (a server cannot send a status
    // while cancelling).
    EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << status.error_message();
  }

  // 5. Afterwards: still serving a real request, no sanitizer report, a clean exit on SIGTERM.
  {
    auto stub = reg::RegionService::NewStub(suite->registration().Channel());
    auto context = suite->registration().Context(kRegistrar);
    reg::GetRegionRequest request;
    request.set_name("regions/430102");
    reg::Region region;
    const grpc::Status status = stub->GetRegion(context.get(), request, &region);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  int64_t alive = 0, sanitizer_reports = 0, clean_exits = 0;
  for (Target& target : targets) {
    if (Serving(target)) ++alive;
    const std::string log = target.process->Log();
    for (const char* marker : {"Sanitizer", "runtime error:", "SUMMARY:"}) {
      if (log.find(marker) != std::string::npos) {
        ++sanitizer_reports;
        ADD_FAILURE() << target.name << " log has \"" << marker << "\"";
      }
    }
  }
  for (Target& target : targets) {
    target.process->BeginStop();
  }
  for (Target& target : targets) {
    const int exit_status = target.process->Stop();
    EXPECT_EQ(exit_status, 0) << target.name;
    if (exit_status == 0) ++clean_exits;
  }

  EXPECT_EQ(tally.server_failures, 0);
  EXPECT_EQ(tally.unparsable_invalid_argument, tally.unparsable);
  EXPECT_GT(tally.unparsable, 0);
  EXPECT_EQ(oversized_refused, oversized);
  EXPECT_EQ(metadata_refused, metadata_calls);
  EXPECT_EQ(undeadlined_answered, static_cast<int64_t>(targets.size()));
  EXPECT_EQ(alive, static_cast<int64_t>(targets.size()));
  EXPECT_EQ(clean_exits, static_cast<int64_t>(targets.size()));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  WriteFigures(
      "hostile_input",
      "{\"scenario\":\"hostile_input\",\"long\":" + std::string(LongRun() ? "true" : "false") +
          ",\"methods\":" + std::to_string(methods) + ",\"inputs_per_method\":" +
          std::to_string(corpus.size()) + ",\"fuzz_seeds\":" + std::to_string(seeds.size()) +
          ",\"calls\":" + std::to_string(tally.calls) +
          ",\"unparsable\":" + std::to_string(tally.unparsable) +
          ",\"unparsable_invalid_argument\":" + std::to_string(tally.unparsable_invalid_argument) +
          ",\"handler_judged\":" + std::to_string(tally.handler_judged) +
          ",\"server_failures\":" + std::to_string(tally.server_failures) +
          ",\"codes\":" + CodesJson(tally.by_code) + ",\"oversized\":" + std::to_string(oversized) +
          ",\"oversized_resource_exhausted\":" + std::to_string(oversized_refused) +
          ",\"huge_metadata\":" + std::to_string(metadata_calls) +
          ",\"huge_metadata_refused\":" + std::to_string(metadata_refused) +
          ",\"huge_metadata_codes\":" + CodesJson(metadata_codes) +
          ",\"no_deadline_unary_answered\":" + std::to_string(undeadlined_answered) +
          ",\"silent_stream_ended_after_s\":" + std::to_string(silent_stream_seconds) +
          ",\"silent_stream_code\":\"" + CodeName(silent_stream_code) + "\"" +
          ",\"services_alive\":" + std::to_string(alive) + ",\"sanitizer_reports\":" +
          std::to_string(sanitizer_reports) + ",\"clean_exits\":" + std::to_string(clean_exits) +
          ",\"seconds\":" + std::to_string(seconds) + "}");
}

}  // namespace
}  // namespace jindu::testing::reliability

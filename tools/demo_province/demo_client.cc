#include "demo_province/demo_client.h"

#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "runtime/ids/uuid.h"

namespace jindu::demo {

DemoClient::DemoClient(const Endpoints& endpoints, std::string loader_token,
                       std::string reviewer_token)
    : loader_token_(std::move(loader_token)), reviewer_token_(std::move(reviewer_token)) {
  grpc::ChannelArguments arguments;
  // One connection per service is plenty for a few threads; bigger batches need bigger messages.
  arguments.SetMaxSendMessageSize(16 * 1024 * 1024);
  auto make = [&](const std::string& target) {
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
  };
  registration_ = make(endpoints.registration);
  casework_ = make(endpoints.casework);
  publicity_ = make(endpoints.publicity);
}

void DemoClient::Prepare(grpc::ClientContext& context, As as) const {
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  context.AddMetadata("authorization",
                      "Bearer " + (as == As::kLoader ? loader_token_ : reviewer_token_));
}

void DemoClient::AssignRequestId(google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING ||
      field->is_repeated()) {
    return;
  }
  if (request.GetReflection()->GetString(request, field).empty()) {
    request.GetReflection()->SetString(&request, field, runtime::NewUuid());
  }
}

bool DemoClient::Retryable(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::UNAVAILABLE ||
         status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

bool DemoClient::NotYetReplicated(const grpc::Status& status) {
  // A region not known yet is outside every scope too: PERMISSION_DENIED until it arrives.
  return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
         status.error_code() == grpc::StatusCode::FAILED_PRECONDITION ||
         status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
}

void DemoClient::BackOff(int attempt) {
  std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
}

void DemoClient::CountFailure(const grpc::Status& status) {
  // The first few failures say what went wrong; the count says how much.
  if (failures_++ < 10) {
    std::cerr << "jindu-demo-province: call failed: " << status.error_code() << " "
              << status.error_message() << "\n";
  }
}

void RunJobs(const std::string& label, std::vector<std::function<void()>> jobs, int threads) {
  std::atomic<size_t> next{0}, done{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < jobs.size(); i = next++) {
        jobs[i]();
        ++done;
      }
    });
  }
  auto last = std::chrono::steady_clock::now();
  while (done.load() < jobs.size()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::chrono::steady_clock::now() - last > std::chrono::seconds(2)) {
      std::cerr << "  " << label << ": " << done.load() << "/" << jobs.size() << "\n";
      last = std::chrono::steady_clock::now();
    }
  }
  for (auto& worker : workers) worker.join();
  std::cerr << "  " << label << ": " << jobs.size() << " done\n";
}

}  // namespace jindu::demo

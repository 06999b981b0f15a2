#include "runtime/metrics/metrics_endpoint.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <thread>
#include <utility>

namespace jindu::runtime {
namespace {

// Opens and closes one connection to host:port, ignoring failure.
void Knock(const std::string& host, int port) {
  // A wildcard address accepts connections on loopback too.
  std::string target = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  if (getaddrinfo(target.c_str(), std::to_string(port).c_str(), &hints, &addresses) != 0) return;
  int fd = socket(addresses->ai_family, addresses->ai_socktype | SOCK_CLOEXEC, 0);
  if (fd >= 0) {
    connect(fd, addresses->ai_addr, addresses->ai_addrlen);
    close(fd);
  }
  freeaddrinfo(addresses);
}

}  // namespace

std::unique_ptr<MetricsEndpoint> MetricsEndpoint::Start(
    const std::string& host, int port, std::shared_ptr<prometheus::Registry> registry,
    std::string* error) {
  std::string address = host + ":" + std::to_string(port);
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    // One worker thread: scrapes come every few seconds from one or two Prometheus servers.
    exposer = std::make_unique<prometheus::Exposer>(address, 1);
  } catch (const std::exception& e) {
    // civetweb says little more than "cannot bind"; the address is what the operator needs.
    *error = "cannot serve metrics on " + address + ": " + e.what();
    return nullptr;
  }
  return std::unique_ptr<MetricsEndpoint>(
      new MetricsEndpoint(std::move(exposer), host, std::move(registry)));
}

MetricsEndpoint::MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer, std::string host,
                                 std::shared_ptr<prometheus::Registry> registry)
    : registry_(std::move(registry)),
      process_collector_(std::make_shared<ProcessCollector>()),
      exposer_(std::move(exposer)),
      host_(std::move(host)) {
  exposer_->RegisterCollectable(registry_);
  exposer_->RegisterCollectable(process_collector_);
  port_ = exposer_->GetListeningPorts().front();
}

MetricsEndpoint::~MetricsEndpoint() {
  // civetweb's listener checks for a stop request between polls of up to two seconds, or when a
  // connection arrives. Knocking until it has stopped turns every shutdown's two-second stall
  // (every test, every rollout) into a few milliseconds.
  std::atomic<bool> stopped{false};
  std::thread knocker([this, &stopped] {
    while (!stopped) {
      Knock(host_, port_);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  exposer_.reset();
  stopped = true;
  knocker.join();
}

}  // namespace jindu::runtime

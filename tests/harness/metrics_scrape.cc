#include "harness/metrics_scrape.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>
#include <string_view>

namespace jindu::testing {
namespace {

// The labels of a sample line's {a="1",b="2"} part. Our label values hold no quotes or commas.
std::map<std::string, std::string> ParseLabels(std::string_view text) {
  std::map<std::string, std::string> labels;
  while (!text.empty()) {
    std::size_t equals = text.find("=\"");
    std::size_t close = text.find('"', equals + 2);
    if (equals == std::string_view::npos || close == std::string_view::npos) break;
    labels[std::string(text.substr(0, equals))] =
        std::string(text.substr(equals + 2, close - equals - 2));
    text.remove_prefix(std::min(text.size(), close + 2));  // past the quote and the comma
  }
  return labels;
}

}  // namespace

std::string ScrapeMetrics(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    throw std::runtime_error("cannot connect to the metrics port " + std::to_string(port));
  }
  std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    close(fd);
    throw std::runtime_error("cannot send the metrics request");
  }
  std::string response;
  char buffer[8192];
  for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
  close(fd);
  std::size_t body = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || body == std::string::npos) {
    throw std::runtime_error("not an HTTP answer from port " + std::to_string(port) + ": " +
                             response.substr(0, 200));
  }
  return response.substr(body + 4);
}

double SampleValue(const std::string& exposition, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(name) || line.size() == name.size()) continue;
    char after_name = line[name.size()];
    if (after_name != '{' && after_name != ' ') continue;
    std::size_t labels_end = after_name == '{' ? line.find('}') : name.size();
    std::map<std::string, std::string> found =
        after_name == '{' ? ParseLabels(std::string_view(line).substr(name.size() + 1,
                                                                      labels_end - name.size() - 1))
                          : std::map<std::string, std::string>{};
    bool matches = true;
    for (const auto& [key, value] : labels) matches = matches && found[key] == value;
    if (matches) return std::stod(line.substr(line.find(' ', labels_end) + 1));
  }
  return 0;
}

}  // namespace jindu::testing

#include "harness/log_tail.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <sstream>

namespace jindu::testing {
namespace {

constexpr std::streamoff kMaxBytes = 64 * 1024;

// The file opened at its last kMaxBytes; a closed stream when it cannot be read.
std::ifstream OpenEnd(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (file) file.seekg(std::max<std::streamoff>(0, file.tellg() - kMaxBytes));
  return file;
}

}  // namespace

std::string LogTail(const std::string& path, int max_lines) {
  std::ifstream file = OpenEnd(path);
  if (!file) return "(" + path + " cannot be read)\n";

  std::deque<std::string> lines;
  std::string line;
  while (std::getline(file, line)) {
    lines.push_back(line);
    if (static_cast<int>(lines.size()) > max_lines) lines.pop_front();
  }
  std::ostringstream tail;
  tail << "--- last lines of " << path << " ---\n";
  for (const std::string& kept : lines) tail << kept << '\n';
  return tail.str();
}

bool LogContains(const std::string& path, const std::string& text) {
  std::ifstream file = OpenEnd(path);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str().find(text) != std::string::npos;
}

}  // namespace jindu::testing

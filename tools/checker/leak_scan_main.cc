// jindu-leak-scan: searches Kafka, service logs, Redis and the services' databases for known
// personal data (see leak_scan.h) and prints a JSON report. Exit status: 0 no hit, 1 hits, 2 the
// scan itself failed.
//
//   jindu-leak-scan --needles needles.txt --kafka 127.0.0.1:9092 --redis 127.0.0.1:6379
//       --database registration=postgresql://.../reg --log registration.log [--output FILE]
#include <fstream>
#include <iostream>
#include <string>

#include "leak_scan.h"

namespace {

void Usage() {
  std::cerr << "usage: jindu-leak-scan --needles FILE [--kafka BOOTSTRAP] [--redis HOST:PORT]\n"
               "       [--database SCHEMA=URL ...] [--log FILE ...]\n"
               "       [--encrypted-suffix SUFFIX ...] [--output FILE]\n"
               "  --needles           one needle a line (names, phones, ID numbers); blank lines\n"
               "                      and lines starting with '#' are ignored\n"
               "  --encrypted-suffix  columns ending so are ciphertext and skipped (default\n"
               "                      _sealed; the first use replaces the default)\n";
}

}  // namespace

int main(int argc, char** argv) {
  jindu::check::LeakScanOptions options;
  std::string output;
  bool default_suffixes = true;
  try {
    std::string needles_file;
    for (int i = 1; i < argc; ++i) {
      const std::string flag = argv[i];
      if (flag == "--help" || flag == "-h") {
        Usage();
        return 0;
      }
      if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
      const std::string value = argv[++i];
      if (flag == "--needles") {
        needles_file = value;
      } else if (flag == "--kafka") {
        options.kafka_bootstrap = value;
      } else if (flag == "--redis") {
        options.redis_address = value;
      } else if (flag == "--database") {
        const size_t at = value.find('=');
        if (at == std::string::npos || at == 0)
          throw std::invalid_argument("--database SCHEMA=URL");
        options.databases.push_back({value.substr(0, at), value.substr(at + 1)});
      } else if (flag == "--log") {
        options.log_files.push_back(value);
      } else if (flag == "--encrypted-suffix") {
        if (default_suffixes) options.encrypted_column_suffixes.clear();
        default_suffixes = false;
        options.encrypted_column_suffixes.push_back(value);
      } else if (flag == "--output") {
        output = value;
      } else {
        throw std::invalid_argument("unknown flag " + flag);
      }
    }
    if (needles_file.empty()) throw std::invalid_argument("--needles is required");
    std::ifstream needles(needles_file);
    if (!needles) throw std::invalid_argument("cannot read " + needles_file);
    for (std::string line; std::getline(needles, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty() && line[0] != '#') options.needles.push_back(line);
    }
    if (options.needles.empty()) throw std::invalid_argument("no needles in " + needles_file);
  } catch (const std::exception& error) {
    std::cerr << "jindu-leak-scan: " << error.what() << "\n";
    Usage();
    return 2;
  }
  try {
    const jindu::check::LeakScanResult result = jindu::check::ScanForLeaks(options);
    const std::string json = result.Json();
    std::cout << json << std::endl;
    if (!output.empty()) {
      std::ofstream file(output);
      file << json << "\n";
      if (!file) throw std::runtime_error("cannot write " + output);
    }
    return result.hits.empty() ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "jindu-leak-scan: " << error.what() << "\n";
    return 2;
  }
}

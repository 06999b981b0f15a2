#pragma once
// One run of one command: its arguments and flags, the connection, the output format. Commands
// read everything through this, so they never see argv.
#include <map>
#include <string>
#include <vector>

#include "jinductl/command_line.h"
#include "jinductl/connection.h"
#include "jinductl/output.h"

namespace jindu::jinductl {

class Invocation {
 public:
  Invocation(const ParsedCommandLine& parsed, Connection& connection, OutputFormat output,
             std::string config_directory)
      : parsed_(parsed),
        connection_(connection),
        output_(output),
        config_directory_(std::move(config_directory)) {}

  const std::vector<std::string>& args() const { return parsed_.args; }
  const std::string& arg(size_t index) const { return parsed_.args.at(index); }

  bool Has(const std::string& flag) const { return parsed_.flags.contains(flag); }
  // The flag's (last) value, or `fallback` when not given.
  std::string Flag(const std::string& flag, const std::string& fallback = "") const {
    auto it = parsed_.flags.find(flag);
    return it == parsed_.flags.end() ? fallback : it->second.back();
  }
  std::vector<std::string> FlagValues(const std::string& flag) const {
    auto it = parsed_.flags.find(flag);
    return it == parsed_.flags.end() ? std::vector<std::string>{} : it->second;
  }
  // Throws UsageError "--flag is required for 'noun verb'".
  std::string RequireFlag(const std::string& flag) const;

  Connection& connection() { return connection_; }
  bool json() const { return output_ == OutputFormat::kJson; }
  const std::string& config_directory() const { return config_directory_; }
  std::string command() const;

 private:
  const ParsedCommandLine& parsed_;
  Connection& connection_;
  OutputFormat output_;
  std::string config_directory_;
};

}  // namespace jindu::jinductl

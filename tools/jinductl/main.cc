// jinductl: the command-line client of jindu for county IT staff and scripts. See README.md here.
//
//   jinductl login --token JWT
//   jinductl dashboard show 430000 [--output json]
//   jinductl regions import regions.csv
//
// Data goes to stdout, messages and errors to stderr; the exit code says what went wrong
// (exit_codes.h).
#include <google/protobuf/stubs/common.h>
#include <grpc/grpc.h>

#include <iostream>

#include "jinductl/command_line.h"
#include "jinductl/commands.h"
#include "jinductl/connection.h"
#include "jinductl/credentials.h"
#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"
#include "jinductl/output.h"

namespace jindu::jinductl {

namespace {

int Run(const std::vector<std::string>& words) {
  const std::vector<NounSpec>& nouns = AllCommands();
  const ParsedCommandLine parsed = ParseCommandLine(nouns, words);
  if (parsed.help) {
    if (parsed.noun == nullptr) {
      std::cout << TopLevelHelp(nouns);
    } else if (parsed.verb == nullptr) {
      std::cout << NounHelp(*parsed.noun);
    } else {
      std::cout << VerbHelp(*parsed.noun, *parsed.verb);
    }
    return kExitOk;
  }
  std::map<std::string, std::string> last_values;
  for (const auto& [name, values] : parsed.flags) last_values[name] = values.back();
  const OutputFormat output = ParseOutputFormat(last_values["output"]);
  const std::string config_directory = ConfigDirectory(last_values["config-dir"]);
  Connection connection(ResolveConnectionSettings(last_values, config_directory));
  Invocation invocation(parsed, connection, output, config_directory);
  return parsed.verb->run(invocation);
}

}  // namespace
}  // namespace jindu::jinductl

int main(int argc, char** argv) {
  using namespace jindu::jinductl;
  std::vector<std::string> words(argv + 1, argv + argc);
  try {
    return Run(words);
  } catch (const UsageError& error) {
    std::cerr << "jinductl: " << error.what() << "\n";
    return kExitUsage;
  } catch (const RpcFailure& failure) {
    return ReportRpcFailure(failure);
  } catch (const CommandFailure& failure) {
    std::cerr << "jinductl: " << failure.what() << "\n";
    return failure.exit_code;
  } catch (const std::exception& error) {
    std::cerr << "jinductl: " << error.what() << "\n";
    return kExitFailure;
  }
}

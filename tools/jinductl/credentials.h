#pragma once
// Where `jinductl login` keeps the bearer token, and what a token says about its holder.
//
// The token is a secret: it lives in one file readable by its owner only (mode 0600), never in a
// flag of a long-lived process and never in the output.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace jindu::jinductl {

// `--config-dir`, else $XDG_CONFIG_HOME/jindu, else $HOME/.config/jindu.
std::string ConfigDirectory(const std::string& flag_value);
std::string CredentialsPath(const std::string& config_directory);

// Writes the token (creating the directory with mode 0700); throws CommandFailure on failure.
void SaveToken(const std::string& config_directory, const std::string& token);
// The saved token, or nullopt when none is saved.
std::optional<std::string> LoadToken(const std::string& config_directory);
// Removes the saved token; false when there was none.
bool DeleteToken(const std::string& config_directory);

// The claims the services read, decoded without verifying the signature (the services verify it;
// this only tells the holder what they hold).
struct TokenClaims {
  std::string subject;
  std::vector<std::string> roles;
  std::vector<std::string> regions;
  std::string issuer;
  std::optional<std::chrono::system_clock::time_point> expires;
};
// Throws CommandFailure when the token is not a JWT.
TokenClaims DecodeToken(const std::string& token);

}  // namespace jindu::jinductl

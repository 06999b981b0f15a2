#include "runtime/crypto/personal_data_protection.h"

#include <stdexcept>

#include "runtime/config/validators.h"

namespace jindu::runtime {
namespace {

constexpr const char* kFieldKeys = "field-keys";
constexpr const char* kLookupKey = "lookup-key";
constexpr const char* kFieldCipher = "field-cipher";

SecretKeyFile ParseSetting(const Settings& settings, const char* name) {
  try {
    return ParseSecretKeyFile(settings.GetString(name));
  } catch (const std::invalid_argument& problem) {
    throw std::invalid_argument(std::string(name) + ": " + problem.what());
  }
}

}  // namespace

void DeclarePersonalDataSettings(SettingsSchema& schema) {
  schema
      .String(kFieldKeys,
              "Keys sealing personal fields at rest: lines '<key-id> <base64 of 32 bytes>', the "
              "first one used for new values, the others kept to read older ones.")
      .Required()
      .Secret();
  schema
      .String(kLookupKey,
              "The one key of the keyed hash that finds people by national ID number (same "
              "format, exactly one line). Changing it orphans every stored lookup.")
      .Required()
      .Secret();
  schema.String(kFieldCipher, "Cipher for personal fields: aes-256-gcm or sm4-ctr-hmac-sha256.")
      .Default("aes-256-gcm")
      .Validate(OneOf({"aes-256-gcm", "sm4-ctr-hmac-sha256"}));
}

std::unique_ptr<PersonalDataProtection> PersonalDataProtectionFromSettings(
    const Settings& settings) {
  auto algorithm = ParseFieldCipherAlgorithm(settings.GetString(kFieldCipher));
  if (!algorithm.has_value()) throw std::invalid_argument("field-cipher: unknown cipher");
  return std::unique_ptr<PersonalDataProtection>(
      new PersonalDataProtection{FieldCipher(ParseSetting(settings, kFieldKeys), *algorithm),
                                 KeyedHash(ParseSetting(settings, kLookupKey))});
}

}  // namespace jindu::runtime

#pragma once
// The keys of a service that stores personal data, from its settings: a field cipher for values at
// rest and a keyed hash for lookups by national ID number. Keys come from a file or a Secret,
// never from the repository:
//
//   --field-keys-file=/run/secrets/field-keys      (JINDU_FIELD_KEYS_FILE)   key file, newest first
//   --lookup-key-file=/run/secrets/lookup-key      (JINDU_LOOKUP_KEY_FILE)   one key, never rotated
//   --field-cipher=aes-256-gcm | sm4-ctr-hmac-sha256
//
// The formats are those of secret_key_file.h.
#include <memory>

#include "runtime/config/settings.h"
#include "runtime/config/settings_schema.h"
#include "runtime/crypto/field_cipher.h"
#include "runtime/crypto/keyed_hash.h"

namespace jindu::runtime {

struct PersonalDataProtection {
  FieldCipher cipher;
  KeyedHash lookup;
};

void DeclarePersonalDataSettings(SettingsSchema& schema);
// Throws std::invalid_argument naming the setting when a key file is malformed.
std::unique_ptr<PersonalDataProtection> PersonalDataProtectionFromSettings(
    const Settings& settings);

}  // namespace jindu::runtime

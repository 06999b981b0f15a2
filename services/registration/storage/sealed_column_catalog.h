#pragma once
// Every sealed column of the registration schema, with the associated data its store seals it
// with, for the re-sealing worker of a key rotation (runtime/crypto/reseal_worker.h). A store that
// adds a sealed column adds it here too.
#include <vector>

#include "runtime/crypto/sealed_column.h"

namespace jindu::registration {

std::vector<runtime::SealedColumn> RegistrationSealedColumns();

}  // namespace jindu::registration

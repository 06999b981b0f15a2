#pragma once
// Every sealed column of the casework schema, with the associated data its store seals it with,
// for the re-sealing worker of a key rotation (runtime/crypto/reseal_worker.h). A store that adds
// a sealed column adds it here too: tests/reliability/key_rotation_test.cc finds every
// "*_sealed"/"*_key_id" pair of the schema in the database and fails when one is left on a
// retired key.
#include <vector>

#include "runtime/crypto/sealed_column.h"

namespace jindu::casework {

std::vector<runtime::SealedColumn> CaseworkSealedColumns();

}  // namespace jindu::casework

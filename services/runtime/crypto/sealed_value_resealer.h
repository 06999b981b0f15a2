#pragma once
// Re-seals values still sealed with a retired key under the active key, so the retired key can
// leave the key file (secret_key_file.h: "remove an old key only after every value written with
// it has been re-encrypted"), and counts the sealed values on each key.
//
// Safe beside the service's own writes, row by row:
//   - a batch of rows not on the active key is read (keyset order on the primary key, so a row
//     that cannot be opened is passed over instead of read again and again);
//   - each value is opened and sealed again with the same associated data, and written back by an
//     UPDATE of its own (one row, autocommit) that only applies while the row still holds exactly
//     the ciphertext and key id that were read. A writer that changed the value meanwhile wins; a
//     single-row statement holds one lock at a time, so it never deadlocks with a writer's
//     transaction.
// Only the two sealed columns change: no revision, no update time, no event. The clear value is
// the same, so nothing a reader or a consumer sees changes, and nothing personal leaves the row.
#include <cstdint>
#include <map>
#include <stop_token>
#include <string>
#include <vector>

#include "runtime/crypto/field_cipher.h"
#include "runtime/crypto/sealed_column.h"
#include "runtime/postgres/connection_pool.h"

namespace jindu::runtime {

struct ResealProgress {
  int64_t resealed = 0;    // written back under the active key
  int64_t changed = 0;     // rewritten by someone else between the read and the update
  int64_t unreadable = 0;  // could not be opened (key missing from the file, altered value)
};

class SealedValueResealer {
 public:
  SealedValueResealer(ConnectionPool& database, std::string schema, const FieldCipher& cipher,
                      std::vector<SealedColumn> columns, int batch_rows);

  // One pass over every column, a batch at a time, until no row is left behind the cursor or
  // `stop` is requested.
  ResealProgress ResealAll(const std::stop_token& stop);
  // One batch of one column after `*cursor` (empty: from the start), which moves to the last row
  // read. Returns whether more rows may follow (the batch was full).
  bool ResealBatch(const SealedColumn& column, std::vector<std::string>* cursor,
                   ResealProgress* progress);

  // Sealed values per key id, over every column (NULL values are not counted).
  std::map<std::string, int64_t> CountByKey();

  const std::vector<SealedColumn>& columns() const { return columns_; }

 private:
  ConnectionPool& database_;
  std::string schema_;
  const FieldCipher& cipher_;
  std::vector<SealedColumn> columns_;
  int batch_rows_;
};

}  // namespace jindu::runtime

// Key rotation's re-sealer over a real PostgreSQL table: values on a retired key move to the
// active key and still open to the same clear text, and a value no key in the file opens (its key
// was removed too early, or the bytes were altered) is left exactly as it was, counted, passed
// over on every later pass, and does not stop the values after it from being re-sealed.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <stop_token>
#include <string>

#include "harness/shared_infrastructure.h"
#include "runtime/crypto/field_cipher.h"
#include "runtime/crypto/sealed_value_resealer.h"
#include "runtime/crypto/secret_key_file.h"
#include "runtime/postgres/connection_pool.h"

namespace jindu::testing {
namespace {

constexpr std::string_view kOldKey = "4dHtJiqbU7TPfoyFxmzdUlxHnLDWN0X6FSSNCNucRb4=";
constexpr std::string_view kNewKey = "OQuXLB17iAVGDCBZuPb50w4yda0ZwckptkbhXGC84BE=";
constexpr std::string_view kLostKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

runtime::FieldCipher CipherWith(const std::string& key_file_text) {
  return runtime::FieldCipher(runtime::ParseSecretKeyFile(key_file_text),
                              runtime::FieldCipherAlgorithm::kAes256Gcm);
}

std::string Line(std::string_view id, std::string_view key) {
  return std::string(id) + " " + std::string(key) + "\n";
}

class ResealerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = std::make_unique<runtime::ConnectionPool>(
        SharedPostgres().CreateDatabase("crypto_resealer"), 2);
    auto connection = pool_->Acquire();
    pqxx::work tx(*connection);
    tx.exec(
        "CREATE SCHEMA probe; CREATE TABLE probe.people (id text PRIMARY KEY, "
        "name_sealed bytea, name_key_id text)");
    tx.commit();
  }

  void Insert(const std::string& id, const runtime::SealedField& sealed) {
    auto connection = pool_->Acquire();
    pqxx::work tx(*connection);
    tx.exec_params("INSERT INTO probe.people VALUES ($1, $2, $3)", id,
                   pqxx::binarystring(sealed.ciphertext.data(), sealed.ciphertext.size()),
                   sealed.key_id);
    tx.commit();
  }

  runtime::SealedField Stored(const std::string& id) {
    auto connection = pool_->Acquire();
    pqxx::read_transaction tx(*connection);
    const pqxx::row row =
        tx.exec_params1("SELECT name_sealed, name_key_id FROM probe.people WHERE id = $1", id);
    return {.key_id = row[1].as<std::string>(), .ciphertext = pqxx::binarystring(row[0]).str()};
  }

  const runtime::SealedColumn column_{.table = "people",
                                      .key_columns = {"id"},
                                      .column = "name",
                                      .associated_prefix = "person",
                                      .associated_column = "name"};
  std::unique_ptr<runtime::ConnectionPool> pool_;
};

TEST_F(ResealerTest, AnUnopenableValueIsLeftAsItIsAndTheOthersAreResealed) {
  // Written while the file held the old key (and, for one row, a key since lost).
  const runtime::FieldCipher before = CipherWith(Line("old", kOldKey));
  const runtime::FieldCipher lost = CipherWith(Line("lost", kLostKey));
  Insert("a", before.Encrypt("张三", column_.AssociatedData({"a"})));
  Insert("b", lost.Encrypt("李四", column_.AssociatedData({"b"})));  // sorts between a and c
  Insert("c", before.Encrypt("王五", column_.AssociatedData({"c"})));
  const runtime::SealedField unopenable = Stored("b");

  // Rotated: the new key first, the old one kept; "lost" is in no file any more.
  const runtime::FieldCipher after = CipherWith(Line("new", kNewKey) + Line("old", kOldKey));
  runtime::SealedValueResealer resealer(*pool_, "probe", after, {column_}, /*batch_rows=*/1);
  const runtime::ResealProgress first = resealer.ResealAll(std::stop_token{});
  EXPECT_EQ(first.resealed, 2);
  EXPECT_EQ(first.unreadable, 1);
  EXPECT_EQ(first.changed, 0);

  EXPECT_EQ(Stored("a").key_id, "new");
  EXPECT_EQ(after.Decrypt(Stored("a"), column_.AssociatedData({"a"})), "张三");
  EXPECT_EQ(Stored("c").key_id, "new");
  EXPECT_EQ(after.Decrypt(Stored("c"), column_.AssociatedData({"c"})), "王五");
  const runtime::SealedField untouched = Stored("b");
  EXPECT_EQ(untouched.key_id, "lost");
  EXPECT_EQ(untouched.ciphertext, unopenable.ciphertext) << "an unopenable value was rewritten";
  // The key comes back (found in a backup): the value left alone still opens.
  EXPECT_EQ(lost.Decrypt(untouched, column_.AssociatedData({"b"})), "李四");

  // A later pass passes over it again and finishes; the counts tell operators it is still there.
  const runtime::ResealProgress second = resealer.ResealAll(std::stop_token{});
  EXPECT_EQ(second.resealed, 0);
  EXPECT_EQ(second.unreadable, 1);
  const auto counts = resealer.CountByKey();
  EXPECT_EQ(counts.at("new"), 2);
  EXPECT_EQ(counts.at("lost"), 1);
  EXPECT_EQ(counts.count("old"), 0u);
}

}  // namespace
}  // namespace jindu::testing

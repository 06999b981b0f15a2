// FieldCipher, for both algorithms: round trips, tamper detection, associated data, rotation,
// and known answers computed independently (Python's cryptography package for AES-256-GCM, the
// openssl command line for SM4-CTR + HMAC-SHA256).

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "runtime/crypto/field_cipher.h"
#include "runtime/crypto/secret_key_file.h"

namespace jindu::runtime {
namespace {

// base64 of the bytes 0x00, 0x01, ..., 0x1f.
constexpr std::string_view kCountingKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr std::string_view kOldKey = "4dHtJiqbU7TPfoyFxmzdUlxHnLDWN0X6FSSNCNucRb4=";
constexpr std::string_view kNewKey = "OQuXLB17iAVGDCBZuPb50w4yda0ZwckptkbhXGC84BE=";
constexpr std::string_view kPhoneColumn = "volunteer/7d3c2a4e-0b7f-4a55-9b1e-5a3f2d1c0e9b/phone";

std::string Line(std::string_view id, std::string_view key) {
  return std::string(id) + " " + std::string(key) + "\n";
}

std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

class FieldCipherTest : public ::testing::TestWithParam<FieldCipherAlgorithm> {
 protected:
  FieldCipher Cipher(const std::string& key_file_text) const {
    return FieldCipher(ParseSecretKeyFile(key_file_text), GetParam());
  }
  FieldCipher cipher_ = Cipher(Line("2024-01", kOldKey));
};

TEST_P(FieldCipherTest, RoundTripsChineseEmptyBinaryAndLongValues) {
  const std::string values[] = {
      "张三",
      "湖南省长沙市芙蓉区五一大道 1 号",
      "",
      std::string("\0\x01\xff\0", 4),
      std::string(100000, 'x'),
  };
  for (const std::string& value : values) {
    SealedField sealed = cipher_.Encrypt(value, kPhoneColumn);
    EXPECT_EQ(sealed.key_id, "2024-01");
    EXPECT_EQ(sealed.ciphertext.size(), kFieldNonceBytes + value.size() + kFieldTagBytes);
    if (value.size() >= 4) {
      EXPECT_EQ(sealed.ciphertext.find(value), std::string::npos);
    }
    EXPECT_EQ(cipher_.Decrypt(sealed, kPhoneColumn), value);
  }
}

TEST_P(FieldCipherTest, SealingTheSameValueTwiceGivesDifferentCiphertexts) {
  SealedField first = cipher_.Encrypt("13800138000", kPhoneColumn);
  SealedField second = cipher_.Encrypt("13800138000", kPhoneColumn);
  EXPECT_NE(first.ciphertext.substr(0, kFieldNonceBytes),
            second.ciphertext.substr(0, kFieldNonceBytes));
  EXPECT_NE(first.ciphertext, second.ciphertext);
  EXPECT_EQ(cipher_.Decrypt(first, kPhoneColumn), cipher_.Decrypt(second, kPhoneColumn));
}

TEST_P(FieldCipherTest, DetectsEveryAlteredByte) {
  SealedField sealed = cipher_.Encrypt("13800138000", kPhoneColumn);
  for (size_t i = 0; i < sealed.ciphertext.size(); ++i) {
    SealedField altered = sealed;
    altered.ciphertext[i] = static_cast<char>(altered.ciphertext[i] ^ 0x01);
    EXPECT_THROW(cipher_.Decrypt(altered, kPhoneColumn), FieldDecryptionError) << "byte " << i;
  }
  SealedField truncated = sealed;
  truncated.ciphertext.pop_back();
  EXPECT_THROW(cipher_.Decrypt(truncated, kPhoneColumn), FieldDecryptionError);
  SealedField extended = sealed;
  extended.ciphertext.push_back('\0');
  EXPECT_THROW(cipher_.Decrypt(extended, kPhoneColumn), FieldDecryptionError);
  EXPECT_THROW(cipher_.Decrypt({sealed.key_id, sealed.ciphertext.substr(0, 27)}, kPhoneColumn),
               FieldDecryptionError);
  EXPECT_THROW(cipher_.Decrypt({sealed.key_id, ""}, kPhoneColumn), FieldDecryptionError);
}

TEST_P(FieldCipherTest, RefusesAValueMovedToAnotherRowOrColumn) {
  SealedField sealed = cipher_.Encrypt("13800138000", "volunteer/1/phone");
  for (std::string_view other :
       {"volunteer/2/phone", "volunteer/1/address", "", "volunteer/1/phon"}) {
    try {
      cipher_.Decrypt(sealed, other);
      ADD_FAILURE() << "opened with associated data " << other;
    } catch (const FieldDecryptionError& e) {
      std::string message = e.what();
      EXPECT_EQ(message.find("13800138000"), std::string::npos) << message;
      EXPECT_EQ(message.find("volunteer"), std::string::npos) << message;
    }
  }
  // Empty associated data is allowed, but must match too.
  SealedField unbound = cipher_.Encrypt("13800138000", "");
  EXPECT_EQ(cipher_.Decrypt(unbound, ""), "13800138000");
  EXPECT_THROW(cipher_.Decrypt(unbound, "volunteer/1/phone"), FieldDecryptionError);
}

TEST_P(FieldCipherTest, RefusesAnUnknownKeyId) {
  SealedField sealed = cipher_.Encrypt("张三", kPhoneColumn);
  sealed.key_id = "2023-01";
  try {
    cipher_.Decrypt(sealed, kPhoneColumn);
    FAIL() << "opened with an unknown key id";
  } catch (const FieldDecryptionError& e) {
    EXPECT_NE(std::string(e.what()).find("key id"), std::string::npos) << e.what();
  }
  // A value sealed under another file's key with the same id does not open either.
  FieldCipher impostor = Cipher(Line("2024-01", kNewKey));
  EXPECT_THROW(impostor.Decrypt(cipher_.Encrypt("张三", kPhoneColumn), kPhoneColumn),
               FieldDecryptionError);
}

TEST_P(FieldCipherTest, RotatesByPuttingTheNewKeyFirst) {
  SealedField old_value = cipher_.Encrypt("张三", kPhoneColumn);
  ASSERT_EQ(old_value.key_id, "2024-01");

  FieldCipher rotated = Cipher("# rotated\n" + Line("2025-06", kNewKey) + Line("2024-01", kOldKey));
  EXPECT_EQ(rotated.active_key_id(), "2025-06");
  EXPECT_EQ(rotated.Decrypt(old_value, kPhoneColumn), "张三");

  SealedField new_value = rotated.Encrypt("李四", kPhoneColumn);
  EXPECT_EQ(new_value.key_id, "2025-06");
  EXPECT_EQ(rotated.Decrypt(new_value, kPhoneColumn), "李四");
  // The old configuration cannot read values written after the rotation.
  EXPECT_THROW(cipher_.Decrypt(new_value, kPhoneColumn), FieldDecryptionError);
  // Once the old key is dropped, values still sealed with it no longer open.
  FieldCipher old_key_removed = Cipher(Line("2025-06", kNewKey));
  EXPECT_THROW(old_key_removed.Decrypt(old_value, kPhoneColumn), FieldDecryptionError);
}

TEST_P(FieldCipherTest, IsSafeToShareBetweenThreads) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t, &failures] {
      for (int i = 0; i < 200; ++i) {
        std::string value = "志愿者-" + std::to_string(t) + "-" + std::to_string(i);
        std::string column = "volunteer/" + std::to_string(i) + "/name";
        if (cipher_.Decrypt(cipher_.Encrypt(value, column), column) != value) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_P(FieldCipherTest, RejectsAnEmptyKeySet) {
  EXPECT_THROW(FieldCipher(SecretKeyFile{}, GetParam()), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Algorithms, FieldCipherTest,
                         ::testing::Values(FieldCipherAlgorithm::kAes256Gcm,
                                           FieldCipherAlgorithm::kSm4CtrHmacSha256),
                         [](const ::testing::TestParamInfo<FieldCipherAlgorithm>& info) {
                           return info.param == FieldCipherAlgorithm::kAes256Gcm
                                      ? "Aes256Gcm"
                                      : "Sm4CtrHmacSha256";
                         });

TEST(FieldCipher, OpensAnAes256GcmValueSealedElsewhere) {
  // Python: AESGCM(bytes(range(32))).encrypt(bytes(range(12)), "张三".encode(),
  //                                           b"volunteer/42/name"), prefixed with the nonce.
  FieldCipher cipher(ParseSecretKeyFile(Line("k1", kCountingKey)),
                     FieldCipherAlgorithm::kAes256Gcm);
  SealedField sealed{"k1", FromHex("000102030405060708090a0b"
                                   "a2be76ff7d6c"
                                   "f804c84248b0e54ac860ca13fe1f7eaa")};
  EXPECT_EQ(cipher.Decrypt(sealed, "volunteer/42/name"), "张三");
}

TEST(FieldCipher, OpensAnSm4ValueSealedElsewhere) {
  // With the openssl command line and the file key K = 00 01 ... 1f:
  //   enc = openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:K
  //           -kdfopt "info:jindu field cipher sm4-ctr key" -kdfopt mode:EXPAND_ONLY HKDF
  //   mac = (the same with "info:jindu field cipher hmac-sha256 key")
  //   printf '张三' | openssl enc -sm4-ctr -K <first 16 bytes of enc> -iv <nonce>00000000
  //   tag = first 16 bytes of openssl dgst -sha256 -mac hmac -macopt hexkey:<mac> over
  //         0000000000000011 || "volunteer/42/name" || nonce || encrypted
  FieldCipher cipher(ParseSecretKeyFile(Line("k1", kCountingKey)),
                     FieldCipherAlgorithm::kSm4CtrHmacSha256);
  SealedField sealed{"k1", FromHex("000102030405060708090a0b"
                                   "98af93ac151e"
                                   "ad0659b2a4cbf72e1d9dfeef1301b012")};
  EXPECT_EQ(cipher.Decrypt(sealed, "volunteer/42/name"), "张三");
}

TEST(FieldCipher, AlgorithmsDoNotOpenEachOthersValues) {
  SecretKeyFile keys = ParseSecretKeyFile(Line("k1", kCountingKey));
  FieldCipher aes(keys, FieldCipherAlgorithm::kAes256Gcm);
  FieldCipher sm4(keys, FieldCipherAlgorithm::kSm4CtrHmacSha256);
  EXPECT_THROW(sm4.Decrypt(aes.Encrypt("张三", kPhoneColumn), kPhoneColumn), FieldDecryptionError);
  EXPECT_THROW(aes.Decrypt(sm4.Encrypt("张三", kPhoneColumn), kPhoneColumn), FieldDecryptionError);
}

TEST(FieldCipherAlgorithmNames, RoundTrip) {
  for (FieldCipherAlgorithm algorithm :
       {FieldCipherAlgorithm::kAes256Gcm, FieldCipherAlgorithm::kSm4CtrHmacSha256}) {
    EXPECT_EQ(ParseFieldCipherAlgorithm(FieldCipherAlgorithmName(algorithm)), algorithm);
  }
  EXPECT_EQ(FieldCipherAlgorithmName(FieldCipherAlgorithm::kAes256Gcm), "aes-256-gcm");
  EXPECT_EQ(FieldCipherAlgorithmName(FieldCipherAlgorithm::kSm4CtrHmacSha256),
            "sm4-ctr-hmac-sha256");
  EXPECT_EQ(ParseFieldCipherAlgorithm("sm4-gcm"), std::nullopt);
  EXPECT_EQ(ParseFieldCipherAlgorithm("AES-256-GCM"), std::nullopt);
}

}  // namespace
}  // namespace jindu::runtime

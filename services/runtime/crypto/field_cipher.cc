#include "runtime/crypto/field_cipher.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <utility>

#include "runtime/crypto/hmac_sha256.h"
#include "runtime/crypto/openssl_failure.h"

namespace jindu::runtime {
namespace {

constexpr size_t kSm4KeyBytes = 16;
constexpr size_t kSm4CounterBlockBytes = 16;
constexpr std::string_view kSm4EncryptionKeyLabel = "jindu field cipher sm4-ctr key";
constexpr std::string_view kSm4AuthenticationKeyLabel = "jindu field cipher hmac-sha256 key";

using Tag = std::array<unsigned char, kFieldTagBytes>;

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContextPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

std::span<const unsigned char> Bytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

std::string_view Text(std::span<const unsigned char> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string_view AlgorithmOpenSslName(FieldCipherAlgorithm algorithm) {
  switch (algorithm) {
    case FieldCipherAlgorithm::kAes256Gcm:
      return "AES-256-GCM";
    case FieldCipherAlgorithm::kSm4CtrHmacSha256:
      return "SM4-CTR";
  }
  throw std::invalid_argument("field cipher: unknown algorithm");
}

// HKDF-Expand (RFC 5869 §2.3) for one output block: HMAC(prk, info || 0x01).
HmacSha256Digest ExpandKey(std::span<const unsigned char> prk, std::string_view info) {
  return ComputeHmacSha256(prk, {info, std::string_view("\x01", 1)});
}

CipherContextPtr NewCipherContext() {
  CipherContextPtr context(EVP_CIPHER_CTX_new());
  if (!context) ThrowOpenSslFailure("creating a cipher context");
  return context;
}

// AES-256-GCM: writes plaintext.size() bytes to out and the tag to tag.
void GcmSeal(const EVP_CIPHER* cipher, const unsigned char* key, const unsigned char* nonce,
             std::string_view associated_data, std::string_view plaintext, unsigned char* out,
             unsigned char* tag) {
  CipherContextPtr context = NewCipherContext();
  int length = 0;
  if (EVP_EncryptInit_ex2(context.get(), cipher, key, nonce, nullptr) != 1 ||
      (!associated_data.empty() &&
       EVP_EncryptUpdate(context.get(), nullptr, &length, Bytes(associated_data).data(),
                         static_cast<int>(associated_data.size())) != 1)) {
    ThrowOpenSslFailure("AES-256-GCM encryption");
  }
  size_t written = 0;
  if (!plaintext.empty()) {
    if (EVP_EncryptUpdate(context.get(), out, &length, Bytes(plaintext).data(),
                          static_cast<int>(plaintext.size())) != 1) {
      ThrowOpenSslFailure("AES-256-GCM encryption");
    }
    written = static_cast<size_t>(length);
  }
  if (EVP_EncryptFinal_ex(context.get(), out + written, &length) != 1 ||
      written + static_cast<size_t>(length) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kFieldTagBytes),
                          tag) != 1) {
    ThrowOpenSslFailure("AES-256-GCM encryption");
  }
}

// AES-256-GCM: writes encrypted.size() bytes to out; returns false when the tag does not verify.
bool GcmOpen(const EVP_CIPHER* cipher, const unsigned char* key, const unsigned char* nonce,
             std::string_view associated_data, std::span<const unsigned char> encrypted,
             const unsigned char* tag, unsigned char* out) {
  CipherContextPtr context = NewCipherContext();
  int length = 0;
  Tag expected_tag;
  std::copy(tag, tag + kFieldTagBytes, expected_tag.begin());
  if (EVP_DecryptInit_ex2(context.get(), cipher, key, nonce, nullptr) != 1 ||
      (!associated_data.empty() &&
       EVP_DecryptUpdate(context.get(), nullptr, &length, Bytes(associated_data).data(),
                         static_cast<int>(associated_data.size())) != 1)) {
    ThrowOpenSslFailure("AES-256-GCM decryption");
  }
  size_t written = 0;
  if (!encrypted.empty()) {
    if (EVP_DecryptUpdate(context.get(), out, &length, encrypted.data(),
                          static_cast<int>(encrypted.size())) != 1) {
      ThrowOpenSslFailure("AES-256-GCM decryption");
    }
    written = static_cast<size_t>(length);
  }
  if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kFieldTagBytes),
                          expected_tag.data()) != 1) {
    ThrowOpenSslFailure("AES-256-GCM decryption");
  }
  if (EVP_DecryptFinal_ex(context.get(), out + written, &length) != 1) {
    ERR_clear_error();  // a tag mismatch is an expected outcome, not an OpenSSL failure
    return false;
  }
  return written + static_cast<size_t>(length) == encrypted.size();
}

// SM4-CTR is its own inverse: encrypts or decrypts in into out (same size).
void Sm4CtrTransform(const EVP_CIPHER* cipher, const unsigned char* key, const unsigned char* nonce,
                     std::span<const unsigned char> in, unsigned char* out) {
  std::array<unsigned char, kSm4CounterBlockBytes> counter_block{};
  std::copy(nonce, nonce + kFieldNonceBytes, counter_block.begin());
  CipherContextPtr context = NewCipherContext();
  if (EVP_EncryptInit_ex2(context.get(), cipher, key, counter_block.data(), nullptr) != 1) {
    ThrowOpenSslFailure("SM4-CTR");
  }
  int length = 0;
  size_t written = 0;
  if (!in.empty()) {
    if (EVP_EncryptUpdate(context.get(), out, &length, in.data(), static_cast<int>(in.size())) !=
        1) {
      ThrowOpenSslFailure("SM4-CTR");
    }
    written = static_cast<size_t>(length);
  }
  if (EVP_EncryptFinal_ex(context.get(), out + written, &length) != 1 ||
      written + static_cast<size_t>(length) != in.size()) {
    ThrowOpenSslFailure("SM4-CTR");
  }
}

// Wipes a buffer of unauthenticated plaintext on every path out of Decrypt but the successful one.
class WipeUnlessReleased {
 public:
  explicit WipeUnlessReleased(std::string* buffer) : buffer_(buffer) {}
  WipeUnlessReleased(const WipeUnlessReleased&) = delete;
  WipeUnlessReleased& operator=(const WipeUnlessReleased&) = delete;
  ~WipeUnlessReleased() {
    if (buffer_ != nullptr) OPENSSL_cleanse(buffer_->data(), buffer_->size());
  }
  void Release() { buffer_ = nullptr; }

 private:
  std::string* buffer_;
};

Tag Sm4Tag(std::span<const unsigned char> mac_key, std::string_view associated_data,
           const unsigned char* nonce, std::span<const unsigned char> encrypted) {
  // The length prefix keeps associated data and nonce apart: "ab" + nonce and "a" + "b..." never
  // authenticate the same bytes.
  std::array<unsigned char, 8> associated_data_size;
  uint64_t size = associated_data.size();
  for (size_t i = associated_data_size.size(); i-- > 0; size >>= 8) {
    associated_data_size[i] = static_cast<unsigned char>(size & 0xff);
  }
  HmacSha256Digest digest =
      ComputeHmacSha256(mac_key, {Text(associated_data_size), associated_data,
                                  Text(std::span(nonce, kFieldNonceBytes)), Text(encrypted)});
  Tag tag;
  std::copy(digest.begin(), digest.begin() + tag.size(), tag.begin());
  return tag;
}

}  // namespace

// The keys as the algorithm uses them, wiped on destruction.
struct FieldCipher::CipherKey {
  std::string id;
  // AES-256-GCM: the file key. SM4: the SM4 key in the first 16 bytes.
  HmacSha256Digest encryption{};
  // SM4 only: the HMAC-SHA256 key.
  HmacSha256Digest authentication{};

  explicit CipherKey(std::string key_id) : id(std::move(key_id)) {}
  CipherKey(const CipherKey&) = default;
  CipherKey& operator=(const CipherKey&) = default;
  ~CipherKey() {
    OPENSSL_cleanse(encryption.data(), encryption.size());
    OPENSSL_cleanse(authentication.data(), authentication.size());
  }
};

void FieldCipher::EvpCipherDeleter::operator()(EVP_CIPHER* cipher) const {
  EVP_CIPHER_free(cipher);
}

std::string_view FieldCipherAlgorithmName(FieldCipherAlgorithm algorithm) {
  switch (algorithm) {
    case FieldCipherAlgorithm::kAes256Gcm:
      return "aes-256-gcm";
    case FieldCipherAlgorithm::kSm4CtrHmacSha256:
      return "sm4-ctr-hmac-sha256";
  }
  return "unknown";
}

std::optional<FieldCipherAlgorithm> ParseFieldCipherAlgorithm(std::string_view name) {
  for (FieldCipherAlgorithm algorithm :
       {FieldCipherAlgorithm::kAes256Gcm, FieldCipherAlgorithm::kSm4CtrHmacSha256}) {
    if (name == FieldCipherAlgorithmName(algorithm)) return algorithm;
  }
  return std::nullopt;
}

FieldCipher::FieldCipher(const SecretKeyFile& keys, FieldCipherAlgorithm algorithm)
    : algorithm_(algorithm) {
  if (keys.keys.empty()) throw std::invalid_argument("field cipher: the key file holds no key");
  std::string openssl_name(AlgorithmOpenSslName(algorithm));
  cipher_.reset(EVP_CIPHER_fetch(nullptr, openssl_name.c_str(), nullptr));
  if (!cipher_) {
    ERR_clear_error();
    throw std::invalid_argument("field cipher: " + openssl_name +
                                " is not available in this OpenSSL (" +
                                OpenSSL_version(OPENSSL_VERSION) + ")");
  }
  keys_.reserve(keys.keys.size());
  for (const SecretKey& key : keys.keys) {
    if (FindKey(key.id()) != nullptr) {
      throw std::invalid_argument("field cipher: duplicate key id in the key file");
    }
    CipherKey& cipher_key = keys_.emplace_back(key.id());
    switch (algorithm) {
      case FieldCipherAlgorithm::kAes256Gcm:
        std::copy(key.bytes().begin(), key.bytes().end(), cipher_key.encryption.begin());
        break;
      case FieldCipherAlgorithm::kSm4CtrHmacSha256:
        cipher_key.encryption = ExpandKey(key.bytes(), kSm4EncryptionKeyLabel);
        // Only the first 16 bytes are the SM4 key; the rest is not used anywhere.
        OPENSSL_cleanse(cipher_key.encryption.data() + kSm4KeyBytes,
                        cipher_key.encryption.size() - kSm4KeyBytes);
        cipher_key.authentication = ExpandKey(key.bytes(), kSm4AuthenticationKeyLabel);
        break;
    }
  }
}

FieldCipher::FieldCipher(FieldCipher&&) noexcept = default;
FieldCipher& FieldCipher::operator=(FieldCipher&&) noexcept = default;
FieldCipher::~FieldCipher() = default;

const std::string& FieldCipher::active_key_id() const { return keys_.front().id; }

const FieldCipher::CipherKey* FieldCipher::FindKey(std::string_view id) const {
  auto it =
      std::find_if(keys_.begin(), keys_.end(), [id](const CipherKey& key) { return key.id == id; });
  return it == keys_.end() ? nullptr : &*it;
}

SealedField FieldCipher::Encrypt(std::string_view plaintext,
                                 std::string_view associated_data) const {
  if (plaintext.size() > kMaxFieldPlaintextBytes ||
      associated_data.size() > kMaxFieldPlaintextBytes) {
    throw std::invalid_argument("field cipher: field too large to encrypt");
  }
  const CipherKey& key = keys_.front();
  std::string ciphertext(kFieldNonceBytes + plaintext.size() + kFieldTagBytes, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(ciphertext.data());
  unsigned char* encrypted = nonce + kFieldNonceBytes;
  unsigned char* tag = encrypted + plaintext.size();
  // 96-bit random nonces: the chance of two sealings under one key sharing a nonce stays below
  // 2^-32 up to 2^32 values, the limit NIST SP 800-38D §8.3 sets; rotate long before that.
  if (RAND_bytes(nonce, static_cast<int>(kFieldNonceBytes)) != 1) {
    ThrowOpenSslFailure("generating a nonce");
  }
  switch (algorithm_) {
    case FieldCipherAlgorithm::kAes256Gcm:
      GcmSeal(cipher_.get(), key.encryption.data(), nonce, associated_data, plaintext, encrypted,
              tag);
      break;
    case FieldCipherAlgorithm::kSm4CtrHmacSha256: {
      Sm4CtrTransform(cipher_.get(), key.encryption.data(), nonce, Bytes(plaintext), encrypted);
      Tag computed = Sm4Tag(key.authentication, associated_data, nonce,
                            std::span<const unsigned char>(encrypted, plaintext.size()));
      std::copy(computed.begin(), computed.end(), tag);
      break;
    }
  }
  return SealedField{key.id, std::move(ciphertext)};
}

std::string FieldCipher::Decrypt(const SealedField& sealed,
                                 std::string_view associated_data) const {
  const CipherKey* key = FindKey(sealed.key_id);
  if (key == nullptr) {
    throw FieldDecryptionError("field decryption failed: its key id is not in the key file");
  }
  if (sealed.ciphertext.size() < kFieldNonceBytes + kFieldTagBytes) {
    throw FieldDecryptionError("field decryption failed: ciphertext too short");
  }
  if (sealed.ciphertext.size() > kFieldNonceBytes + kMaxFieldPlaintextBytes + kFieldTagBytes ||
      associated_data.size() > kMaxFieldPlaintextBytes) {
    throw FieldDecryptionError("field decryption failed: ciphertext or associated data too long");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.ciphertext.data());
  std::span<const unsigned char> encrypted(
      nonce + kFieldNonceBytes, sealed.ciphertext.size() - kFieldNonceBytes - kFieldTagBytes);
  const unsigned char* tag = encrypted.data() + encrypted.size();

  std::string plaintext(encrypted.size(), '\0');
  WipeUnlessReleased wipe_plaintext(&plaintext);
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  bool authentic = false;
  switch (algorithm_) {
    case FieldCipherAlgorithm::kAes256Gcm:
      authentic = GcmOpen(cipher_.get(), key->encryption.data(), nonce, associated_data, encrypted,
                          tag, out);
      break;
    case FieldCipherAlgorithm::kSm4CtrHmacSha256: {
      // Encrypt-then-MAC: nothing is decrypted before the tag verifies.
      Tag expected = Sm4Tag(key->authentication, associated_data, nonce, encrypted);
      authentic = CRYPTO_memcmp(expected.data(), tag, expected.size()) == 0;
      if (authentic) Sm4CtrTransform(cipher_.get(), key->encryption.data(), nonce, encrypted, out);
      break;
    }
  }
  if (!authentic) {
    // GCM decrypts before its final tag check: wipe_plaintext erases what it produced.
    throw FieldDecryptionError(
        "field decryption failed: the value was altered, or sealed for other associated data, "
        "with another key or with another algorithm");
  }
  wipe_plaintext.Release();
  return plaintext;
}

}  // namespace jindu::runtime

// Secret key files: the format, the active key, and errors that name the line but never repeat
// key material.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "runtime/crypto/secret_key_file.h"

namespace jindu::runtime {
namespace {

// base64 of the bytes 0x00, 0x01, ..., 0x1f.
constexpr std::string_view kCountingKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr std::string_view kRandomKey = "4dHtJiqbU7TPfoyFxmzdUlxHnLDWN0X6FSSNCNucRb4=";

std::string Str(std::string_view text) { return std::string(text); }

// Parses text expecting failure; returns the message.
std::string ParseError(const std::string& text) {
  try {
    ParseSecretKeyFile(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "parsed without error";
  return "";
}

// A message leaks nothing of a key if no 8-character piece of the key text appears in it.
void ExpectNoKeyMaterial(const std::string& message, std::string_view key_text) {
  for (size_t i = 0; i + 8 <= key_text.size(); ++i) {
    EXPECT_EQ(message.find(key_text.substr(i, 8)), std::string::npos)
        << "message repeats key text: " << message;
  }
}

TEST(ParseSecretKeyFile, KeepsFileOrderAndMakesTheFirstKeyActive) {
  std::string text = "# field keys, newest first\n\n   \n2025-06\t" + Str(kRandomKey) +
                     "\n  # old key\n2024_01   " + Str(kCountingKey) + "  \n";
  SecretKeyFile file = ParseSecretKeyFile(text);
  ASSERT_EQ(file.keys.size(), 2u);
  EXPECT_EQ(file.active().id(), "2025-06");
  EXPECT_EQ(file.keys[1].id(), "2024_01");
  for (size_t i = 0; i < kSecretKeyBytes; ++i) {
    EXPECT_EQ(file.keys[1].bytes()[i], i) << "byte " << i;
  }
  EXPECT_NE(file.keys[0].bytes()[0], file.keys[1].bytes()[0]);
}

TEST(ParseSecretKeyFile, AcceptsCrlfAByteOrderMarkAndNoFinalNewline) {
  std::string text =
      "\xEF\xBB\xBF# windows editor\r\nk1 " + Str(kCountingKey) + "\r\nk2 " + Str(kRandomKey);
  SecretKeyFile file = ParseSecretKeyFile(text);
  ASSERT_EQ(file.keys.size(), 2u);
  EXPECT_EQ(file.active().id(), "k1");
  EXPECT_EQ(file.keys[0].bytes()[31], 0x1f);
  EXPECT_EQ(file.keys[1].id(), "k2");
}

TEST(ParseSecretKeyFile, AcceptsIdsUpTo32Characters) {
  std::string id(32, 'a');
  EXPECT_EQ(ParseSecretKeyFile(id + " " + Str(kCountingKey)).active().id(), id);
}

TEST(ParseSecretKeyFile, RejectsInvalidBase64WithoutEchoingIt) {
  std::string bad_key = Str(kRandomKey);
  bad_key[10] = '*';
  std::string message = ParseError("# comment\nk1 " + bad_key + "\n");
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("base64"), std::string::npos) << message;
  ExpectNoKeyMaterial(message, bad_key);
}

TEST(ParseSecretKeyFile, RejectsUrlSafeAlphabetMissingPaddingAndNonZeroTrailingBits) {
  std::string url_safe_minus = Str(kRandomKey);
  url_safe_minus[5] = '-';
  std::string url_safe_underscore = Str(kRandomKey);
  url_safe_underscore[5] = '_';
  std::string unpadded = Str(kCountingKey.substr(0, kCountingKey.size() - 1));
  std::string non_canonical = Str(kCountingKey);  // "...Hh8=": '8' ends in two zero bits, '9' not
  non_canonical[non_canonical.size() - 2] = '9';
  for (const std::string& key : {url_safe_minus, url_safe_underscore, unpadded, non_canonical}) {
    std::string message = ParseError("k1 " + key);
    EXPECT_NE(message.find("line 1"), std::string::npos) << message;
    EXPECT_NE(message.find("base64"), std::string::npos) << message;
    ExpectNoKeyMaterial(message, key);
  }
}

TEST(ParseSecretKeyFile, RejectsKeysOfTheWrongLength) {
  constexpr std::string_view kSixteenBytes = "AAECAwQFBgcICQoLDA0ODw==";
  std::string message = ParseError("k1 " + Str(kCountingKey) + "\nk2 " + Str(kSixteenBytes));
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("32 bytes, found 16"), std::string::npos) << message;
  ExpectNoKeyMaterial(message, kSixteenBytes);

  std::string long_key = Str(kCountingKey.substr(0, 40)) + "AAAAAAA=";  // 35 bytes
  message = ParseError("k1 " + long_key);
  EXPECT_NE(message.find("found 35"), std::string::npos) << message;
  ExpectNoKeyMaterial(message, long_key);
}

TEST(ParseSecretKeyFile, RejectsDuplicateIds) {
  std::string message = ParseError("k1 " + Str(kCountingKey) + "\n\nk1 " + Str(kRandomKey) + "\n");
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  EXPECT_NE(message.find("duplicate key id"), std::string::npos) << message;
  EXPECT_NE(message.find("line 1"), std::string::npos) << message;
  ExpectNoKeyMaterial(message, kCountingKey);
  ExpectNoKeyMaterial(message, kRandomKey);
}

TEST(ParseSecretKeyFile, RejectsAFileWithoutKeys) {
  for (const std::string text : {"", "\n\n", "# only a comment\n   # another\n"}) {
    EXPECT_NE(ParseError(text).find("no key"), std::string::npos) << "text: " << text;
  }
}

TEST(ParseSecretKeyFile, RejectsLinesOfTheWrongShapeWithoutEchoingThem) {
  // A key without its id, a trailing comment, an id with forbidden or too many characters.
  const std::string cases[] = {
      Str(kRandomKey),          "k1 " + Str(kRandomKey) + " # new",
      "k.1 " + Str(kRandomKey), std::string(33, 'a') + " " + Str(kRandomKey),
      "键 " + Str(kRandomKey),
  };
  for (const std::string& line : cases) {
    std::string message = ParseError("k0 " + Str(kCountingKey) + "\n" + line + "\n");
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
    ExpectNoKeyMaterial(message, kRandomKey);
  }
}

TEST(SecretKey, CopiesKeepIdAndBytes) {
  SecretKeyFile file = ParseSecretKeyFile("k1 " + Str(kCountingKey));
  SecretKey copy = file.active();
  file.keys.clear();
  EXPECT_EQ(copy.id(), "k1");
  EXPECT_EQ(copy.bytes()[5], 5);
}

class LoadSecretKeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "jindu-keys-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path Write(const std::string& name, const std::string& text) {
    std::filesystem::path path = directory_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::filesystem::path directory_;
};

TEST_F(LoadSecretKeyFileTest, LoadsAFile) {
  SecretKeyFile file =
      LoadSecretKeyFile(Write("keys", "new " + Str(kRandomKey) + "\nold " + Str(kCountingKey)));
  ASSERT_EQ(file.keys.size(), 2u);
  EXPECT_EQ(file.active().id(), "new");
  EXPECT_EQ(file.keys[1].bytes()[31], 0x1f);
}

TEST_F(LoadSecretKeyFileTest, PrefixesContentErrorsWithThePath) {
  std::filesystem::path path = Write("keys", "k1 " + Str(kRandomKey.substr(0, 20)) + "\n");
  try {
    LoadSecretKeyFile(path);
    FAIL() << "loaded an invalid file";
  } catch (const std::invalid_argument& e) {
    std::string message = e.what();
    EXPECT_EQ(message.rfind(path.string() + ": line 1: ", 0), 0u) << message;
    ExpectNoKeyMaterial(message, kRandomKey.substr(0, 20));
  }
}

TEST_F(LoadSecretKeyFileTest, ReportsMissingFilesAndDirectories) {
  std::filesystem::path missing = directory_ / "missing";
  try {
    LoadSecretKeyFile(missing);
    FAIL() << "loaded a missing file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  EXPECT_THROW(LoadSecretKeyFile(directory_), std::runtime_error);
}

TEST_F(LoadSecretKeyFileTest, RejectsHugeFiles) {
  EXPECT_THROW(LoadSecretKeyFile(Write("big", std::string(1 << 20, '#'))), std::invalid_argument);
}

}  // namespace
}  // namespace jindu::runtime

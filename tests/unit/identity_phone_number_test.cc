// Mainland mobile numbers: the accepted shapes, the country code, what is refused, masking. The
// numbers are synthetic.

#include <gtest/gtest.h>

#include <string>

#include "runtime/identity/phone_number.h"

namespace jindu::runtime {
namespace {

TEST(MobilePhone, AcceptsElevenDigits) {
  EXPECT_EQ(NormalizeMobilePhone("13800005678"), "13800005678");
  EXPECT_EQ(NormalizeMobilePhone("19900000000"), "19900000000");
  for (char second = '3'; second <= '9'; ++second) {
    const std::string number = std::string("1") + second + "000000000";
    EXPECT_EQ(NormalizeMobilePhone(number), number) << number;
  }
}

TEST(MobilePhone, DropsTheCountryCode) {
  EXPECT_EQ(NormalizeMobilePhone("+8613800005678"), "13800005678");
  EXPECT_EQ(NormalizeMobilePhone("8613800005678"), "13800005678");
}

TEST(MobilePhone, RefusesOtherShapes) {
  for (const char* bad : {
           "",
           "1380000567",       // 10 digits
           "138000056789",     // 12 digits
           "23800005678",      // does not start with 1
           "10800005678",      // second digit 0
           "11800005678",      // second digit 1
           "12800005678",      // second digit 2
           "138 0000 5678",    // spaces
           "138-0000-5678",    // hyphens
           " 13800005678",     // surrounding whitespace
           "13800005678 ",     // trailing whitespace
           "1380000567a",      // a letter
           "+13800005678",     // a plus without the country code
           "+8513800005678",   // another country code
           "+86 13800005678",  // space after the country code
           "+86-13800005678",  // hyphen after the country code
           "008613800005678",  // international prefix spelled out
           "868613800005678",  // country code twice
           "+86+8613800005678",
           "+86",
           "86",
           "+861380000567",   // country code, then only 10 digits
           "86138000056789",  // "86" then 12 digits
           "+8623800005678",  // country code, then not a mobile number
           "０13800005678",   // full-width digit
       }) {
    EXPECT_EQ(NormalizeMobilePhone(bad), std::nullopt) << bad;
  }
  std::string with_nul = "13800005678";
  with_nul[7] = '\0';
  EXPECT_EQ(NormalizeMobilePhone(with_nul), std::nullopt);
}

TEST(MobilePhone, ElevenCharactersStartingWith86HaveNoCountryCode) {
  // "86..." with 11 digits is not a country code followed by a number (too short), and not a
  // mobile number either (mobile numbers start with 1).
  EXPECT_EQ(NormalizeMobilePhone("86138000056"), std::nullopt);
}

TEST(MobilePhone, Masks) {
  EXPECT_EQ(MaskMobilePhone("13800005678"), "138****5678");
  EXPECT_EQ(MaskMobilePhone("19912340000"), "199****0000");
}

TEST(MobilePhone, MasksOtherLengthsCompletely) {
  EXPECT_EQ(MaskMobilePhone(""), "");
  EXPECT_EQ(MaskMobilePhone("1380000567"), "**********");
  EXPECT_EQ(MaskMobilePhone("+8613800005678"), "**************");
}

}  // namespace
}  // namespace jindu::runtime

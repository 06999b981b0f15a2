// Citizen identity numbers (GB 11643-1999): shape, ISO 7064 MOD 11-2 check character, birth date,
// sex, masking. Every number here is synthetic (made-up sequence numbers, check characters computed
// for the test) or one of the standard's own worked examples.

#include <gtest/gtest.h>

#include <string>

#include "runtime/identity/civil_date.h"
#include "runtime/identity/national_id_number.h"

namespace jindu::runtime {
namespace {

constexpr CivilDate kToday{.year = 2024, .month = 6, .day = 1};

NationalIdProblem ProblemOf(std::string_view text, CivilDate today = kToday) {
  return CheckNationalIdNumber(text, today).problem;
}

TEST(NationalIdNumber, AcceptsAValidNumberAndParsesIt) {
  const NationalIdCheck check = CheckNationalIdNumber("430102199003071234", kToday);
  ASSERT_EQ(check.problem, NationalIdProblem::kNone);
  ASSERT_TRUE(check.parsed.has_value());
  EXPECT_EQ(check.parsed->normalized, "430102199003071234");
  EXPECT_EQ(check.parsed->address_code, "430102");
  EXPECT_EQ(check.parsed->birth_year, 1990);
  EXPECT_EQ(check.parsed->birth_month, 3);
  EXPECT_EQ(check.parsed->birth_day, 7);
  EXPECT_TRUE(check.parsed->male);  // sequence 123: 17th digit 3 is odd
}

TEST(NationalIdNumber, EvenSeventeenthDigitIsFemale) {
  const NationalIdCheck check = CheckNationalIdNumber("430102199003071242", kToday);
  ASSERT_EQ(check.problem, NationalIdProblem::kNone);
  EXPECT_FALSE(check.parsed->male);  // sequence 124
}

TEST(NationalIdNumber, AcceptsTheStandardsWorkedExample) {
  // GB 11643-1999's own example number, check character X.
  const NationalIdCheck check = CheckNationalIdNumber("11010519491231002X", kToday);
  ASSERT_EQ(check.problem, NationalIdProblem::kNone);
  EXPECT_EQ(check.parsed->address_code, "110105");
  EXPECT_EQ(check.parsed->birth_year, 1949);
  EXPECT_EQ(check.parsed->birth_month, 12);
  EXPECT_EQ(check.parsed->birth_day, 31);
  EXPECT_FALSE(check.parsed->male);  // sequence 002
}

TEST(NationalIdNumber, CheckCharacterXUpperOrLowerCase) {
  const NationalIdCheck upper = CheckNationalIdNumber("43010219850611107X", kToday);
  ASSERT_EQ(upper.problem, NationalIdProblem::kNone);
  EXPECT_EQ(upper.parsed->normalized, "43010219850611107X");
  EXPECT_TRUE(upper.parsed->male);

  const NationalIdCheck lower = CheckNationalIdNumber("43010219850611107x", kToday);
  ASSERT_EQ(lower.problem, NationalIdProblem::kNone);
  EXPECT_EQ(lower.parsed->normalized, "43010219850611107X");
}

TEST(NationalIdNumber, EveryCheckCharacterIsComputed) {
  // One valid number for each possible check character, so a wrong weight or a wrong entry in the
  // character table cannot hide.
  for (const char* valid :
       {"430102199003071090", "430102199003071031", "430102199003071082", "430102199003071023",
        "430102199003071074", "430102199003071015", "430102199003071066", "430102199003071007",
        "430102199003071058", "430102199003071189", "43010219900307104X"}) {
    EXPECT_EQ(ProblemOf(valid), NationalIdProblem::kNone) << valid;
  }
  // Changing the check character of a valid number to any other one is a mismatch.
  const std::string valid = "430102199003071234";
  for (char other : std::string("012356789Xx")) {
    std::string changed = valid;
    changed.back() = other;
    EXPECT_EQ(ProblemOf(changed), NationalIdProblem::kCheckDigitMismatch) << changed;
  }
}

TEST(NationalIdNumber, CheckDigitCatchesTypos) {
  // One digit changed.
  EXPECT_EQ(ProblemOf("430102199003071235"), NationalIdProblem::kCheckDigitMismatch);
  EXPECT_EQ(ProblemOf("430102199003081234"), NationalIdProblem::kCheckDigitMismatch);
  EXPECT_EQ(ProblemOf("530102199003071234"), NationalIdProblem::kCheckDigitMismatch);
  // Two neighbouring digits swapped.
  EXPECT_EQ(ProblemOf("430120199003071234"), NationalIdProblem::kCheckDigitMismatch);
  // A number whose check character should be X, given as 0.
  EXPECT_EQ(ProblemOf("430102198506111070"), NationalIdProblem::kCheckDigitMismatch);
  // X where a digit is expected.
  EXPECT_EQ(ProblemOf("43010219900307123X"), NationalIdProblem::kCheckDigitMismatch);
}

TEST(NationalIdNumber, MalformedShapes) {
  for (const char* bad : {
           "",
           "43010219900307123",    // 17 characters
           "4301021990030712344",  // 19 characters
           "430102900307123",      // the old 15-digit form: no longer accepted
           "430102199003071234 ",  // trailing space
           " 430102199003071234",  // leading space
           "43010219900307123Y",   // check character not a digit or X
           "4301021990030712X4",   // X only allowed last
           "X30102199003071234", "43010219900307 234", "430102-19900307123",
           "４30102199003071234",  // a full-width digit is three bytes, not a digit
       }) {
    EXPECT_EQ(ProblemOf(bad), NationalIdProblem::kMalformed) << bad;
    EXPECT_FALSE(CheckNationalIdNumber(bad, kToday).parsed.has_value()) << bad;
  }
  std::string with_nul = "430102199003071234";
  with_nul[14] = '\0';
  EXPECT_EQ(ProblemOf(with_nul), NationalIdProblem::kMalformed);
}

TEST(NationalIdNumber, FebruaryTwentyNinthOnlyInLeapYears) {
  EXPECT_EQ(ProblemOf("430102200002290019"), NationalIdProblem::kNone);  // 2000: leap (÷400)
  EXPECT_EQ(ProblemOf("430102200402290034"), NationalIdProblem::kNone);  // 2004: leap
  // Check characters below are right, so the date is what fails.
  EXPECT_EQ(ProblemOf("430102200102290016"), NationalIdProblem::kBadBirthDate);  // 2001
  EXPECT_EQ(ProblemOf("430102190002290012"), NationalIdProblem::kBadBirthDate);  // 1900: century
}

TEST(NationalIdNumber, BirthDateMustBeARealDate) {
  EXPECT_EQ(ProblemOf("430102199013010013"), NationalIdProblem::kBadBirthDate);  // month 13
  EXPECT_EQ(ProblemOf("430102199000010014"), NationalIdProblem::kBadBirthDate);  // month 00
  EXPECT_EQ(ProblemOf("430102199001000010"), NationalIdProblem::kBadBirthDate);  // day 00
  EXPECT_EQ(ProblemOf("430102199001320014"), NationalIdProblem::kBadBirthDate);  // January 32
  EXPECT_EQ(ProblemOf("430102199004310014"), NationalIdProblem::kBadBirthDate);  // April 31
}

TEST(NationalIdNumber, BirthYearFrom1900) {
  EXPECT_EQ(ProblemOf("430102190001010015"), NationalIdProblem::kNone);  // 1900-01-01
  EXPECT_EQ(ProblemOf("430102189912310010"), NationalIdProblem::kBadBirthDate);
  // The standard's second worked example: a correct check character, but born in 1880.
  EXPECT_EQ(ProblemOf("440524188001010014"), NationalIdProblem::kBadBirthDate);
}

TEST(NationalIdNumber, BirthDateNotAfterToday) {
  // Born on "today" is fine; a day later is in the future.
  EXPECT_EQ(ProblemOf("430102202406010019"), NationalIdProblem::kNone);
  EXPECT_EQ(ProblemOf("430102202406020014"), NationalIdProblem::kBirthDateInFuture);
  EXPECT_EQ(ProblemOf("430102209912310016"), NationalIdProblem::kBirthDateInFuture);
  // The same number is fine once that day has come.
  EXPECT_EQ(ProblemOf("430102202406020014", CivilDate{.year = 2024, .month = 6, .day = 2}),
            NationalIdProblem::kNone);
  EXPECT_EQ(ProblemOf("430102202406020014", CivilDate{.year = 2025, .month = 1, .day = 1}),
            NationalIdProblem::kNone);
  EXPECT_FALSE(CheckNationalIdNumber("430102209912310016", kToday).parsed.has_value());
}

TEST(NationalIdNumber, ProblemsAreReportedInOrder) {
  // Shape before check character before date: month 13 or a future birth date with a wrong
  // check character is reported as the check character.
  EXPECT_EQ(ProblemOf("43010219901301001"), NationalIdProblem::kMalformed);
  EXPECT_EQ(ProblemOf("430102199013010014"), NationalIdProblem::kCheckDigitMismatch);
  EXPECT_EQ(ProblemOf("430102209912310017"), NationalIdProblem::kCheckDigitMismatch);
}

TEST(NationalIdNumber, MasksAllButProvinceCityAndLastFour) {
  EXPECT_EQ(MaskNationalIdNumber("430102199003071234"), "430***********1234");
  EXPECT_EQ(MaskNationalIdNumber("43010219850611107X"), "430***********107X");
  EXPECT_EQ(MaskNationalIdNumber("430102199003071234").size(), 18u);
}

TEST(NationalIdNumber, MasksOtherLengthsCompletely) {
  EXPECT_EQ(MaskNationalIdNumber(""), "");
  EXPECT_EQ(MaskNationalIdNumber("430102900307123"), "***************");
  EXPECT_EQ(MaskNationalIdNumber("4301021990030712345"), "*******************");
}

TEST(NationalIdNumber, ProblemNames) {
  EXPECT_EQ(NationalIdProblemName(NationalIdProblem::kNone), "none");
  EXPECT_EQ(NationalIdProblemName(NationalIdProblem::kMalformed), "malformed");
  EXPECT_EQ(NationalIdProblemName(NationalIdProblem::kCheckDigitMismatch), "check_digit_mismatch");
  EXPECT_EQ(NationalIdProblemName(NationalIdProblem::kBadBirthDate), "bad_birth_date");
  EXPECT_EQ(NationalIdProblemName(NationalIdProblem::kBirthDateInFuture), "birth_date_in_future");
}

}  // namespace
}  // namespace jindu::runtime

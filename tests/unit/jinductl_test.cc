// jinductl's pieces that need no server: display width of mixed Chinese and ASCII text and the
// tables padded by it, the period forms and their conversion to the proto's half-open ranges,
// enum short names, and the command-line parser's refusals.

#include <gtest/gtest.h>

#include <sstream>

#include "jindu/registration/v1/organization.pb.h"
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "jinductl/command_line.h"
#include "jinductl/commands.h"
#include "jinductl/display_width.h"
#include "jinductl/errors.h"
#include "jinductl/output.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

TEST(JinductlDisplayWidth, CountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("芙蓉区"), 6u);
  EXPECT_EQ(DisplayWidth("活动 activities (场)"), 20u);
  EXPECT_EQ(DisplayWidth("（全角）"), 8u);   // full-width parentheses
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u);  // e + combining acute accent
  EXPECT_EQ(DisplayWidth("\xFF"), 1u);       // a stray byte
  EXPECT_EQ(DisplayWidth("𠀀"), 2u);         // CJK extension B, four bytes
}

TEST(JinductlTable, PadsByDisplayWidth) {
  Table table({"名称", "n"}, {Table::Align::kLeft, Table::Align::kRight});
  table.AddRow({"芙蓉区社会禁毒协会", "1"});
  table.AddRow({"team", "120"});
  std::ostringstream out;
  table.Print(out);
  std::vector<std::string> lines;
  std::stringstream stream(out.str());
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "名称                  n");
  EXPECT_EQ(lines[1], "芙蓉区社会禁毒协会    1");
  EXPECT_EQ(lines[2], "team                120");
  for (const std::string& line : lines) EXPECT_EQ(DisplayWidth(line), 23u) << line;
}

TEST(JinductlValues, PeriodsInEveryFormAndInclusiveRangesBecomeHalfOpen) {
  EXPECT_EQ(ParsePeriod("period", "2024").year(), 2024);
  EXPECT_EQ(ParsePeriod("period", "2024-Q3").quarter().quarter(), 3);
  EXPECT_EQ(ParsePeriod("period", "2024-07").month().month(), 7);
  EXPECT_EQ(FormatDate(ParsePeriod("period", "2024-02-29").day()), "2024-02-29");
  const common::v1::Period range = ParsePeriod("period", "2024-07-01..2024-10-31");
  EXPECT_EQ(FormatDate(range.range().start_date()), "2024-07-01");
  EXPECT_EQ(FormatDate(range.range().end_date()), "2024-11-01");
  EXPECT_EQ(FormatPeriod(range), "2024-07-01..2024-10-31");
  EXPECT_EQ(FormatDate(ParsePeriod("period", "2024-12-01..2024-12-31").range().end_date()),
            "2025-01-01");
  EXPECT_EQ(FormatDate(ParsePeriod("period", "2024-02-01..2024-02-29").range().end_date()),
            "2024-03-01");
  for (const char* bad : {"2024-13", "2024-Q5", "2023-02-29", "2024-11-01..2024-07-01", "24",
                          "2024-07-01..", "last year"}) {
    EXPECT_THROW(ParsePeriod("period", bad), UsageError) << bad;
  }
}

TEST(JinductlValues, EnumsByShortLowerCaseNames) {
  EXPECT_EQ(ParseEnum<registration::v1::OrganizationKind>("kind", "township_branch"),
            registration::v1::ORGANIZATION_KIND_TOWNSHIP_BRANCH);
  EXPECT_EQ(ParseEnum<registration::v1::OrganizationKind>("kind", "ORGANIZATION_KIND_STUDIO"),
            registration::v1::ORGANIZATION_KIND_STUDIO);
  EXPECT_EQ(ShortName(reporting::v1::REPORT_TABLE_LECTURE_TEAMS), "lecture_teams");
  try {
    ParseEnum<registration::v1::OrganizationKind>("kind", "unspecified");
    ADD_FAILURE() << "UNSPECIFIED accepted";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("--kind unspecified: expected one of association"),
              std::string::npos)
        << error.what();
  }
}

std::string UsageMessage(const std::vector<std::string>& words) {
  try {
    ParseCommandLine(AllCommands(), words);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(JinductlCommandLine, ParsesFlagsAnywhereAndNamesWhatIsWrong) {
  const ParsedCommandLine parsed =
      ParseCommandLine(AllCommands(), {"--output=json", "orgs", "list", "--kind", "association",
                                       "--kind", "lecture_team", "--region", "430100"});
  ASSERT_NE(parsed.verb, nullptr);
  EXPECT_EQ(parsed.noun->name, "orgs");
  EXPECT_EQ(parsed.verb->name, "list");
  EXPECT_EQ(parsed.flags.at("kind"), (std::vector<std::string>{"association", "lecture_team"}));
  EXPECT_EQ(parsed.flags.at("output"), std::vector<std::string>{"json"});

  const ParsedCommandLine export_command = ParseCommandLine(
      AllCommands(), {"export", "six_into", "--region", "430100", "--period", "2024", "-o", "f"});
  EXPECT_EQ(export_command.args, std::vector<std::string>{"six_into"});
  EXPECT_EQ(export_command.flags.at("o"), std::vector<std::string>{"f"});

  EXPECT_EQ(UsageMessage({"orgs", "list", "--colour", "red"}),
            "unknown flag --colour (see --help)");
  EXPECT_EQ(UsageMessage({"regions", "list", "--kind", "lecture"}),
            "unknown flag --kind for 'regions list'");
  EXPECT_EQ(UsageMessage({"orgs", "list", "--region", "1", "--region", "2"}),
            "flag --region given more than once");
  EXPECT_EQ(UsageMessage({"orgs", "list", "--region"}), "flag --region needs a value (CODE)");
  EXPECT_EQ(UsageMessage({"orgs"}), "'orgs' needs a subcommand (see jinductl orgs --help)");
  EXPECT_EQ(UsageMessage({"orgs", "fly"}), "unknown command 'orgs fly'");
  EXPECT_EQ(UsageMessage({"regions", "get"}), "'regions get' takes CODE");
  EXPECT_EQ(UsageMessage({"regions", "get", "1", "2"}), "'regions get' takes CODE; unexpected '2'");
  EXPECT_EQ(UsageMessage({"-x"}), "unknown flag -x (see --help)");
  EXPECT_EQ(UsageMessage({"-region", "1"}), "unknown flag -region (flags are spelt --name)");
  EXPECT_TRUE(ParseCommandLine(AllCommands(), {"orgs", "create", "--help"}).help);
}

}  // namespace
}  // namespace jindu::jinductl

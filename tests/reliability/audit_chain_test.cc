// The casework access audit log against its table owner. Caseworkers read cases in full from
// several threads at once (and a caseworker of another county tries, refused and audited), so the
// chain is built by concurrent appends; it verifies intact. Then, while a reader keeps appending
// at the head, someone with the table owner's rights switches the append-only trigger off and:
//   - edits one entry (its purpose);
//   - deletes one entry;
//   - reorders entries three ways: two rows' contents swapped whole (hashes with them), two rows'
//     contents swapped but each keeping its own hashes, and two rows' sequence numbers swapped;
//   - deletes the newest entry (the head still names it).
// Each time the VerifyAccessAuditLog RPC and the jindu-audit-verify command report the chain
// broken at exactly the tampered sequence, with the problem; the row is put back and the chain
// verifies intact again, every entry appended meanwhile included.
//
// Short run: 400 full reads; JINDU_RELIABILITY_LONG=1: 50,000 (ten verification chunks of
// 5,000); JINDU_AUDIT_CHAIN_READS overrides. Figures: build/reliability/audit_chain.json.

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "harness/child_process.h"
#include "jindu/casework/v1/access_audit_service.grpc.pb.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

namespace cw = casework::v1;
using namespace std::chrono_literals;

const TestCaller kFurongWorker{
    .subject = "chain-furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kTianxinWorker{
    .subject = "chain-tianxin-worker", .roles = {"caseworker"}, .regions = {"430103"}};
const TestCaller kAuditor{.subject = "chain-auditor", .roles = {"auditor"}, .regions = {"430000"}};
constexpr int kReaders = 4;

class ChainScenario {
 public:
  explicit ChainScenario(CaseworkSuite& suite) : suite_(suite) {}

  std::string CreateCase(const std::string& name, const std::string& id_number) {
    cw::CreateCaseRequest request;
    request.mutable_case_()->mutable_personal_details()->set_full_name(name);
    request.mutable_case_()->mutable_personal_details()->set_national_id_number(id_number);
    request.mutable_case_()->set_residence_region_code("430102");
    request.mutable_case_()->set_assistance_category(cw::ASSISTANCE_CATEGORY_TWO);
    request.mutable_measure()->set_type(cw::MEASURE_TYPE_NONE);
    cw::Case created;
    auto context = suite_.casework().Context(kFurongWorker);
    const grpc::Status status = Cases()->CreateCase(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  grpc::Status ReadFull(const TestCaller& caller, const std::string& name) {
    cw::GetCaseRequest request;
    request.set_name(name);
    request.set_view(cw::CASE_VIEW_FULL);
    request.set_access_purpose("入户走访前核对身份");
    cw::Case got;
    auto context = suite_.casework().Context(caller, 60s);
    return Cases()->GetCase(context.get(), request, &got);
  }

  cw::VerifyAccessAuditLogResponse Verify() {
    auto audit = cw::AccessAuditService::NewStub(suite_.casework().Channel());
    cw::VerifyAccessAuditLogRequest request;
    cw::VerifyAccessAuditLogResponse response;
    auto context = suite_.casework().Context(kAuditor, 120s);
    const grpc::Status status = audit->VerifyAccessAuditLog(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  struct ToolRun {
    int exit_code = -1;
    std::string output;
  };
  ToolRun RunVerifier() {
    const std::string log =
        ::testing::TempDir() + "/audit_chain_verify_" + std::to_string(runs_++) + ".log";
    auto tool = ChildProcess::Start(
        {std::string(JINDU_BUILD_DIR) + "/tools/audit_verify/jindu-audit-verify", "--target",
         "127.0.0.1:" + std::to_string(suite_.casework().grpc_port())},
        {{"JINDU_TOKEN", suite_.casework().Token(kAuditor)}}, log);
    ToolRun run;
    run.exit_code = tool->Wait(120s);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    return run;
  }

  int64_t Head() {
    return Scalar(suite_.casework().postgres_url(),
                  "SELECT sequence FROM casework.access_audit_head");
  }

  // What the table owner can do: the append-only trigger off, the change, the trigger on.
  void AsOwner(const std::string& sql) {
    Execute(suite_.casework().postgres_url(),
            "ALTER TABLE casework.access_audit_entries DISABLE TRIGGER access_audit_append_only; " +
                sql +
                "; ALTER TABLE casework.access_audit_entries ENABLE TRIGGER "
                "access_audit_append_only");
  }
  // Keeps the rows of `sequences` for Restore.
  void Save(const std::string& sequences) {
    AsOwner(
        "CREATE TABLE public.saved_entries AS SELECT * FROM casework.access_audit_entries "
        "WHERE sequence IN (" +
        sequences + ")");
  }
  void Restore(const std::string& sequences) {
    AsOwner("DELETE FROM casework.access_audit_entries WHERE sequence IN (" + sequences +
            "); INSERT INTO casework.access_audit_entries SELECT * FROM public.saved_entries; "
            "DROP TABLE public.saved_entries");
  }

 private:
  std::unique_ptr<cw::CaseworkService::Stub> Cases() {
    return cw::CaseworkService::NewStub(suite_.casework().Channel());
  }
  CaseworkSuite& suite_;
  int runs_ = 0;
};

// Every column but the sequence, and those but the two hashes.
constexpr char kContentColumns[] =
    "time_micros, subject, roles, method, resource, person_pseudonym, region_code, region_path, "
    "fields, purpose, denied, request_id";

TEST(AuditChain, EditedDeletedAndReorderedEntriesAreFoundAtTheirSequenceUnderAppends) {
  const auto started = std::chrono::steady_clock::now();
  const int64_t reads = Setting("JINDU_AUDIT_CHAIN_READS", 400, 50000);
  auto suite = CaseworkSuite::Start("audit_chain", "", "430102");
  ChainScenario scenario(*suite);
  const std::vector<std::string> cases = {scenario.CreateCase("链审甲", "43010219800101002X"),
                                          scenario.CreateCase("链审乙", "430102198808080045"),
                                          scenario.CreateCase("链审丙", "430102199001011238")};

  // The chain, appended to by concurrent full reads, one refused read of another county in ten.
  std::atomic<int64_t> next{0}, read_ok{0}, refused{0}, failed{0};
  const auto appending = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> readers;
    for (int r = 0; r < kReaders; ++r) {
      readers.emplace_back([&] {
        for (int64_t i; (i = next++) < reads;) {
          const bool other_county = i % 10 == 9;
          const grpc::Status status = scenario.ReadFull(
              other_county ? kTianxinWorker : kFurongWorker, cases[static_cast<size_t>(i) % 3]);
          if (other_county && status.error_code() == grpc::StatusCode::NOT_FOUND) {
            ++refused;
          } else if (!other_county && status.ok()) {
            ++read_ok;
          } else {
            ++failed;
          }
        }
      });
    }
  }
  const double append_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - appending).count();
  EXPECT_EQ(failed, 0);
  const int64_t built = scenario.Head();
  EXPECT_EQ(built, read_ok + refused);  // every attempt audited, nothing else
  const cw::VerifyAccessAuditLogResponse whole = scenario.Verify();
  EXPECT_TRUE(whole.intact()) << whole.problem() << " at " << whole.first_broken_sequence();
  EXPECT_EQ(whole.entries_checked(), built);

  // From here a reader keeps appending at the head while the owner tampers.
  std::atomic<bool> stop{false};
  std::atomic<int64_t> appended_meanwhile{0};
  std::jthread appender([&] {
    while (!stop) {
      if (scenario.ReadFull(kFurongWorker, cases[0]).ok()) ++appended_meanwhile;
    }
  });

  struct Tampering {
    std::string kind;
    int64_t sequence;       // the entry tampered with (the first of two)
    std::string problem;    // what the verifier must say
    std::string sequences;  // the rows saved and restored
    std::string sql;        // the tampering
  };
  const auto text = [](int64_t n) { return std::to_string(n); };
  const int64_t edited = built / 5, deleted = built * 2 / 5, swapped = built * 3 / 5,
                content = built * 7 / 10, renumbered = built * 4 / 5;
  std::vector<Tampering> tamperings = {
      {"edited purpose", edited, "hash mismatch", text(edited),
       "UPDATE casework.access_audit_entries SET purpose = '例行检查' WHERE sequence = " +
           text(edited)},
      {"deleted", deleted, "missing entry", text(deleted),
       "DELETE FROM casework.access_audit_entries WHERE sequence = " + text(deleted)},
      // Two neighbours exchange everything but their sequence: each row is whole and its own
      // hash still matches, but the first no longer links to the entry before it.
      {"reordered: rows swapped whole", swapped, "previous hash mismatch",
       text(swapped) + "," + text(swapped + 1),
       std::string("UPDATE casework.access_audit_entries e SET (") + kContentColumns +
           ", previous_hash, entry_hash) = (SELECT " + kContentColumns +
           ", previous_hash, entry_hash FROM public.saved_entries s WHERE s.sequence = " +
           text(2 * swapped + 1) + " - e.sequence) WHERE e.sequence IN (" + text(swapped) + ", " +
           text(swapped + 1) + ")"},
      // Two entries exchange their contents and keep their chain links.
      {"reordered: contents swapped", content, "hash mismatch",
       text(content) + "," + text(content + 2),
       std::string("UPDATE casework.access_audit_entries e SET (") + kContentColumns +
           ") = (SELECT " + kContentColumns +
           " FROM public.saved_entries s WHERE s.sequence = " + text(2 * content + 2) +
           " - e.sequence) WHERE e.sequence IN (" + text(content) + ", " + text(content + 2) + ")"},
      // Two neighbours exchange their sequence numbers: read in order, the later entry comes
      // first and links to the wrong predecessor.
      {"reordered: sequences swapped", renumbered, "previous hash mismatch",
       text(renumbered) + "," + text(renumbered + 1),
       "UPDATE casework.access_audit_entries SET sequence = -1 WHERE sequence = " +
           text(renumbered) + "; UPDATE casework.access_audit_entries SET sequence = " +
           text(renumbered) + " WHERE sequence = " + text(renumbered + 1) +
           "; UPDATE casework.access_audit_entries SET sequence = " + text(renumbered + 1) +
           " WHERE sequence = -1"},
  };

  std::string results;
  int64_t found_exactly = 0;
  for (const Tampering& tampering : tamperings) {
    SCOPED_TRACE(tampering.kind);
    scenario.Save(tampering.sequences);
    scenario.AsOwner(tampering.sql);
    const cw::VerifyAccessAuditLogResponse verdict = scenario.Verify();
    EXPECT_FALSE(verdict.intact());
    EXPECT_EQ(verdict.first_broken_sequence(), tampering.sequence);
    EXPECT_EQ(verdict.problem(), tampering.problem);
    const ChainScenario::ToolRun tool = scenario.RunVerifier();
    EXPECT_EQ(tool.exit_code, 1) << tool.output;
    const std::string expected_line =
        "broken at sequence " + text(tampering.sequence) + ": " + tampering.problem;
    const bool tool_exact = tool.output.find(expected_line) != std::string::npos;
    EXPECT_TRUE(tool_exact) << tool.output;
    const bool exact = !verdict.intact() && verdict.first_broken_sequence() == tampering.sequence &&
                       verdict.problem() == tampering.problem && tool.exit_code == 1 && tool_exact;
    found_exactly += exact ? 1 : 0;
    scenario.Restore(tampering.sequences);
    const cw::VerifyAccessAuditLogResponse again = scenario.Verify();
    EXPECT_TRUE(again.intact()) << again.problem() << " at " << again.first_broken_sequence();
    EXPECT_GE(again.entries_checked(), built);
    results += (results.empty() ? "" : ",") + std::string("{\"kind\":\"") + tampering.kind +
               "\",\"sequence\":" + text(tampering.sequence) +
               ",\"reported_at\":" + text(verdict.first_broken_sequence()) + ",\"problem\":\"" +
               verdict.problem() + "\",\"tool_exit\":" + text(tool.exit_code) +
               ",\"intact_after_restore\":" + (again.intact() ? "true" : "false") + "}";
  }

  // The newest entry deleted: no later entry links to it, the head still names it. The appender
  // stops first, or the next append would move the head past the gap.
  stop = true;
  appender.join();
  const int64_t last = scenario.Head();
  scenario.Save(text(last));
  scenario.AsOwner("DELETE FROM casework.access_audit_entries WHERE sequence = " + text(last));
  const cw::VerifyAccessAuditLogResponse tail = scenario.Verify();
  EXPECT_FALSE(tail.intact());
  EXPECT_EQ(tail.first_broken_sequence(), last);
  EXPECT_EQ(tail.problem(), "missing entry");
  const ChainScenario::ToolRun tail_tool = scenario.RunVerifier();
  EXPECT_EQ(tail_tool.exit_code, 1) << tail_tool.output;
  const bool tail_exact =
      !tail.intact() && tail.first_broken_sequence() == last && tail_tool.exit_code == 1;
  found_exactly += tail_exact ? 1 : 0;
  scenario.Restore(text(last));
  const cw::VerifyAccessAuditLogResponse final_verdict = scenario.Verify();
  EXPECT_TRUE(final_verdict.intact());
  EXPECT_EQ(final_verdict.entries_checked(), last);
  const ChainScenario::ToolRun final_tool = scenario.RunVerifier();
  EXPECT_EQ(final_tool.exit_code, 0) << final_tool.output;
  results += ",{\"kind\":\"deleted newest\",\"sequence\":" + text(last) +
             ",\"reported_at\":" + text(tail.first_broken_sequence()) + ",\"problem\":\"" +
             tail.problem() + "\",\"tool_exit\":" + text(tail_tool.exit_code) +
             ",\"intact_after_restore\":" + (final_verdict.intact() ? "true" : "false") + "}";

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char figures[512];
  std::snprintf(figures, sizeof figures,
                "{\"full_reads\":%lld,\"refused_reads\":%lld,\"entries_built\":%lld,"
                "\"concurrent_readers\":%d,\"append_seconds\":%.1f,\"intact_checked\":%lld,"
                "\"appended_during_tampering\":%lld,\"final_entries\":%lld,"
                "\"tamperings_found_exactly\":%lld,\"tamperings\":%zu,\"test_seconds\":%.1f,",
                static_cast<long long>(read_ok.load()), static_cast<long long>(refused.load()),
                static_cast<long long>(built), kReaders, append_seconds,
                static_cast<long long>(whole.entries_checked()),
                static_cast<long long>(appended_meanwhile.load()),
                static_cast<long long>(final_verdict.entries_checked()),
                static_cast<long long>(found_exactly), tamperings.size() + 1, seconds);
  EXPECT_EQ(found_exactly, static_cast<int64_t>(tamperings.size() + 1));
  WriteFigures("audit_chain", std::string(figures) + "\"results\":[" + results + "]}");
  std::printf("audit_chain: %s\"results\":[%s]}\n", figures, results.c_str());
}

}  // namespace
}  // namespace jindu::testing::reliability

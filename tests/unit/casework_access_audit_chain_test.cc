// The access audit log's hash chain as pure functions: the canonical encoding tells apart entries
// whose fields differ only in where a separator or digits fall, and FindChainBreak finds the first
// edited, relinked or missing entry of a run, and nothing in an intact one.
#include <gtest/gtest.h>

#include "casework/audit/access_audit_chain.h"

namespace jindu::casework {
namespace {

AccessAuditEntryContent Entry(int64_t sequence) {
  AccessAuditEntryContent entry;
  entry.sequence = sequence;
  entry.time_micros = 1719765000000000 + sequence * 1000;
  entry.subject = "furong-worker";
  entry.roles = "caseworker";
  entry.method = "/jindu.casework.v1.CaseworkService/GetCase";
  entry.resource = "cases/abc" + std::to_string(sequence);
  entry.person_pseudonym = "p0123456789abcdef01234567";
  entry.region_code = "430102";
  entry.region_path = ";430000;430100;430102;";
  entry.fields = "personal_details.full_name,personal_details.national_id_number";
  entry.purpose = "走访前核对身份";
  entry.request_id = "req-" + std::to_string(sequence);
  return entry;
}

// A chain of `count` entries from sequence 1, each linked to the one before.
std::vector<StoredAccessAuditEntry> Chain(int count) {
  std::vector<StoredAccessAuditEntry> chain;
  std::string previous;
  for (int sequence = 1; sequence <= count; ++sequence) {
    StoredAccessAuditEntry stored{.content = Entry(sequence), .previous_hash = previous};
    stored.entry_hash = AccessAuditEntryHash(previous, stored.content);
    previous = stored.entry_hash;
    chain.push_back(stored);
  }
  return chain;
}

TEST(AccessAuditChainTest, HashIsLowerCaseHexSha256AndDependsOnThePreviousHash) {
  const std::string hash = AccessAuditEntryHash("", Entry(1));
  ASSERT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(hash, AccessAuditEntryHash("", Entry(1)));
  EXPECT_NE(hash, AccessAuditEntryHash(std::string(64, '0'), Entry(1)));
}

TEST(AccessAuditChainTest, ASeparatorMovedBetweenFieldsChangesTheEncoding) {
  AccessAuditEntryContent a = Entry(1);
  AccessAuditEntryContent b = Entry(1);
  a.subject = "alice|";
  a.roles = "caseworker";
  b.subject = "alice";
  b.roles = "|caseworker";
  EXPECT_NE(CanonicalAccessAuditContent(a), CanonicalAccessAuditContent(b));
  EXPECT_NE(AccessAuditEntryHash("", a), AccessAuditEntryHash("", b));

  // Text that looks like the encoding's own length prefix cannot forge a field boundary either.
  AccessAuditEntryContent c = Entry(1);
  AccessAuditEntryContent d = Entry(1);
  c.method = "x";
  c.resource = "3:abc";
  d.method = "x3:abc";
  d.resource = "";
  EXPECT_NE(CanonicalAccessAuditContent(c), CanonicalAccessAuditContent(d));
  EXPECT_NE(AccessAuditEntryHash("", c), AccessAuditEntryHash("", d));
}

TEST(AccessAuditChainTest, DigitsMovedBetweenNumbersChangeTheEncoding) {
  AccessAuditEntryContent a = Entry(1);
  AccessAuditEntryContent b = Entry(1);
  a.sequence = 12;
  a.time_micros = 345;
  b.sequence = 123;
  b.time_micros = 45;
  EXPECT_NE(CanonicalAccessAuditContent(a), CanonicalAccessAuditContent(b));
  EXPECT_NE(AccessAuditEntryHash("", a), AccessAuditEntryHash("", b));

  // Digits moved from the region code into the region path.
  AccessAuditEntryContent c = Entry(1);
  AccessAuditEntryContent d = Entry(1);
  c.region_code = "430102";
  c.region_path = ";430000;";
  d.region_code = "4301";
  d.region_path = "02;430000;";
  EXPECT_NE(AccessAuditEntryHash("", c), AccessAuditEntryHash("", d));
}

TEST(AccessAuditChainTest, EveryColumnIsCovered) {
  const AccessAuditEntryContent base = Entry(7);
  const std::string hash = AccessAuditEntryHash("", base);
  std::vector<AccessAuditEntryContent> changed(13, base);
  changed[0].sequence = 8;
  changed[1].time_micros += 1;
  changed[2].subject = "other";
  changed[3].roles = "police_liaison";
  changed[4].method = "/jindu.casework.v1.CaseworkService/LookupCases";
  changed[5].resource = "cases/other";
  changed[6].person_pseudonym = "p000000000000000000000000";
  changed[7].region_code = "430103";
  changed[8].region_path = ";430000;430100;430103;";
  changed[9].fields = "personal_details.full_name";
  changed[10].purpose = "核对";
  changed[11].denied = true;
  changed[12].request_id = "req-other";
  for (size_t i = 0; i < changed.size(); ++i) {
    EXPECT_NE(AccessAuditEntryHash("", changed[i]), hash) << "column " << i;
  }
}

TEST(AccessAuditChainTest, AnIntactChainHasNoBreak) {
  const std::vector<StoredAccessAuditEntry> chain = Chain(5);
  EXPECT_FALSE(FindChainBreak(chain, 1, "").has_value());
  // A run from the middle, anchored to the hash of the entry before it.
  const std::vector<StoredAccessAuditEntry> tail(chain.begin() + 2, chain.end());
  EXPECT_FALSE(FindChainBreak(tail, 3, chain[1].entry_hash).has_value());
  EXPECT_FALSE(FindChainBreak({}, 1, "").has_value());
}

TEST(AccessAuditChainTest, AnEditedContentFieldIsAHashMismatchAtThatEntry) {
  std::vector<StoredAccessAuditEntry> chain = Chain(5);
  chain[2].content.purpose = "随便看看";
  const auto broken = FindChainBreak(chain, 1, "");
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 3);
  EXPECT_EQ(broken->problem, "hash mismatch");
}

TEST(AccessAuditChainTest, AnEditRecomputedIntoItsOwnHashBreaksTheNextLink) {
  std::vector<StoredAccessAuditEntry> chain = Chain(5);
  chain[2].content.denied = true;
  chain[2].entry_hash = AccessAuditEntryHash(chain[2].previous_hash, chain[2].content);
  const auto broken = FindChainBreak(chain, 1, "");
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 4);
  EXPECT_EQ(broken->problem, "previous hash mismatch");
}

TEST(AccessAuditChainTest, AChangedPreviousHashIsFound) {
  std::vector<StoredAccessAuditEntry> chain = Chain(5);
  chain[3].previous_hash = std::string(64, 'f');
  const auto broken = FindChainBreak(chain, 1, "");
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 4);
  EXPECT_EQ(broken->problem, "previous hash mismatch");

  // A wrong anchor is a break at the first entry of the run.
  const std::vector<StoredAccessAuditEntry> intact = Chain(3);
  const auto anchored = FindChainBreak(intact, 1, std::string(64, '0'));
  ASSERT_TRUE(anchored.has_value());
  EXPECT_EQ(anchored->sequence, 1);
}

TEST(AccessAuditChainTest, AMissingSequenceIsFound) {
  std::vector<StoredAccessAuditEntry> chain = Chain(5);
  chain.erase(chain.begin() + 1);  // sequence 2
  const auto broken = FindChainBreak(chain, 1, "");
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 2);
  EXPECT_EQ(broken->problem, "missing entry");

  // A run that does not start where expected misses its first entry.
  std::vector<StoredAccessAuditEntry> whole = Chain(3);
  whole.erase(whole.begin());
  const auto first_missing = FindChainBreak(whole, 1, "");
  ASSERT_TRUE(first_missing.has_value());
  EXPECT_EQ(first_missing->sequence, 1);
  EXPECT_EQ(first_missing->problem, "missing entry");
}

}  // namespace
}  // namespace jindu::casework

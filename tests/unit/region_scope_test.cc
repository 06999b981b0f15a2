// Region containment (code structure and explicit special-zone edges) and the region check.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "runtime/auth/gbt2260_hierarchy.h"
#include "runtime/auth/region_authorization.h"
#include "runtime/auth/region_code.h"
#include "runtime/auth/region_tree.h"

namespace jindu::runtime {
namespace {

TEST(RegionCode, RecognisesShapes) {
  EXPECT_TRUE(IsWellFormedRegionCode("430000"));
  EXPECT_TRUE(IsWellFormedRegionCode("430102001"));
  EXPECT_TRUE(IsWellFormedRegionCode("430102001001"));
  EXPECT_TRUE(IsWellFormedRegionCode("Z43010001"));
  EXPECT_TRUE(IsSpecialZoneCode("Z43010001"));
  EXPECT_FALSE(IsSpecialZoneCode("430102001"));
  for (const char* bad : {"", "43", "4301", "4301020", "43010200100", "43010a", "430102 ", "-43010",
                          "4301020010010", "Z4301000", "Z430100011", "z43010001", "ZA3010001"}) {
    EXPECT_FALSE(IsWellFormedRegionCode(bad)) << bad;
  }
}

TEST(RegionCode, WalksStructuralParents) {
  EXPECT_EQ(StructuralParentRegion("430102001001"), "430102001");
  EXPECT_EQ(StructuralParentRegion("430102001"), "430102");
  EXPECT_EQ(StructuralParentRegion("430102"), "430100");
  EXPECT_EQ(StructuralParentRegion("430100"), "430000");
  EXPECT_EQ(StructuralParentRegion("429004"), "429000");  // county-level city under the province
  EXPECT_EQ(StructuralParentRegion("430000"), std::nullopt);
  EXPECT_EQ(StructuralParentRegion("43010x"), std::nullopt);
}

TEST(GbT2260Hierarchy, ProvinceCityCountyTownship) {
  GbT2260Hierarchy h;
  // Province Hunan 430000.
  EXPECT_TRUE(h.Contains("430000", "430000"));
  EXPECT_TRUE(h.Contains("430000", "430100"));
  EXPECT_TRUE(h.Contains("430000", "430102"));
  EXPECT_TRUE(h.Contains("430000", "430102001"));
  EXPECT_TRUE(h.Contains("430000", "430102001001"));
  EXPECT_FALSE(h.Contains("430000", "440100"));
  // City Changsha 430100.
  EXPECT_TRUE(h.Contains("430100", "430102"));
  EXPECT_TRUE(h.Contains("430100", "430102001001"));
  EXPECT_FALSE(h.Contains("430100", "430000"));
  EXPECT_FALSE(h.Contains("430100", "430202"));
  // County Furong district 430102.
  EXPECT_TRUE(h.Contains("430102", "430102001"));
  EXPECT_TRUE(h.Contains("430102", "430102001001"));
  EXPECT_FALSE(h.Contains("430102", "430103"));
  EXPECT_FALSE(h.Contains("430102", "430100"));
  EXPECT_FALSE(h.Contains("430102", "430103001"));
  // Township and village.
  EXPECT_TRUE(h.Contains("430102001", "430102001007"));
  EXPECT_FALSE(h.Contains("430102001", "430102002007"));
  EXPECT_FALSE(h.Contains("430102001", "430102"));
  EXPECT_TRUE(h.Contains("430102001007", "430102001007"));
  EXPECT_FALSE(h.Contains("430102001007", "430102001008"));
}

TEST(GbT2260Hierarchy, MalformedCodesNeverMatch) {
  GbT2260Hierarchy h;
  EXPECT_FALSE(h.Contains("430000", ""));
  EXPECT_FALSE(h.Contains("430000", "4301"));      // a prefix of the province, not a code
  EXPECT_FALSE(h.Contains("430000", "43010200"));  // wrong length
  EXPECT_FALSE(h.Contains("430000", "43010a"));    // not digits
  EXPECT_FALSE(h.Contains("430000", "430102001001x"));
  EXPECT_FALSE(h.Contains("43", "430102"));  // a malformed scope grants nothing
  EXPECT_FALSE(h.Contains("", "430102"));
  EXPECT_FALSE(h.Contains("43010a", "43010a"));  // not even itself
}

// A state-level new area administers townships that keep codes of other districts.
constexpr char kNewArea[] = "430180";

TEST(RegionTree, SpecialZoneContainsItsTownshipsAndTheirVillages) {
  RegionTree tree;
  tree.AddEdge("430104001", kNewArea);  // a township of Yuelu district
  tree.AddEdge("430124101", kNewArea);  // a town of Ningxiang
  EXPECT_TRUE(tree.Contains(kNewArea, kNewArea));
  EXPECT_TRUE(tree.Contains(kNewArea, "430104001"));
  EXPECT_TRUE(tree.Contains(kNewArea, "430104001003"));  // a village of that township
  EXPECT_TRUE(tree.Contains(kNewArea, "430124101"));
  EXPECT_FALSE(tree.Contains(kNewArea, "430104002"));  // another township of Yuelu
  EXPECT_FALSE(tree.Contains(kNewArea, "430104"));     // the district itself
  // The townships still belong to their districts, and everything to the city and province.
  EXPECT_TRUE(tree.Contains("430104", "430104001003"));
  EXPECT_TRUE(tree.Contains("430100", "430104001"));
  EXPECT_TRUE(tree.Contains("430000", "430104001003"));
  // The zone code itself is a structural child of the city.
  EXPECT_TRUE(tree.Contains("430100", kNewArea));
  EXPECT_FALSE(tree.Contains(kNewArea, "4301"));
}

TEST(RegionTree, SpecialZoneCodeLivesOnlyThroughItsEdges) {
  constexpr char kZone[] = "Z43010001";
  RegionTree tree;
  EXPECT_FALSE(tree.Contains("430100", kZone));  // no structural parent
  tree.AddEdge(kZone, "430100");
  tree.AddEdge("430104001", kZone);
  EXPECT_TRUE(tree.Contains("430100", kZone));
  EXPECT_TRUE(tree.Contains("430000", kZone));
  EXPECT_TRUE(tree.Contains(kZone, "430104001003"));
  EXPECT_FALSE(tree.Contains(kZone, "430104002"));
  EXPECT_FALSE(tree.Contains(kZone, "430104"));
  // Code structure alone never puts anything into a zone, nor a zone into a township.
  GbT2260Hierarchy structure;
  EXPECT_FALSE(structure.Contains(kZone, "430104001"));
  EXPECT_FALSE(structure.Contains("Z4301000", "Z43010001"));
  EXPECT_TRUE(structure.Contains(kZone, kZone));
}

TEST(RegionTree, WithoutCodeStructureOnlyEdgesCount) {
  RegionTree tree(/*follow_code_structure=*/false);
  tree.AddEdge("430104001", kNewArea);
  EXPECT_TRUE(tree.Contains(kNewArea, "430104001"));
  EXPECT_FALSE(tree.Contains(kNewArea, "430104001003"));
  EXPECT_FALSE(tree.Contains("430104", "430104001"));
}

TEST(RegionTree, RefusesMalformedSelfAndCyclicEdges) {
  RegionTree tree;
  EXPECT_THROW(tree.AddEdge("4301", kNewArea), std::invalid_argument);
  EXPECT_THROW(tree.AddEdge(kNewArea, kNewArea), std::invalid_argument);
  tree.AddEdge("430104001", kNewArea);
  // The zone would become a descendant of its own township.
  EXPECT_THROW(tree.AddEdge(kNewArea, "430104001"), std::invalid_argument);
  // The province would become a descendant of a township inside it.
  EXPECT_THROW(tree.AddEdge("430000", "430104001"), std::invalid_argument);
}

TEST(RegionTree, RemoveAndReplaceEdges) {
  RegionTree tree;
  tree.AddEdge("430104001", kNewArea);
  EXPECT_TRUE(tree.RemoveEdge("430104001", kNewArea));
  EXPECT_FALSE(tree.RemoveEdge("430104001", kNewArea));
  EXPECT_FALSE(tree.Contains(kNewArea, "430104001"));

  tree.ReplaceEdges({{"430104002", kNewArea}, {"430124101", kNewArea}});
  EXPECT_TRUE(tree.Contains(kNewArea, "430104002"));
  EXPECT_TRUE(tree.Contains(kNewArea, "430124101"));
  // A bad replacement leaves the current edges in place.
  EXPECT_THROW(tree.ReplaceEdges({{"430104003", kNewArea}, {"bad", kNewArea}}),
               std::invalid_argument);
  EXPECT_TRUE(tree.Contains(kNewArea, "430104002"));
  EXPECT_FALSE(tree.Contains(kNewArea, "430104003"));
}

TEST(RegionTree, ConcurrentReadsDuringReplacement) {
  RegionTree tree;
  tree.AddEdge("430104001", kNewArea);
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        // Both edge sets keep this township in the zone; nothing outside it may ever match.
        if (!tree.Contains(kNewArea, "430104001001")) ++wrong;
        if (tree.Contains(kNewArea, "430105001")) ++wrong;
      }
    });
  }
  for (int i = 0; i < 500; ++i) {
    if (i % 2 == 0) {
      tree.ReplaceEdges({{"430104001", kNewArea}, {"430124101", kNewArea}});
    } else {
      tree.ReplaceEdges({{"430104001", kNewArea}});
    }
  }
  stop = true;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(AuthorizeRegion, InsideScopesIsOk) {
  GbT2260Hierarchy h;
  Principal principal{"u-1", {"caseworker"}, {"430102", "430103001"}};
  EXPECT_TRUE(AuthorizeRegion(principal, "430102", h).ok());
  EXPECT_TRUE(AuthorizeRegion(principal, "430102005001", h).ok());
  EXPECT_TRUE(AuthorizeRegion(principal, "430103001002", h).ok());
  EXPECT_TRUE(MayActOnRegion(principal, "430102005", h));
}

TEST(AuthorizeRegion, OutsideScopesIsPermissionDenied) {
  GbT2260Hierarchy h;
  Principal principal{"u-1", {"caseworker"}, {"430102", "430103001"}};
  grpc::Status status = AuthorizeRegion(principal, "430104", h);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(), "principal may not act on region 430104: outside its scopes");
  // Acting on the parent of a scope is acting on more than the scope.
  EXPECT_EQ(AuthorizeRegion(principal, "430100", h).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(AuthorizeRegion(principal, "430103002", h).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_FALSE(MayActOnRegion(principal, "430104", h));
  // No scopes, no regions.
  EXPECT_EQ(AuthorizeRegion(Principal{"u-2", {}, {}}, "430102", h).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST(AuthorizeRegion, MalformedCodeIsDeniedWithoutEchoingIt) {
  GbT2260Hierarchy h;
  Principal principal{"u-1", {}, {"430000"}};
  grpc::Status status = AuthorizeRegion(principal, "4301<script>", h);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message().find("<script>"), std::string::npos);
  EXPECT_NE(status.error_message().find("malformed"), std::string::npos);
}

TEST(AuthorizeRegion, SpecialZoneScope) {
  RegionTree tree;
  tree.AddEdge("430104001", kNewArea);
  Principal zone_officer{"u-3", {"caseworker"}, {kNewArea}};
  EXPECT_TRUE(AuthorizeRegion(zone_officer, "430104001003", tree).ok());
  EXPECT_EQ(AuthorizeRegion(zone_officer, "430104002", tree).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  Principal district_officer{"u-4", {"caseworker"}, {"430104"}};
  EXPECT_TRUE(AuthorizeRegion(district_officer, "430104001003", tree).ok());
  EXPECT_EQ(AuthorizeRegion(district_officer, kNewArea, tree).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace jindu::runtime

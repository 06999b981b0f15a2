#pragma once
// The tables of seed 004 computed from the projections (publicity and registration facts), for a
// region (rolled up through the tree and special zones, each fact once) and a date range. Only
// approved activities count, at their approved revision; retracted news reports do not count.
#include <pqxx/pqxx>
#include <string>

#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/api/request_checks.h"

namespace jindu::reporting {

// Lectures, news reports and outlets per lecture team whose region lies in `region_code`.
void ComputeLectureTeams(pqxx::transaction_base& tx, const std::string& schema,
                         const std::string& region_code, const runtime::CivilDateRange& dates,
                         v1::ComputeLectureTeamTableResponse* response);

// Lectures and audience per lecturer of the lecture teams in the region (or of `team_id` alone
// when not empty), and the lecturers certified in those teams at period end.
void ComputeLecturers(pqxx::transaction_base& tx, const std::string& schema,
                      const std::string& region_code, const std::string& team_id,
                      const runtime::CivilDateRange& dates,
                      v1::ComputeLecturerTableResponse* response);

// Activities held in the region per six-into category (lectures only, of one team, when asked).
void ComputeSixInto(pqxx::transaction_base& tx, const std::string& schema,
                    const std::string& region_code, bool lectures_only, const std::string& team_id,
                    const runtime::CivilDateRange& dates,
                    v1::ComputeSixIntoTableResponse* response);

// News reports of the region's organisations per media tier and per outlet.
void ComputeMediaTiers(pqxx::transaction_base& tx, const std::string& schema,
                       const std::string& region_code, const runtime::CivilDateRange& dates,
                       v1::ComputeMediaTierTableResponse* response);

// Posts on the association's website and WeChat account per child region (the region itself
// when it has none), reports featuring branch heads per region and per branch.
void ComputeBranchHeads(pqxx::transaction_base& tx, const ReportingContext& context,
                        const std::string& region_code, int top_branches,
                        const runtime::CivilDateRange& dates,
                        v1::ComputeBranchHeadTableResponse* response);

}  // namespace jindu::reporting

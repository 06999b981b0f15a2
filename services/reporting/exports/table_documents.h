#pragma once
// Each table of the reporting API as a document with Chinese headers, in the words of the seeds
// (宣讲场次, 报道篇数, 覆盖人数...). The same responses the gRPC methods answer are rendered, so an
// export never disagrees with the API.
#include <vector>

#include "jindu/reporting/v1/assessment_service.pb.h"
#include "jindu/reporting/v1/filing_service.pb.h"
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/exports/table_document.h"

namespace jindu::reporting {

TableDocument RegionFiguresDocument(const v1::ComputeRegionFiguresResponse& response);
TableDocument LectureTeamsDocument(const v1::ComputeLectureTeamTableResponse& response);
TableDocument LecturersDocument(const v1::ComputeLecturerTableResponse& response);
TableDocument SixIntoDocument(const v1::ComputeSixIntoTableResponse& response);
TableDocument MediaTiersDocument(const v1::ComputeMediaTierTableResponse& response);
TableDocument BranchHeadsDocument(const v1::ComputeBranchHeadTableResponse& response);
TableDocument AssistanceDocument(const v1::ComputeAssistanceTableResponse& response);
TableDocument IndicatorsDocument(const v1::ComputeIndicatorsResponse& response);
TableDocument FilingsDocument(const std::vector<v1::Filing>& filings);
TableDocument AssessmentScoresDocument(const v1::ComputeAssessmentScoresResponse& response);

// Chinese names of the categories the tables break down by.
std::string SixIntoCategoryLabel(publicity::v1::SixIntoCategory category);
std::string MediaTierLabel(publicity::v1::MediaTier tier);

}  // namespace jindu::reporting

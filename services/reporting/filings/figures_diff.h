#pragma once
// Late delta of a filing: the current figures minus the frozen ones, numeric field by numeric field
// (every int64 of RegionFigures and its parts, Money's minor units included). Repeated breakdowns
// are matched by their key (the enum and string fields of an entry other than display names: the
// six-into category, the kind, the campaign and participation kind, the measure, the status), so
// a kind present on one side only counts as zero on the other. Entries, parts and fields whose
// difference is zero are left out: an empty delta is the default message.
#include <cstdint>

#include "jindu/reporting/v1/figures.pb.h"

namespace jindu::reporting {

struct FiguresDelta {
  v1::RegionFigures delta;  // region, display name and period of `current`
  // Numeric cells that differ (each int64 field of a part or breakdown entry counts once): the
  // filing's late_event_count.
  int64_t changed_cells = 0;
};

FiguresDelta DiffFigures(const v1::RegionFigures& current, const v1::RegionFigures& frozen);

}  // namespace jindu::reporting

#include "reporting/figures/publicity_figures.h"

namespace jindu::reporting {

v1::PublicityFigures ComputePublicityFigures(pqxx::transaction_base&, const std::string&,
                                             const std::string&, const runtime::CivilDateRange&) {
  return {};
}

}  // namespace jindu::reporting

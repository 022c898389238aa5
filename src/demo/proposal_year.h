// The demo's proposal year: the CPPCC National Committee's proposals from its 1st session
// (March 2023) to the end of February 2024, as the historical CSV import takes them, with
// exactly the totals the study bulletin reports ("共提出提案5621件，经审查立案4791件。截至2024年
// 2月底，99.9%的提案已经办复。"). Everything else (how the 830 unregistered divide, areas,
// units, dates, ratings, titles) is generated and illustrative.
#pragma once

#include <string>
#include <vector>

namespace plenum::demo {

inline constexpr int kProposalsReceived = 5621;
inline constexpr int kProposalsRegistered = 4791;
inline constexpr int kProposalsUnanswered = 4;  // of the registered, by 2024-02-29: 99.9% answered

// The CSV (proposals/import.h columns), deterministic. `member_names` give the proposers.
std::string proposal_year_csv(const std::vector<std::string>& member_names);

// Handling units named in it (the first few get demo accounts).
const std::vector<std::string>& demo_handling_units();

}  // namespace plenum::demo

// The roster CSV parser: any bytes give rows and a bounded list of problems, never a crash;
// every row it accepts has the fields a member needs.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "assembly/roster_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed = plenum::assembly::parse_roster_csv(std::string_view(reinterpret_cast<const char*>(data), size));
  if (parsed.problems.size() > plenum::kMaxErrorDetails) std::abort();
  if (parsed.problem_count < static_cast<int64_t>(parsed.problems.size())) std::abort();
  if (parsed.problems.empty())
    for (const auto& row : parsed.rows)
      if (row.seat.empty() || row.card.empty() || row.name.empty()) std::abort();
  return 0;
}

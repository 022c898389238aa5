// The historical proposals CSV parser (src/proposals/import.h): any bytes give rows or an Error
// with a bounded list of problems.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "proposals/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto rows = plenum::proposals::parse_import_csv(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!rows && rows.error().details.size() > plenum::kMaxErrorDetails) std::abort();
  if (rows && !rows->is_array()) std::abort();
  return 0;
}

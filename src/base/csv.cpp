#include "base/csv.h"

#include <csv.h>

namespace plenum {

std::string spreadsheet_cell(std::string_view value) {
  std::string v;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) v = "'";
  v += value;
  std::string out(v.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), v.data(), v.size()));
  return out;
}

}  // namespace plenum

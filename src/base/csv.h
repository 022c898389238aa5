// Writing CSV that is safe to open in a spreadsheet program.
#pragma once

#include <string>
#include <string_view>

namespace plenum {

// One CSV cell, quoted as RFC 4180 requires (libcsv). A value that a spreadsheet would run as a
// formula (it begins with '=', '+', '-', '@', a tab or a carriage return) gets a leading
// apostrophe, so `=HYPERLINK(...)` typed as a title shows as text and never runs (OWASP's
// advice for CSV injection). The stored value stays as typed; only the export changes it.
std::string spreadsheet_cell(std::string_view value);

}  // namespace plenum

// What every subcommand of the plenum command shares: reporting an error (zh and en, the field
// at fault and each detail) and reading a file an operator named.
#pragma once

#include <string>

#include "base/status.h"

namespace plenum::cli {

// Prints `e` to stderr; returns 1, the exit code of a failed command.
int fail(const Error& e);

// The whole file ("-": standard input); kNotFound names the file.
Result<std::string> read_file(const std::string& file);

}  // namespace plenum::cli

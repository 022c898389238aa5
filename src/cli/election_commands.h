// The election subcommands of the plenum command (docs/ELECTION-PROTOCOL.md): the standalone
// verifier, which needs only a board file, and the credential authority's step, which runs away
// from the server and writes the private credentials to a file the server never sees.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace plenum::cli {

struct ElectionCommands {
  CLI::App* verify = nullptr;
  CLI::App* credentials = nullptr;
  std::string board_file;       // verify-election --board (a GET …/elections/{id}/board reply; "-" = stdin)
  int64_t count = 0;            // election-credentials --count
  std::string private_file;     // election-credentials --private
  std::string public_file;      // election-credentials --public
};

void add_election_commands(CLI::App& cli, ElectionCommands& commands);
// Runs whichever of the commands was given; -1 if none was.
int run_election_commands(const ElectionCommands& commands);

}  // namespace plenum::cli

// The election subcommands of the plenum command (docs/ELECTION-PROTOCOL.md): the standalone
// verifier, which needs only a board file; the credential authority's step and the trustees'
// steps, which run away from the server and keep their secrets in files the server never sees
// (each step reads the public board and prints the payload to post).
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
  CLI::App* trustee = nullptr;  // trustee init|commit|accept|decrypt
  CLI::App* trustee_init = nullptr;
  CLI::App* trustee_commit = nullptr;
  CLI::App* trustee_accept = nullptr;
  CLI::App* trustee_decrypt = nullptr;
  uint32_t trustee_index = 0;  // trustee init --index
  std::string secret_file;     // trustee … --secret
};

void add_election_commands(CLI::App& cli, ElectionCommands& commands);
// Runs whichever of the commands was given; -1 if none was.
int run_election_commands(const ElectionCommands& commands);

}  // namespace plenum::cli

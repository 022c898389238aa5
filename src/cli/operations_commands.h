// The operator's subcommands of the plenum command (docs/OPERATIONS.md): init (an empty database
// and its first admin), upgrade (by replay, upgrade/upgrade.h), backup and restore
// (backup/backup.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace plenum::cli {

struct OperationsCommands {
  CLI::App* init = nullptr;
  std::string admin = "admin";  // init --admin
  std::string display_name;     // init --display-name
  std::string password_file;    // init --password-file ("-": standard input); else asked on the terminal
  CLI::App* upgrade = nullptr;
  std::string from, to;  // upgrade --from --to; neither: --db in place
  CLI::App* backup = nullptr;
  std::string backup_to;  // backup --to
  CLI::App* restore = nullptr;
  std::string restore_from;  // restore --from (into --db)
};

void add_operations_commands(CLI::App& cli, OperationsCommands& commands);
// Runs whichever of the commands was given on `db`; -1 if none was.
int run_operations_commands(const OperationsCommands& commands, const std::string& db, const std::string& rulebooks);

}  // namespace plenum::cli

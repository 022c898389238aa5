#include "cli/operations_commands.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "app/app.h"
#include "backup/backup.h"
#include "cli/support.h"
#include "store/archive.h"
#include "upgrade/upgrade.h"

namespace plenum::cli {
namespace {

// One line from the terminal without echo (the password never appears on screen or in a
// process list); empty if there is no terminal.
std::optional<std::string> ask_hidden(const std::string& prompt) {
  int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) return std::nullopt;
  termios saved{};
  bool hide = ::tcgetattr(tty, &saved) == 0;
  if (hide) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  if (::write(tty, prompt.data(), prompt.size()) < 0) {
    // Nothing to do: the read below still works.
  }
  std::string line;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n') line += c;
  if (hide) ::tcsetattr(tty, TCSAFLUSH, &saved);
  if (::write(tty, "\n", 1) < 0) {
    // As above.
  }
  ::close(tty);
  return line;
}

Result<std::string> admin_password(const std::string& file) {
  if (!file.empty()) {
    PLENUM_ASSIGN_OR_RETURN(auto text, read_file(file));
    auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
  }
  auto first = ask_hidden("管理员密码 / admin password: ");
  if (!first)
    return make_error(ErrorCode::kMalformed, "没有可询问密码的终端：请用 --password-file 给出",
                      "no terminal to ask for the password: give --password-file", "password-file");
  auto second = ask_hidden("再输入一次 / once more: ");
  if (!second || *second != *first)
    return make_error(ErrorCode::kMalformed, "两次输入的密码不同", "the two passwords differ", "password");
  return *first;
}

int init(const OperationsCommands& c, const std::string& db, const std::string& rulebooks) {
  if (store::database_exists(db))
    return fail(make_error(ErrorCode::kConflict, db + " 已存在：init 只创建新数据库",
                           db + " exists: init only creates a new database", "db"));
  auto password = admin_password(c.password_file);
  if (!password) return fail(password.error());
  const bool had_files = std::filesystem::exists(db + ".blobs");
  auto app = app::open(db, rulebooks);
  if (!app) return fail(app.error());
  Json args{{"username", c.admin},
            {"password", *password},
            {"display_name", c.display_name.empty() ? "系统管理员" : c.display_name},
            {"roles", Json::array({{{"body", "*"}, {"role", "admin"}}})}};
  auto created = (*app)->ledger->submit_and_wait({"accounts.create", std::move(args), ledger::kSystemActor, "", ""});
  if (!created) {  // nothing of a failed init stays behind
    (*app).reset();
    store::remove_database(db);
    if (!had_files) std::filesystem::remove_all(db + ".blobs");
    return fail(created.error());
  }
  std::cout << "已创建 / created " << db << " with the admin account " << c.admin
            << "; sign in to create the bodies (plenum --db " << db << " serve)\n";
  return 0;
}

int upgrade(const OperationsCommands& c, const std::string& db) {
  if (c.from.empty() != c.to.empty())
    return fail(make_error(ErrorCode::kMalformed, "--from 与 --to 须同时给出",
                           "give both --from and --to, or neither (to upgrade --db in place)", "to"));
  auto registry = app::make_registry();
  auto report = c.from.empty() ? upgrade::upgrade_in_place(registry, db) : upgrade::upgrade(registry, c.from, c.to);
  if (!report) return fail(report.error());
  if (report->already_current) {
    std::cout << "无需升级 / nothing to do: " << db << " is already schema version " << report->to_version << "\n";
    return 0;
  }
  std::cout << "升级完成 / upgraded: schema " << report->from_version << " -> " << report->to_version << ", "
            << report->events << " events in " << report->bodies << " chains verified and replayed, state hash "
            << report->state_hash << "\n  carried across:";
  for (const auto& [table, rows] : report->carried) std::cout << " " << table << " " << rows;
  size_t same = 0;
  for (const auto& t : report->tables) {
    if (t.same())
      ++same;
    else if (!t.in_archive)
      std::cout << "\n  new table " << t.table << ": " << t.target_rows << " rows";
    else if (!t.in_target)
      std::cout << "\n  table " << t.table << " is gone (" << t.archive_rows << " rows before)";
    else
      std::cout << "\n  table " << t.table << " changed shape: " << t.archive_rows << " rows before, " << t.target_rows
                << " after";
  }
  std::cout << "\n  " << same << " tables hold the same rows as before; sign-in sessions ended\n";
  if (!report->kept.empty()) std::cout << "  旧文件保留为 / the old file is kept as " << report->kept << "\n";
  return 0;
}

int backup(const OperationsCommands& c, const std::string& db) {
  auto report = backup::backup(db, c.backup_to);
  if (!report) return fail(report.error());
  std::cout << "备份完成 / backed up " << db << " to " << c.backup_to << ": " << report->events << " events in "
            << report->bodies << " chains verified, " << report->files << " files\n";
  return 0;
}

int restore(const OperationsCommands& c, const std::string& db) {
  auto registry = app::make_registry();
  auto report = backup::restore(registry, c.restore_from, db);
  if (!report) return fail(report.error());
  std::cout << "恢复完成 / restored " << c.restore_from << " to " << db << ": " << report->events << " events in "
            << report->bodies << " chains verified and replayed (state hash " << report->state_hash << "), "
            << report->files << " files\n";
  return 0;
}

}  // namespace

void add_operations_commands(CLI::App& cli, OperationsCommands& c) {
  c.init = cli.add_subcommand("init", "create an empty database (--db) and its first admin account");
  c.init->add_option("--admin", c.admin, "the admin's username")->capture_default_str();
  c.init->add_option("--display-name", c.display_name, "the admin's name as shown");
  c.init->add_option("--password-file", c.password_file,
                     "a file whose first line is the password (-: standard input); otherwise asked on the terminal");
  c.upgrade = cli.add_subcommand(
      "upgrade", "rebuild a database of an earlier schema version from its log (--db in place, keeping the old file)");
  c.upgrade->add_option("--from", c.from, "the old database (only read)");
  c.upgrade->add_option("--to", c.to, "the new database (must not exist)");
  c.backup =
      cli.add_subcommand("backup", "copy the database (--db), while it serves, with its files, and verify the copy");
  c.backup->add_option("--to", c.backup_to, "the backup file (must not exist)")->required();
  c.restore =
      cli.add_subcommand("restore", "put a backup in place of a missing database (--db), verified and replayed");
  c.restore->add_option("--from", c.restore_from, "the backup file")->required();
}

int run_operations_commands(const OperationsCommands& c, const std::string& db, const std::string& rulebooks) {
  if (*c.init) return init(c, db, rulebooks);
  if (*c.upgrade) return upgrade(c, db);
  if (*c.backup) return backup(c, db);
  if (*c.restore) return restore(c, db);
  return -1;
}

}  // namespace plenum::cli

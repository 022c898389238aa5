// The plenum command: serve, import a roster, verify the ledger, replay it, load the demo; the
// election commands are in election_commands.h, the operator's (init, upgrade, backup, restore)
// in operations_commands.h.
// Exceptions stop here (the CLI is an edge): each subcommand prints a zh/en message and exits 1.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "app/openapi.h"
#include "cli/election_commands.h"
#include "cli/operations_commands.h"
#include "cli/support.h"
#include "demo/demo.h"
#include "ledger/chain.h"
#include "proposals/import.h"
#include "proposals/proposals.h"
#include "server/server.h"

namespace {

using plenum::cli::fail;
using plenum::cli::read_file;

std::string default_static_dir() {
#ifdef PLENUM_WEB_DIR
  return PLENUM_WEB_DIR;  // the package's (cmake/package.cmake)
#else
  std::filesystem::path dist = std::filesystem::path(PLENUM_SOURCE_DIR) / "web" / "dist";
  if (std::filesystem::exists(dist / "index.html")) return dist.string();
  return (std::filesystem::path(PLENUM_SOURCE_DIR) / "web" / "fallback").string();
#endif
}

// Loads the 2024 demo at the bulletin's times: through an App of its own whose ledger reads the
// demo's clock, closed before anything else opens the database.
int load_demo(const std::string& db, const std::string& rulebooks) {
  plenum::demo::BulletinClock clock;
  plenum::ledger::Ledger::Options timed;
  timed.clock = clock.reader();
  auto app = plenum::app::open(db, rulebooks, timed);
  if (!app) return fail(app.error());
  std::cout << "加载2024年演示数据… / loading the 2024 demo…" << std::endl;
  auto loaded = plenum::demo::load_2024(*(*app)->ledger, *(*app)->store, &clock);
  if (!loaded) return fail(loaded.error());
  std::cout << (*loaded ? "演示数据已加载 / demo loaded" : "演示数据已存在 / demo already present") << std::endl;
  return 0;
}

int serve(const std::string& db, const std::string& rulebooks, plenum::server::Options options, bool demo) {
  if (demo)
    if (int rc = load_demo(db, rulebooks)) return rc;
  auto app = plenum::app::open(db, rulebooks);
  if (!app) return fail(app.error());
  plenum::server::Server server(**app, options);
  uint16_t port = server.start();
  server.stop_on_signals();
  std::cout << "plenum 正在服务 / serving on http://" << options.address << ":" << port << "/ (db " << db << ")"
            << std::endl;
  server.run();
  return 0;
}

int import_roster(const std::string& db, const std::string& rulebooks, const std::string& body,
                  const std::string& file) {
  auto csv = read_file(file);
  if (!csv) return fail(csv.error());
  auto app = plenum::app::open(db, rulebooks);
  if (!app) return fail(app.error());
  plenum::Json args{{"body", body}, {"csv", *csv}};
  auto r = (*app)->ledger->submit_and_wait({"assembly.import_roster", args, plenum::ledger::kSystemActor, "", ""});
  if (!r) return fail(r.error());
  std::cout << "已导入 / imported " << r->result["imported"] << " members into " << body << "\n";
  return 0;
}

// Historical proposals from CSV (proposals/import.h): checked whole, then one action.
int import_proposals(const std::string& db, const std::string& rulebooks, int64_t session_id, const std::string& file) {
  auto csv = read_file(file);
  if (!csv) return fail(csv.error());
  auto rows = plenum::proposals::parse_import_csv(*csv, [](size_t done, size_t total) {
    std::cerr << "\r已检查 / checked " << done << "/" << total << std::flush;
    if (done == total) std::cerr << "\n";
  });
  if (!rows) return fail(rows.error());
  auto app = plenum::app::open(db, rulebooks);
  if (!app) return fail(app.error());
  std::cerr << "正在写入 / writing " << rows->size() << " proposals in one transaction...\n";
  plenum::Json args{{"session_id", session_id}, {"rows", std::move(*rows)}};
  auto r = (*app)->ledger->submit_and_wait({"proposals.import", std::move(args), plenum::ledger::kSystemActor, "", ""});
  if (!r) return fail(r.error());
  std::cout << "已导入 / imported " << r->result["imported"] << " proposals\n";
  return 0;
}

int export_proposals(const std::string& db, const std::string& rulebooks, const std::string& body, int64_t session_id) {
  auto app = plenum::app::open(db, rulebooks);
  if (!app) return fail(app.error());
  auto filter = plenum::proposals::filter_from_params(body, {});
  if (!filter) return fail(filter.error());
  filter->session_id = session_id;
  // The CLI acts for the operator: the system account sees every proposal.
  auto csv = plenum::proposals::export_csv(*(*app)->store->read(), {plenum::ledger::kSystemActor}, *filter);
  if (!csv) return fail(csv.error());
  std::cout << *csv;
  return 0;
}

int verify(const std::string& db, const std::string& rulebooks) {
  auto app = plenum::app::open(db, rulebooks);
  if (!app) return fail(app.error());
  auto report = plenum::ledger::verify_chain(*(*app)->store->read());
  if (!report.ok) {
    std::cout << "账本已损坏 / ledger BROKEN at " << report.body << " seq " << report.seq << " (position "
              << report.position << "): " << report.reason << "\n";
    return 2;
  }
  std::cout << "账本完好 / ledger OK: " << report.events << " events in " << report.bodies
            << " chains, every link verified\n";
  return 0;
}

int replay(const std::string& db, const std::string& rulebooks, std::string into) {
  auto app = plenum::app::open(db, rulebooks);
  if (!app) return fail(app.error());
  bool temporary = into.empty();
  if (temporary) into = db + ".replay-" + std::to_string(::getpid()) + ".db";
  auto fresh = plenum::store::open_sqlite_store(into, (*app)->registry.slices());
  if (!fresh) return fail(fresh.error());
  auto report = plenum::ledger::replay(*(*app)->store, **fresh, (*app)->registry);
  fresh->reset();
  if (temporary)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(into + suffix);
  if (!report.ok) {
    std::cout << "重放不一致 / replay FAILED after " << report.events << " events: " << report.problem
              << "\n  source   " << report.source_hash << "\n  replayed " << report.replayed_hash << "\n";
    return 2;
  }
  std::cout << "重放一致 / replay OK: " << report.events << " events, state hash " << report.source_hash << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"plenum: runs the sessions of representative assemblies / 代表机构会议系统"};
  cli.require_subcommand(1);
  std::string db = "data/plenum.db";
  std::string rulebooks;
  cli.add_option("--db", db, "SQLite database file")->capture_default_str();
  cli.add_option("--rulebooks", rulebooks, "rulebook directory (default: the project's rulebooks/)");
  // /etc/plenum/plenum.toml when installed (docs/OPERATIONS.md): each key is a long flag's name,
  // a subcommand's in its [section]; a flag given here wins; an unknown key is an error.
  cli.set_config("--config", "", "read options from this TOML file; flags given on the command line win")
      ->check(CLI::ExistingFile);
  cli.allow_config_extras(CLI::config_extras_mode::error);

  plenum::server::Options options;
  bool demo = false;
  auto* serve_cmd = cli.add_subcommand("serve", "serve the HTTP API, live channel and web app");
  serve_cmd->add_option("--address", options.address, "address to listen on")->capture_default_str();
  serve_cmd->add_option("--port", options.port, "port (0: any free port)")->capture_default_str();
  serve_cmd->add_option("--threads", options.threads, "network threads")->capture_default_str();
  serve_cmd->add_option("--static-dir", options.api.static_dir, "built web front end to serve at /");
  serve_cmd->add_flag("--demo", demo, "load the 2024 NPC and CPPCC demo if the database lacks it");
  // The edge's limits (docs/SECURITY.md says why each default).
  serve_cmd->add_option("--max-connections", options.max_connections, "open connections in all")->capture_default_str();
  serve_cmd
      ->add_option("--max-connections-per-address", options.max_connections_per_address,
                   "open connections from one client address")
      ->capture_default_str();
  serve_cmd->add_option("--trusted-proxy", options.trusted_proxies,
                        "a reverse proxy's address whose X-Forwarded-For/-Proto are believed (repeatable)");
  serve_cmd->add_option("--allowed-origin", options.allowed_origins,
                        "an origin besides the server's own that may open the live channel (repeatable)");
  serve_cmd->add_flag("--secure-cookies", options.api.secure_cookies, "always mark the session cookie Secure");
  std::string log_level = "info";
  serve_cmd
      ->add_option("--log-level", log_level,
                   "error, warn (and refused requests) or info (and every request): JSON lines on stderr")
      ->check(CLI::IsMember({"error", "warn", "info"}))
      ->capture_default_str();
  bool quiet = false;
  serve_cmd->add_flag("--quiet", quiet, "the same as --log-level error");
  serve_cmd->add_option("--metrics-from", options.api.metrics_from,
                        "an address that may read GET /metrics (repeatable; none by default)");
  std::string metrics_token_file;
  serve_cmd
      ->add_option("--metrics-token-file", metrics_token_file,
                   "a file whose first line is the bearer token that may read GET /metrics from anywhere")
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("--read-timeout", options.read_timeout_seconds, "seconds for a request's head and body")
      ->capture_default_str();
  serve_cmd->add_option("--max-json-bytes", options.api.max_json_body, "an action's body")->capture_default_str();
  serve_cmd->add_option("--max-upload-bytes", options.api.max_upload_body, "a CSV upload")->capture_default_str();
  serve_cmd->add_option("--max-live-queue", options.max_live_queue, "messages queued per live client")
      ->capture_default_str();
  serve_cmd
      ->add_option("--live-handshake-timeout", options.live_handshake_timeout_seconds,
                   "seconds for a live client's opening and closing handshakes (a dropped client's close frame)")
      ->capture_default_str();
  serve_cmd->add_option("--max-pending-logins", options.api.max_pending_logins, "sign-ins waiting for Argon2id")
      ->capture_default_str();
  serve_cmd
      ->add_option("--login-failures-per-account", options.api.login.free_failures_per_account,
                   "wrong passwords for one name before it is locked")
      ->capture_default_str();
  serve_cmd
      ->add_option("--login-failures-per-address", options.api.login.free_failures_per_address,
                   "wrong passwords from one address before it is locked")
      ->capture_default_str();
  serve_cmd->add_option("--login-max-lock", options.api.login.max_lock_seconds, "longest lock, in seconds")
      ->capture_default_str();

  std::string body, file;
  auto* import_cmd = cli.add_subcommand("import-roster", "import a roster CSV into a body (all or nothing)");
  import_cmd->add_option("--body", body, "body id, e.g. npc")->required();
  import_cmd->add_option("file", file, "the CSV file")->required();

  int64_t session_id = 0;
  auto* proposals_import_cmd =
      cli.add_subcommand("import-proposals", "import historical proposals from CSV into a session (all or nothing)");
  proposals_import_cmd->add_option("--session", session_id, "session id the proposals belong to")->required();
  proposals_import_cmd->add_option("file", file, "the CSV file")->required();
  auto* proposals_export_cmd = cli.add_subcommand("export-proposals", "write a body's proposals as CSV to stdout");
  proposals_export_cmd->add_option("--body", body, "body id, e.g. cppcc")->required();
  proposals_export_cmd->add_option("--session", session_id, "only this session's proposals");

  auto* demo_cmd = cli.add_subcommand("demo", "load the 2024 demo into the database and exit");
  auto* verify_cmd = cli.add_subcommand("verify", "walk every hash chain and report the first broken link");
  std::string into;
  auto* replay_cmd = cli.add_subcommand("replay", "rebuild every projection from the log and compare state hashes");
  replay_cmd->add_option("--into", into, "keep the rebuilt store at this path (default: a temporary file)");

  plenum::cli::OperationsCommands operations;
  plenum::cli::add_operations_commands(cli, operations);
  auto* openapi_cmd = cli.add_subcommand(
      "openapi", "print docs/openapi.json, generated from the registered actions, routes and openapi.json parts");

  plenum::cli::ElectionCommands election_commands;
  plenum::cli::add_election_commands(cli, election_commands);

  CLI11_PARSE(cli, argc, argv);
  try {
    if (int rc = plenum::cli::run_election_commands(election_commands); rc >= 0) return rc;
    if (int rc = plenum::cli::run_operations_commands(operations, db, rulebooks); rc >= 0) return rc;
    if (*serve_cmd) {
      if (options.api.static_dir.empty()) options.api.static_dir = default_static_dir();
      options.api.log_level = quiet ? plenum::server::LogLevel::kError : *plenum::server::parse_log_level(log_level);
      if (!metrics_token_file.empty()) {
        auto token = read_file(metrics_token_file);
        if (!token) return fail(token.error());
        options.api.metrics_token = token->substr(0, token->find_first_of("\r\n"));
        // A short token is guessable from the network: refuse it rather than serve with it.
        if (options.api.metrics_token.size() < 16)
          return fail(plenum::make_error(plenum::ErrorCode::kMalformed, "指标令牌至少需要16个字符",
                                         "the metrics token needs at least 16 characters", "metrics-token-file"));
      }
      return serve(db, rulebooks, options, demo);
    }
    if (*import_cmd) return import_roster(db, rulebooks, body, file);
    if (*proposals_import_cmd) return import_proposals(db, rulebooks, session_id, file);
    if (*proposals_export_cmd) return export_proposals(db, rulebooks, body, session_id);
    if (*demo_cmd) return load_demo(db, rulebooks);
    if (*openapi_cmd) {
      auto doc = plenum::app::openapi_document(plenum::app::make_registry());
      if (!doc) return fail(doc.error());
      std::cout << doc->dump(2, ' ', false) << "\n";
      return 0;
    }
    if (*verify_cmd) return verify(db, rulebooks);
    if (*replay_cmd) return replay(db, rulebooks, into);
  } catch (const std::exception& e) {
    std::cerr << "错误 / error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

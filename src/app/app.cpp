#include "app/app.h"

#include <sodium.h>

#include <filesystem>

#include "accounts/accounts.h"
#include "assembly/assembly.h"
#include "attendance/attendance.h"
#include "elections/elections.h"
#include "motions/motions.h"
#include "promulgation/promulgation.h"
#include "proposals/proposals.h"
#include "voting/voting.h"

namespace plenum::app {

ledger::Registry make_registry() {
  ledger::Registry registry;
  assembly::register_actions(registry);
  attendance::register_actions(registry);
  accounts::register_actions(registry);
  motions::register_actions(registry);
  voting::register_actions(registry);
  promulgation::register_actions(registry);
  proposals::register_actions(registry);
  elections::register_actions(registry);
  return registry;
}

Result<std::unique_ptr<App>> open(const std::string& db_path, const std::string& rulebook_dir) {
  if (sodium_init() < 0)
    return make_error(ErrorCode::kInternal, "libsodium 初始化失败", "libsodium failed to initialise");
  auto app = std::make_unique<App>();
  auto books = rules::RulebookSet::load_dir(rulebook_dir.empty() ? rules::default_rulebook_dir()
                                                                  : rulebook_dir);
  if (!books) return books.error();
  app->rulebooks = std::move(*books);
  app->registry = make_registry();
  std::error_code ec;
  auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto store = store::open_sqlite_store(db_path);
  if (!store) return store.error();
  app->store = std::move(*store);
  app->ledger = std::make_unique<ledger::Ledger>(*app->store, app->registry, app->rulebooks);
  return app;
}

}  // namespace plenum::app

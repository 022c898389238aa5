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
#include "screen/screen.h"
#include "voting/voting.h"

namespace plenum::app {

namespace {

// The rulebooks plenum ships with and the record's own route: not any one feature's.
void register_core_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/rulebooks", ReadRule::everyone(),
                      [](const ReadRequest& r) -> Result<ledger::ReadReply> {
                        Json out = Json::array();
                        for (const auto& id : r.rulebooks.ids()) out.push_back(rules::to_json(*r.rulebooks.find(id)));
                        return ledger::ReadReply(std::move(out));
                      },
                      ledger::Listing{"", {"id"}}});
  registry.add_route(
      {"/api/v1/rulebooks/{rulebook}", ReadRule::everyone(), [](const ReadRequest& r) -> Result<ledger::ReadReply> {
         const rules::Rulebook* book = r.rulebooks.find(r.param("rulebook"));
         if (!book) return make_error(ErrorCode::kNotFound, "未知的议事规则", "unknown rulebook", "rulebook");
         return ledger::ReadReply(rules::to_json(*book));
       }});
  ledger::register_event_routes(registry);
}

}  // namespace

ledger::Registry make_registry() {
  ledger::Registry registry;
  register_core_routes(registry);
  assembly::register_feature(registry);
  accounts::register_feature(registry);
  attendance::register_feature(registry);
  motions::register_feature(registry);
  voting::register_feature(registry);
  promulgation::register_feature(registry);
  proposals::register_feature(registry);
  elections::register_feature(registry);
  screen::register_feature(registry);
  return registry;
}

Result<std::unique_ptr<App>> open(const std::string& db_path, const std::string& rulebook_dir,
                                  ledger::Ledger::Options ledger_options) {
  if (sodium_init() < 0)
    return make_error(ErrorCode::kInternal, "libsodium 初始化失败", "libsodium failed to initialise");
  auto app = std::make_unique<App>();
  PLENUM_ASSIGN_OR_RETURN(
      auto books, rules::RulebookSet::load_dir(rulebook_dir.empty() ? rules::default_rulebook_dir() : rulebook_dir));
  app->rulebooks = std::move(books);
  app->registry = make_registry();
  std::error_code ec;
  auto parent = std::filesystem::path(db_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  PLENUM_ASSIGN_OR_RETURN(auto store, store::open_sqlite_store(db_path, app->registry.slices()));
  app->store = std::move(store);
  PLENUM_ASSIGN_OR_RETURN(app->blobs, store::open_blob_directory(db_path + ".blobs"));
  ledger_options.files = app->blobs.get();
  app->ledger = std::make_unique<ledger::Ledger>(*app->store, app->registry, app->rulebooks, std::move(ledger_options));
  return app;
}

}  // namespace plenum::app

// The composition root: one place that opens the store, loads the rulebooks, registers every
// feature module's actions and projections, and starts the ledger. The server, the CLI and the
// tests all build plenum through it, so they run the same code.
#pragma once

#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "rules/rulebook.h"
#include "store/blobs.h"
#include "store/store.h"

namespace plenum::app {

// Every feature module's actions and projectors.
ledger::Registry make_registry();

struct App {
  rules::RulebookSet rulebooks;
  ledger::Registry registry;
  std::unique_ptr<store::Store> store;
  // Files outside the record (store/blobs.h): <db>.blobs/ beside the database.
  std::unique_ptr<store::BlobStore> blobs;
  std::unique_ptr<ledger::Ledger> ledger;  // destroyed first: it drains before the store closes

  ~App() { ledger.reset(); }
};

// Opens the SQLite store at `db_path` (creating its directory), loads rulebooks from
// `rulebook_dir` (default rules::default_rulebook_dir()) and starts the ledger with
// `ledger_options` (its clock: the demo loads at the bulletin's times).
Result<std::unique_ptr<App>> open(const std::string& db_path, const std::string& rulebook_dir = "",
                                  ledger::Ledger::Options ledger_options = {});

}  // namespace plenum::app

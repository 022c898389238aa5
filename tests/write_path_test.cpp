// The write path is enforced by the types and by the connection (docs/ARCHITECTURE.md): a handler
// reads through a store::Reader and changes state only by emitting events; a projector writes
// only its own room's tables; the one exception (unrecorded_writes) reaches only the tables its
// room marks handler_writes.
#include <utility>

#include <gtest/gtest.h>
#include <string>
#include <type_traits>

#include "app/app.h"
#include "ledger/ledger.h"
#include "rules/rulebook.h"
#include "store/store.h"
#include "test_support.h"

namespace plenum {
namespace {

// What a handler is given offers no way to write: not through its reader (a Reader has neither
// a table writer nor the transaction), nor through the context.
template <typename T>
concept HasOwnTables = requires(T& t) {
  t.own_tables();
};
template <typename T>
concept HasTransaction = requires(T& t) {
  t.tx();
};
static_assert(std::is_same_v<decltype(std::declval<ledger::ActionContext&>().reader()), store::Reader&>);
static_assert(!HasOwnTables<store::Reader>);
static_assert(!HasTransaction<ledger::ActionContext>);
static_assert(!std::is_convertible_v<store::Reader*, store::TableWriter*>);
// A projector is given a TableWriter, never the Writer (it cannot commit, roll back or move rooms).
static_assert(std::is_same_v<ledger::Projector, std::function<void(store::TableWriter&, const ledger::Event&)>>);

// plenum's features plus a probe room whose actions try what they must not.
struct Probe {
  testing::TempDir dir;
  rules::RulebookSet books;
  ledger::Registry registry = app::make_registry();
  std::unique_ptr<store::Store> store;
  std::unique_ptr<ledger::Ledger> ledger;

  Probe() {
    store::TableSet probe{"probe",
                          "CREATE TABLE IF NOT EXISTS probe_notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
                          "",
                          {{"probe_notes", "SELECT id, text FROM probe_notes ORDER BY id", "", false, false}}};
    ledger::Registry::Room room = registry.add_room(std::move(probe));
    // Writes its own table: allowed.
    room.add_projector("probe.noted", [](store::TableWriter& w, const ledger::Event& e) {
      store::Query(w.own_tables(), "INSERT INTO probe_notes (text) VALUES (?)")
          .bind(e.payload["text"].get<std::string>())
          .run();
    });
    // Writes assembly's table: refused.
    room.add_projector("probe.trespassed", [](store::TableWriter& w, const ledger::Event&) {
      store::Query(w.own_tables(), "INSERT INTO units (id, body, kind, name) VALUES (999, 'probe', 'delegation', 'x')")
          .run();
    });
    room.add_action("probe.note", ledger::ArgSchema{ledger::Arg::text("text").required()},
                    [](ledger::ActionContext& ctx, const Json& args) {
                      ctx.emit(ledger::kAccountsChain, "probe.noted", Json{{"text", args["text"]}});
                      return Status::ok();
                    });
    room.add_action("probe.write_in_handler", ledger::ArgSchema{}, [](ledger::ActionContext& ctx, const Json&) {
      store::Query(ctx.reader().sql(), "INSERT INTO probe_notes (text) VALUES ('sneaked')").run();
      ctx.result() = Json{{"wrote", true}};
      return Status::ok();
    });
    room.add_action("probe.trespass", ledger::ArgSchema{}, [](ledger::ActionContext& ctx, const Json&) {
      ctx.emit(ledger::kAccountsChain, "probe.trespassed", Json::object());
      return Status::ok();
    });
    auto loaded = rules::RulebookSet::load_dir(rules::default_rulebook_dir());
    EXPECT_TRUE(loaded) << loaded.error().message_en;
    books = std::move(*loaded);
    auto opened = store::open_sqlite_store(dir.file("p.db"), registry.slices());
    EXPECT_TRUE(opened) << opened.error().message_en;
    store = std::move(*opened);
    ledger = std::make_unique<ledger::Ledger>(*store, registry, books);
  }

  Result<ledger::Ack> act(const std::string& action, Json args = Json::object()) {
    return ledger->submit_and_wait({action, std::move(args), ledger::kSystemActor, "", ""});
  }
  int64_t count(const std::string& table) {
    auto reader = store->read();
    store::Query q(reader->sql(), "SELECT COUNT(*) FROM " + table);
    return store::single_int(q);
  }
};

TEST(WritePath, AProjectorWritesItsOwnRoom) {
  Probe p;
  auto r = p.act("probe.note", Json{{"text", "议程"}});
  ASSERT_TRUE(r) << r.error().message_en;
  EXPECT_EQ(p.count("probe_notes"), 1);
}

TEST(WritePath, AHandlerCannotWriteThroughItsReader) {
  Probe p;
  std::string before = p.store->read()->state_hash();
  auto r = p.act("probe.write_in_handler");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_EQ(p.count("probe_notes"), 0);
  EXPECT_EQ(p.store->read()->state_hash(), before);
}

TEST(WritePath, AProjectorCannotWriteAnotherRoomsTable) {
  Probe p;
  std::string before = p.store->read()->state_hash();
  auto r = p.act("probe.trespass");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_EQ(p.count("units"), 0);
  EXPECT_EQ(p.store->read()->state_hash(), before);
  // The record did not move either: the event went with its action.
  EXPECT_FALSE(p.store->read()->last_event(ledger::kAccountsChain));
}

TEST(WritePath, ArgumentsAreCheckedBeforeTheHandlerRuns) {
  Probe p;
  auto r = p.act("probe.note", Json{{"text", "议程"}, {"extra", 1}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "args.extra");
  EXPECT_EQ(p.count("probe_notes"), 0);
}

}  // namespace
}  // namespace plenum

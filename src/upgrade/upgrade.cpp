#include "upgrade/upgrade.h"

#include <filesystem>
#include <system_error>

#include "base/text.h"
#include "ledger/chain.h"
#include "store/blobs.h"

namespace plenum::upgrade {
namespace {

namespace fs = std::filesystem;

Error refused(const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kConflict, "未升级：" + zh, "not upgraded: " + en, "db");
}

// Carried across: the answers under request ids, the file's upgrades, and what actions write
// outside the record.
std::vector<std::string> carried_tables(const std::vector<store::TableSet>& slices) {
  std::vector<std::string> out{"requests", "upgrades"};
  for (const auto& slice : slices)
    for (const auto& t : slice.tables)
      if (t.handler_writes) out.push_back(t.name);
  return out;
}

// Compared: every table of this build but the sign-in sessions (they end), each similarity index
// beside its table.
std::vector<std::string> compared_tables(const std::vector<store::TableSet>& slices) {
  std::vector<std::string> out;
  for (const auto& slice : slices)
    for (const auto& t : slice.tables) {
      if (t.name == "login_sessions") continue;
      out.push_back(t.name);
      if (t.similarity_index) out.push_back(t.name + "_words");
    }
  return out;
}

// Steps 2 and 3: the log appended and projected into `to`, then the rooms' checks on the result.
// `slices` gets the store's slices: its own (the record, requests, upgrades) and the features'.
Status rebuild_into(const ledger::Registry& registry, store::Archive& archive, const std::string& to, Report& report,
                    std::vector<store::TableSet>& slices) {
  PLENUM_ASSIGN_OR_RETURN(auto fresh, store::open_sqlite_store(to, registry.slices()));
  slices = fresh->slices();
  auto rebuilt = ledger::rebuild(archive, *fresh, registry);
  if (!rebuilt.ok)
    return refused("此版本无法重放该日志：" + rebuilt.problem, "this build cannot replay the log: " + rebuilt.problem);
  report.events = rebuilt.events;
  auto reader = fresh->read();
  for (const auto& check : registry.upgrade_checks()) PLENUM_TRY(check(*reader));
  return Status::ok();
}

// Step 6: the new file's chains, its state hash, and the upgrade recorded in it.
Status seal(const ledger::Registry& registry, const std::string& from, const std::string& to, Report& report) {
  PLENUM_ASSIGN_OR_RETURN(auto fresh, store::open_sqlite_store(to, registry.slices()));
  {
    auto reader = fresh->read();
    auto chain = ledger::verify_chain(*reader);
    if (!chain.ok || chain.events != report.events)
      return refused("新文件的账本未通过校验：" + chain.reason,
                     "the new file's ledger does not verify: " + chain.reason);
    report.state_hash = reader->state_hash();
  }
  auto tx = fresh->begin_write();
  tx->put_upgrade({0, now_micros(), PLENUM_VERSION, report.from_version, report.to_version, fs::absolute(from).string(),
                   report.events, report.state_hash});
  tx->commit();
  return Status::ok();
}

// The old file's blobs, hard-linked (copied across file systems) beside the new file.
Status link_blobs(const std::string& from, const std::string& to) {
  fs::path source = from + ".blobs", target = to + ".blobs";
  if (!fs::is_directory(source)) return Status::ok();
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(source, ec)) {
    // Only stored blobs (<2 hex digits>/<sha256>), never a put's temporary file.
    if (!entry.is_regular_file() || !store::is_sha256_hex(entry.path().filename().string())) continue;
    fs::path dest = target / fs::relative(entry.path(), source);
    fs::create_directories(dest.parent_path(), ec);
    if (!ec && !fs::exists(dest)) {
      fs::create_hard_link(entry.path(), dest, ec);
      if (ec) fs::copy_file(entry.path(), dest, ec);
    }
    if (ec)
      return make_error(ErrorCode::kInternal, "无法复制文件 " + entry.path().string() + "：" + ec.message(),
                        "cannot copy " + entry.path().string() + ": " + ec.message(), "db");
  }
  if (ec)
    return make_error(ErrorCode::kInternal, "无法读取 " + source.string() + "：" + ec.message(),
                      "cannot read " + source.string() + ": " + ec.message(), "db");
  return Status::ok();
}

Result<Report> run(const ledger::Registry& registry, store::Archive& archive, const std::string& from,
                   const std::string& to) {
  Report report;
  report.from_version = archive.schema_version();
  report.to_version = store::schema_version();
  const int oldest = store::oldest_upgradable_schema_version();
  if (report.from_version > report.to_version)
    return refused("数据库架构版本 " + std::to_string(report.from_version) + " 比此版本（" +
                       std::to_string(report.to_version) + "）新，请使用写入它的版本",
                   "schema version " + std::to_string(report.from_version) + " is newer than this build's (" +
                       std::to_string(report.to_version) + "): run the plenum that wrote it");
  if (report.from_version < oldest)
    return refused(
        "数据库架构版本 " + std::to_string(report.from_version) + " 早于可升级的最早版本 " + std::to_string(oldest),
        "schema version " + std::to_string(report.from_version) + " is older than " + std::to_string(oldest) +
            ", the oldest this build upgrades");
  // Step 1.
  auto chain = ledger::verify_chain(archive);
  PLENUM_TRY(ledger::chain_status(chain));
  report.bodies = chain.bodies;
  if (store::database_exists(to))
    return refused(to + " 已存在，请升级到新文件", to + " exists: upgrade into a new file");

  auto undo = [&](Error e) {
    store::remove_database(to);
    return e;
  };
  // Steps 2 to 5; each store is closed again before the next step opens the file.
  std::vector<store::TableSet> slices;
  if (auto s = rebuild_into(registry, archive, to, report, slices); !s) return undo(s.error());
  auto carried = archive.carry_into(to, carried_tables(slices));
  if (!carried) return undo(carried.error());
  report.carried = std::move(*carried);
  auto tables = archive.compare_with(to, compared_tables(slices));
  if (!tables) return undo(tables.error());
  report.tables = std::move(*tables);
  for (const auto& t : report.tables)
    if (t.in_archive && t.in_target && t.same_columns && !t.same())
      return undo(refused("表 " + t.table + " 与旧文件不一致（旧 " + std::to_string(t.archive_rows) + " 行，新 " +
                              std::to_string(t.target_rows) + " 行）",
                          "table " + t.table + " differs from the old file's (" + std::to_string(t.archive_rows) +
                              " rows before, " + std::to_string(t.target_rows) + " after, " +
                              std::to_string(t.only_in_archive) + " only before, " + std::to_string(t.only_in_target) +
                              " only after)"));
  if (auto s = seal(registry, from, to, report); !s) return undo(s.error());
  return report;
}

}  // namespace

Result<Report> upgrade(const ledger::Registry& registry, const std::string& from, const std::string& to) {
  PLENUM_ASSIGN_OR_RETURN(auto archive, store::open_sqlite_archive(from));
  PLENUM_ASSIGN_OR_RETURN(auto report, run(registry, *archive, from, to));
  if (auto s = link_blobs(from, to); !s) {
    store::remove_database(to);
    return s.error();
  }
  return report;
}

Result<Report> upgrade_in_place(const ledger::Registry& registry, const std::string& db) {
  PLENUM_ASSIGN_OR_RETURN(auto archive, store::open_sqlite_archive(db));
  if (archive->schema_version() == store::schema_version()) {
    Report report;
    report.from_version = report.to_version = store::schema_version();
    report.already_current = true;
    return report;
  }
  const std::string next = db + ".upgrading";
  const std::string kept = db + ".schema-" + std::to_string(archive->schema_version());
  if (store::database_exists(kept)) return refused(kept + " 已存在", kept + " exists: move it away first");
  // A .upgrading file is what an interrupted upgrade left: nothing refers to it.
  store::remove_database(next);
  PLENUM_ASSIGN_OR_RETURN(auto report, run(registry, *archive, db, next));
  archive.reset();
  // The old file (and its WAL, which holds committed pages) keeps its bytes under the new name;
  // the blob directory keeps its name and serves both files.
  std::error_code ec;
  for (const char* suffix : {"", "-wal"})
    if (!ec && fs::exists(db + suffix)) fs::rename(db + suffix, kept + suffix, ec);
  if (!ec) fs::remove(db + "-shm", ec);
  for (const char* suffix : {"", "-wal"})
    if (!ec && fs::exists(next + suffix)) fs::rename(next + suffix, db + suffix, ec);
  if (!ec) fs::remove(next + "-shm", ec);
  if (ec)
    return make_error(
        ErrorCode::kInternal, "升级后无法换名：" + ec.message() + "（新文件 " + next + "，旧文件 " + kept + "）",
        "upgraded, but cannot rename: " + ec.message() + " (new file " + next + ", old file " + kept + ")", "db");
  report.kept = kept;
  return report;
}

}  // namespace plenum::upgrade

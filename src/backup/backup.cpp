#include "backup/backup.h"

#include <map>

#include "ledger/chain.h"
#include "store/archive.h"
#include "store/blobs.h"

namespace plenum::backup {
namespace {

// The files the events of `log` name, each once.
std::vector<store::BlobRef> files_named(store::EventLog& log) {
  std::map<std::string, store::BlobRef> refs;
  log.for_each_event([&](const store::EventRecord& e) {
    if (e.payload.find("\"sha256\"") == std::string::npos) return true;  // most events name none
    for (auto& ref : store::named_blobs(Json::parse(e.payload))) refs.emplace(ref.sha256, std::move(ref));
    return true;
  });
  std::vector<store::BlobRef> out;
  for (auto& [sha, ref] : refs) out.push_back(std::move(ref));
  return out;
}

// Step 3 of both: the files `log` names, from <from_db>.blobs into <to_db>.blobs.
Result<int64_t> copy_files(store::EventLog& log, const std::string& from_db, const std::string& to_db) {
  auto refs = files_named(log);
  if (refs.empty()) return int64_t{0};
  PLENUM_ASSIGN_OR_RETURN(auto from, store::open_blob_directory(from_db + ".blobs"));
  PLENUM_ASSIGN_OR_RETURN(auto to, store::open_blob_directory(to_db + ".blobs"));
  PLENUM_TRY(store::copy_blobs(*from, *to, refs));
  return static_cast<int64_t>(refs.size());
}

Error exists(const std::string& path, const std::string& field) {
  return make_error(ErrorCode::kConflict, path + " 已存在：数据库从不被覆盖，请先移走",
                    path + " exists: a database is never overwritten, move it away first", field);
}

// Steps 2 and 3 of a restore, on the copy at `db`.
Status check_restored(const ledger::Registry& registry, store::Archive& source, const std::string& from,
                      const std::string& db, Report& report) {
  PLENUM_ASSIGN_OR_RETURN(auto restored, store::open_sqlite_store(db, registry.slices()));
  const std::string scratch = db + ".restore-check";
  store::remove_database(scratch);
  ledger::ReplayReport replayed;
  {
    PLENUM_ASSIGN_OR_RETURN(auto fresh, store::open_sqlite_store(scratch, registry.slices()));
    replayed = ledger::replay(*restored, *fresh, registry);
  }
  store::remove_database(scratch);
  if (!replayed.ok)
    return make_error(ErrorCode::kConflict, "备份中的表与其日志不符：" + replayed.problem,
                      "the backup's tables are not what its log says: " + replayed.problem, "from");
  report.state_hash = replayed.source_hash;
  PLENUM_ASSIGN_OR_RETURN(report.files, copy_files(source, from, db));
  return Status::ok();
}

}  // namespace

Result<Report> backup(const std::string& db, const std::string& to) {
  if (store::database_exists(to)) return exists(to, "to");
  {
    PLENUM_ASSIGN_OR_RETURN(auto source, store::open_sqlite_archive(db));
    PLENUM_TRY(source->copy_to(to));
  }
  auto undo = [&](const Error& e) {
    store::remove_database(to);
    return e;
  };
  auto copy = store::open_sqlite_archive(to);
  if (!copy) return undo(copy.error());
  auto chain = ledger::verify_chain(**copy);
  if (auto s = ledger::chain_status(chain); !s) return undo(s.error());
  Report report;
  report.events = chain.events;
  report.bodies = chain.bodies;
  auto files = copy_files(**copy, db, to);
  if (!files) return undo(files.error());
  report.files = *files;
  return report;
}

Result<Report> restore(const ledger::Registry& registry, const std::string& from, const std::string& db) {
  if (store::database_exists(db)) return exists(db, "db");
  PLENUM_ASSIGN_OR_RETURN(auto source, store::open_sqlite_archive(from));
  if (source->schema_version() != store::schema_version()) {
    std::string v = std::to_string(source->schema_version()), mine = std::to_string(store::schema_version());
    return make_error(ErrorCode::kConflict,
                      "备份的架构版本为 " + v + "，此版本为 " + mine + "：请用 plenum upgrade --from " + from +
                          " --to " + db + " 恢复",
                      "the backup is of schema version " + v + ", this build's is " + mine +
                          ": restore it with plenum upgrade --from " + from + " --to " + db,
                      "from");
  }
  auto chain = ledger::verify_chain(*source);
  PLENUM_TRY(ledger::chain_status(chain));
  PLENUM_TRY(source->copy_to(db));
  Report report;
  report.events = chain.events;
  report.bodies = chain.bodies;
  if (auto s = check_restored(registry, *source, from, db, report); !s) {
    store::remove_database(db);
    return s.error();
  }
  return report;
}

}  // namespace plenum::backup

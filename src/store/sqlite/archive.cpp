// store/archive.h over SQLite: the archive is read through its own read-only connection; rows are
// carried and compared through a connection to the target that attaches the archive read only.
#include "store/archive.h"

#include <utility>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "store/sqlite/connection.h"
#include "store/sqlite/db.h"
#include "store/sqlite/schema.sql.h"

namespace plenum::store {
namespace sqlite {
namespace {

// A file: URI naming `path` read only. Every byte but the unreserved ones and '/' is
// percent-encoded, so no character of a path can add a URI parameter.
std::string read_only_uri(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri + "?mode=ro";
}

std::string quoted(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

int64_t count(Db& db, const std::string& sql) {
  Query q(db, sql);
  q.step();
  return q.i(0);
}

// The column names of `table` in schema `schema` ("main" or "archive"), in order; empty if the
// table is not there.
std::vector<std::string> columns(Db& db, const std::string& schema, const std::string& table) {
  Query q(db, "SELECT name FROM pragma_table_info(?, ?) ORDER BY cid");
  q.bind(table).bind(schema);
  return all<std::string>(q, [](const Query& r) { return r.s(0); });
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + quoted(n);
  return out;
}

class SqliteArchive final : public Archive {
 public:
  SqliteArchive(const std::string& path, int version) : path_(path), db_(path, true), version_(version) {}

  int schema_version() const override { return version_; }
  int64_t event_count() override { return count(db_, "SELECT COUNT(*) FROM events"); }

  void for_each_event(const std::function<bool(const EventRecord&)>& fn) override {
    db_.exec("BEGIN");
    try {
      Query q(db_, std::string("SELECT ") + kEventCols + " FROM events ORDER BY position");
      while (q.step())
        if (!fn(event_row(q))) break;
    } catch (...) {
      db_.exec("COMMIT");
      throw;
    }
    db_.exec("COMMIT");
  }

  Status copy_to(const std::string& path) override {
    if (database_exists(path))
      return make_error(ErrorCode::kConflict, path + " 已存在", path + " exists: copy into a new file", "to");
    try {
      Db dest(path, false);
      sqlite3_backup* backup = sqlite3_backup_init(dest.raw(), "main", db_.raw(), "main");
      if (!backup) dest.fail("backup");
      int rc = sqlite3_backup_step(backup, -1);  // every page under one read transaction
      sqlite3_backup_finish(backup);
      if ((rc & 0xff) == SQLITE_FULL) throw StorageFull(std::string("backup: ") + sqlite3_errstr(rc));
      if (rc != SQLITE_DONE) throw StoreFailure(std::string("backup: ") + sqlite3_errstr(rc));
      dest.exec("PRAGMA journal_mode=WAL");
      return Status::ok();
    } catch (const StorageFull&) {
      remove_database(path);
      return make_error(ErrorCode::kStorageFull, "目标磁盘已满，未写入副本：" + path,
                        "the disk of " + path + " is full: no copy was written", "to");
    } catch (const StoreFailure& e) {
      remove_database(path);
      return make_error(ErrorCode::kInternal, std::string("无法复制数据库：") + e.what(),
                        std::string("cannot copy the database: ") + e.what(), "to");
    }
  }

  Result<std::vector<std::pair<std::string, int64_t>>> carry_into(const std::string& target,
                                                                  const std::vector<std::string>& tables) override {
    return with_target(target, [&](Db& db) {
      std::vector<std::pair<std::string, int64_t>> copied;
      db.exec("BEGIN IMMEDIATE");
      try {
        for (const auto& table : tables) {
          auto from = columns(db, "archive", table);
          std::vector<std::string> common;
          for (const auto& c : columns(db, "main", table))
            if (std::find(from.begin(), from.end(), c) != from.end()) common.push_back(c);
          int64_t rows = 0;
          if (!common.empty()) {
            Query(db, "INSERT OR IGNORE INTO main." + quoted(table) + "(" + joined(common) + ") SELECT " +
                          joined(common) + " FROM archive." + quoted(table))
                .run();
            rows = sqlite3_changes(db.raw());
          }
          copied.emplace_back(table, rows);
        }
        db.exec("COMMIT");
      } catch (...) {
        db.exec("ROLLBACK");
        throw;
      }
      return copied;
    });
  }

  Result<std::vector<TableComparison>> compare_with(const std::string& target,
                                                    const std::vector<std::string>& tables) override {
    return with_target(target, [&](Db& db) {
      std::vector<TableComparison> out;
      db.exec("BEGIN");
      for (const auto& table : tables) {
        TableComparison c;
        c.table = table;
        auto a = columns(db, "archive", table), t = columns(db, "main", table);
        c.in_archive = !a.empty();
        c.in_target = !t.empty();
        c.same_columns = c.in_archive && a == t;
        std::string in_a = "archive." + quoted(table), in_t = "main." + quoted(table);
        if (c.in_archive) c.archive_rows = count(db, "SELECT COUNT(*) FROM " + in_a);
        if (c.in_target) c.target_rows = count(db, "SELECT COUNT(*) FROM " + in_t);
        if (c.same_columns) {
          c.only_in_archive =
              count(db, "SELECT COUNT(*) FROM (SELECT * FROM " + in_a + " EXCEPT SELECT * FROM " + in_t + ")");
          c.only_in_target =
              count(db, "SELECT COUNT(*) FROM (SELECT * FROM " + in_t + " EXCEPT SELECT * FROM " + in_a + ")");
        }
        out.push_back(std::move(c));
      }
      db.exec("COMMIT");
      return out;
    });
  }

 private:
  // Runs `fn` on a connection to `target` with the archive attached read only as "archive".
  template <typename Fn>
  auto with_target(const std::string& target, Fn fn) -> Result<decltype(fn(std::declval<Db&>()))> {
    if (!std::filesystem::exists(target))
      return make_error(ErrorCode::kNotFound, "没有数据库 " + target, "no database at " + target, "target");
    try {
      Db db(target, false);
      Query attach(db, "ATTACH DATABASE ? AS archive");
      attach.bind(read_only_uri(path_));
      attach.run();
      return fn(db);
    } catch (const StoreFailure& e) {
      return make_error(ErrorCode::kInternal, std::string("数据库操作失败：") + e.what(),
                        std::string("database failure: ") + e.what(), "target");
    }
  }

  std::string path_;
  Db db_;
  int version_;
};

}  // namespace
}  // namespace sqlite

namespace {
constexpr const char* kDatabaseSuffixes[] = {"", "-wal", "-shm", "-journal"};
}

bool database_exists(const std::string& path) {
  for (const char* suffix : kDatabaseSuffixes)
    if (std::filesystem::exists(path + suffix)) return true;
  return false;
}

void remove_database(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : kDatabaseSuffixes) std::filesystem::remove(path + suffix, ignored);
}

int schema_version() { return sqlite::kSchemaVersion; }
int oldest_upgradable_schema_version() { return sqlite::kOldestUpgradable; }

Result<std::unique_ptr<Archive>> open_sqlite_archive(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    return make_error(ErrorCode::kNotFound, "没有数据库文件 " + path, "no database file at " + path, "db");
  try {
    sqlite::Db db(path, true);
    int64_t tables = sqlite::count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'");
    if (tables == 0)
      return make_error(ErrorCode::kMalformed, path + " 不是 plenum 数据库（没有事件表）",
                        path + " is not a plenum database (it has no events table)", "db");
    int version = static_cast<int>(sqlite::count(db, "PRAGMA user_version"));
    return std::unique_ptr<Archive>(std::make_unique<sqlite::SqliteArchive>(path, version));
  } catch (const StoreFailure& e) {
    return make_error(ErrorCode::kMalformed, std::string("无法读取数据库：") + e.what(),
                      std::string("cannot read the database: ") + e.what(), "db");
  }
}

}  // namespace plenum::store

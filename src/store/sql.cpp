#include "store/sql.h"

#include <sstream>

#include "base/text.h"

namespace plenum::store {

int64_t single_int(Query& q) {
  if (!q.step()) throw StoreFailure("a single-value query returned no row");
  return q.i(0);
}

namespace {

// Table names come from the feature's own code, never from a request; a name that is not a plain
// identifier is a bug that must not reach the SQL text.
void require_table_name(std::string_view table, const char* what) {
  bool identifier = !table.empty();
  for (char c : table) identifier = identifier && ((c >= 'a' && c <= 'z') || c == '_');
  if (!identifier) throw StoreFailure(std::string(what) + ": not a table name: " + std::string(table));
}

template <typename T, typename Text>
std::string join(const std::vector<T>& items, Text text) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += text(items[i]);
  }
  return out;
}

}  // namespace

int64_t next_id(Sql& sql, std::string_view table) {
  require_table_name(table, "next_id");
  Query q(sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table));
  return single_int(q);
}

std::string put_row_sql(std::string_view table, std::string_view columns, size_t values) {
  require_table_name(table, "put_row");
  size_t count = columns.empty() ? 0 : 1;
  for (char c : columns) count += c == ',';
  if (count != values || values == 0)
    throw StoreFailure("put_row: " + std::string(table) + " names " + std::to_string(count) + " columns for " +
                       std::to_string(values) + " values");
  std::string text = "INSERT OR REPLACE INTO " + std::string(table) + "(" + std::string(columns) + ") VALUES(?";
  for (size_t i = 1; i < values; ++i) text += ",?";
  return text + ")";
}

std::string join_ids(const std::vector<int64_t>& ids) {
  return join(ids, [](int64_t id) { return std::to_string(id); });
}

std::vector<int64_t> split_ids(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) {
      auto id = parse_int(part);
      if (!id) throw StoreFailure("not an id list: " + s);
      out.push_back(*id);
    }
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  return join(words, [](const std::string& word) -> const std::string& { return word; });
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

}  // namespace plenum::store

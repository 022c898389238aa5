#include "store/sql.h"

#include <sstream>

namespace plenum::store {

int64_t single_int(Query& q) {
  if (!q.step()) throw StoreFailure("a single-value query returned no row");
  return q.i(0);
}

int64_t next_id(Sql& sql, std::string_view table) {
  bool identifier = !table.empty();
  for (char c : table) identifier = identifier && ((c >= 'a' && c <= 'z') || c == '_');
  if (!identifier) throw StoreFailure("next_id: not a table name: " + std::string(table));
  Query q(sql, "SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table));
  return single_int(q);
}

std::string join_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::vector<int64_t> split_ids(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(std::stoll(part));
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += ',';
    out += words[i];
  }
  return out;
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

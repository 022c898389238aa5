#include "ledger/listing.h"

#include <sodium.h>

#include "base/args.h"
#include "base/text.h"
#include "ledger/routes.h"

namespace plenum::ledger {

namespace {

// A cursor is at most this long: a key of a few ids and short texts, base64url-encoded.
constexpr size_t kMaxCursorChars = 1024;

Error bad_cursor() {
  return invalid("cursor", "cursor 无效：请使用上一页答复的 Link 头中的地址",
                 "cursor is not valid: use the address in the previous page's Link header");
}

std::string base64url(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> from_base64url(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    return std::nullopt;
  out.resize(len);
  return out;
}

// A key value: an integer, a text or null (JSON's other types do not order items here).
bool is_key_value(const Json& v) { return v.is_null() || v.is_number_integer() || v.is_string(); }

// Orders key values as SQLite orders them (NULL, then integers, then texts by their bytes), so
// a handler's ORDER BY and the cut agree.
int compare_value(const Json& a, const Json& b) {
  auto rank = [](const Json& v) { return v.is_null() ? 0 : v.is_number_integer() ? 1 : 2; };
  if (rank(a) != rank(b)) return rank(a) < rank(b) ? -1 : 1;
  if (a.is_number_integer()) {
    auto x = a.get<int64_t>(), y = b.get<int64_t>();
    return x < y ? -1 : x > y;
  }
  if (a.is_string()) {
    int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    return c < 0 ? -1 : c > 0;
  }
  return 0;
}

// The field of an object item, or the element of an array item that `field` numbers.
const Json* field_of(const Json& item, const std::string& field) {
  if (item.is_object()) return item.contains(field) ? &item[field] : nullptr;
  auto index = parse_int(field, 0);
  if (!item.is_array() || !index || *index >= static_cast<int64_t>(item.size())) return nullptr;
  return &item[static_cast<size_t>(*index)];
}

Result<Json> key_of(const Listing& listing, const Json& item) {
  Json key = Json::array();
  for (const auto& field : listing.key) {
    const Json* value = field_of(item, field);
    if (!value || !is_key_value(*value))
      return make_error(ErrorCode::kInternal, "列表项缺少排序键 " + field, "a listed item lacks its key " + field);
    key.push_back(*value);
  }
  return key;
}

int compare_key(const Json& a, const Json& b) {
  for (size_t i = 0; i < a.size(); ++i)
    if (int c = compare_value(a[i], b[i])) return c;
  return 0;
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

std::string percent_encoded(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

Result<PageRequest> page_request(const Listing& listing, const std::map<std::string, std::string>& query) {
  PageRequest r;
  if (auto it = query.find("limit"); it != query.end()) {
    auto limit = parse_int(it->second, 1, kMaxPageLimit);
    if (!limit)
      return invalid("limit", "limit 应为 1 至 " + std::to_string(kMaxPageLimit) + " 之间的整数",
                     "limit must be an integer from 1 to " + std::to_string(kMaxPageLimit));
    r.limit = *limit;
  }
  if (auto it = query.find("cursor"); it != query.end()) {
    if (it->second.size() > kMaxCursorChars) return bad_cursor();
    auto bytes = from_base64url(it->second);
    if (!bytes) return bad_cursor();
    auto key = parse_json(*bytes);
    if (!key || !key->is_array() || key->size() != listing.key.size()) return bad_cursor();
    for (const auto& v : *key)
      if (!is_key_value(v)) return bad_cursor();
    r.after = std::move(*key);
  }
  return r;
}

Result<Page> cut_page(const Listing& listing, const PageRequest& request, Json& answer) {
  Json* list = listing.items.empty() ? &answer : nullptr;
  if (!list && answer.is_object() && answer.contains(listing.items)) list = &answer[listing.items];
  if (!list || !list->is_array())
    return make_error(ErrorCode::kInternal, "列表答复的形状不对", "a list route answered without its list");
  Page page;
  page.total = static_cast<int64_t>(list->size());
  if (request.limit == 0 && !request.after) return page;
  // The handler promised the key's order; a list out of it would page wrongly (skip or repeat
  // items), so it is an internal error rather than a wrong page.
  std::vector<Json> keys;
  keys.reserve(list->size());
  for (const auto& item : *list) {
    PLENUM_ASSIGN_OR_RETURN(auto key, key_of(listing, item));
    int c = keys.empty() ? 0 : compare_key(keys.back(), key);
    if (!keys.empty() && (listing.descending ? c <= 0 : c >= 0))
      return make_error(ErrorCode::kInternal, "列表未按其排序键排列", "a list route answered out of its key order");
    keys.push_back(std::move(key));
  }
  // The page starts at the first item past the cursor.
  size_t first = 0;
  if (request.after) {
    while (first < keys.size()) {
      int c = compare_key(keys[first], *request.after);
      if (listing.descending ? c < 0 : c > 0) break;
      ++first;
    }
  }
  size_t end = list->size();
  if (request.limit > 0 && end - first > static_cast<size_t>(request.limit)) end = first + request.limit;
  if (end < list->size()) page.next_cursor = base64url(canonical(keys[end - 1]));
  Json cut = Json::array();
  for (size_t i = first; i < end; ++i) cut.push_back(std::move((*list)[i]));
  *list = std::move(cut);
  return page;
}

std::string next_link(const std::string& path, std::map<std::string, std::string> query, const std::string& cursor) {
  query["cursor"] = cursor;
  // The path as the server decoded it, encoded again: no byte of it may end the header.
  std::string out = "<";
  for (const auto& segment : path_segments(path)) out += "/" + percent_encoded(segment);
  char sep = '?';
  for (const auto& [k, v] : query) {
    out += sep + percent_encoded(k) + "=" + percent_encoded(v);
    sep = '&';
  }
  return out + ">; rel=\"next\"";
}

}  // namespace plenum::ledger

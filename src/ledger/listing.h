// Paging of a list route (every GET whose answer is a list a body can make long: the roster, the
// check-ins, the board of an election). One contract for all of them, applied by the server to
// what the handler answered, so the page is cut from what the reader may see:
//
// - `limit` (1–1000) asks for a page of at most that many items; `cursor` asks for the items
//   after the last one of an earlier page. Neither: the whole list, as before paging existed.
// - The items are in the order of the route's key (Listing::key), ascending or descending, and
//   no two items share a key. The cursor is the last item's key, encoded (opaque to clients), so
//   a page follows the previous one even while items are added: none is skipped or repeated.
// - The answer keeps its shape; the paging is in the headers: `X-Total-Count` (all items, of
//   every page) and, while more follow, `Link: <the next page's path and query>; rel="next"`
//   (RFC 8288).
// - A limit out of range, a cursor that does not decode or is not a key of this route: 400
//   naming `limit` or `cursor`, and the handler does not run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace plenum::ledger {

inline constexpr int64_t kMaxPageLimit = 1000;

struct Listing {
  std::string items;  // the key of the list in the answer object; "" if the answer is the list
  // The fields the items are ordered by, unique together; for items that are arrays, the
  // positions ("1", "0": by the second element, then the first).
  std::vector<std::string> key;
  bool descending = false;
};

// What the query asks for; limit 0 is "no limit".
struct PageRequest {
  int64_t limit = 0;
  std::optional<Json> after;  // the decoded cursor: the key of the last item already seen
};

Result<PageRequest> page_request(const Listing& listing, const std::map<std::string, std::string>& query);

struct Page {
  int64_t total = 0;        // the items of every page
  std::string next_cursor;  // "" when no item follows
};

// Cuts `answer` (the handler's whole list) to the page asked for. An answer whose list is not
// where the listing says is an internal error.
Result<Page> cut_page(const Listing& listing, const PageRequest& request, Json& answer);

// The value of the Link header for the next page: `path` (as decoded; encoded again) with the
// query, `cursor` replaced.
std::string next_link(const std::string& path, std::map<std::string, std::string> query, const std::string& cursor);

}  // namespace plenum::ledger

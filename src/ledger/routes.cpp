#include "ledger/routes.h"

#include "base/text.h"
#include "ledger/ledger.h"

namespace plenum::ledger {

const std::string& ReadRequest::param(const std::string& name) const {
  static const std::string none;
  auto it = params.find(name);
  return it == params.end() ? none : it->second;
}

int64_t ReadRequest::id(const std::string& name) const { return parse_int(param(name), 0).value_or(0); }

std::string ReadRequest::q(const std::string& key) const {
  auto it = query.find(key);
  return it == query.end() ? std::string() : it->second;
}

ReadReply ReadReply::text(std::string content_type, std::string body) {
  ReadReply r{Json()};
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

ReadReply ReadReply::file(const std::string& sha256, std::string content_type) {
  ReadReply r{Json()};
  r.content_type = std::move(content_type);
  r.blob = sha256;
  return r;
}

Result<int64_t> parse_id(const std::string& text, const std::string& field) {
  auto id = parse_int(text, 0);
  if (!id)
    return make_error(ErrorCode::kMalformed, field + " 应为非负整数", field + " must be a non-negative integer", field);
  return *id;
}

Error forbidden_read() { return make_error(ErrorCode::kForbidden, "无权查看", "you may not view this", "actor"); }

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

namespace {

bool ends_with_id(const std::string& name) { return name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0; }

}  // namespace

bool match_pattern(const std::string& pattern, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>& params, std::string& bad_param) {
  auto parts = path_segments(pattern);
  if (parts.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  std::string bad;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      std::string name = p.substr(1, p.size() - 2);
      if (ends_with_id(name) && !parse_id(segments[i], name) && bad.empty()) bad = name;
      found[name] = segments[i];
    } else if (p != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  bad_param = std::move(bad);
  return true;
}

std::optional<RouteMatch> match_route(const std::vector<Route>& routes, const std::vector<std::string>& segments) {
  for (const auto& route : routes) {
    RouteMatch m;
    if (!match_pattern(route.pattern, segments, m.params, m.bad_param)) continue;
    m.route = &route;
    return m;
  }
  return std::nullopt;
}

}  // namespace plenum::ledger

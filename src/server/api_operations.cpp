// The API as the operator sees it: every answer counted in the metrics and written to the
// request log, GET /metrics for the configured scrapers, and the readiness a load balancer asks.
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "server/api.h"

namespace plenum::server {
namespace {

Json or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

}  // namespace

void Api::answered(const HttpRequest& req, const HttpResponse& r, double seconds) {
  std::string route = r.route.empty() ? "refused" : r.route;
  metrics_.request(route, r.action, req.method, r.status, seconds);
  LogLevel level = r.status >= 500 ? LogLevel::kError : r.status >= 400 ? LogLevel::kWarn : LogLevel::kInfo;
  if (level > options_.log_level) return;
  // The path, never the query: it may hold what someone searched for.
  std::string path;
  std::map<std::string, std::string> query;
  split_target(req.target, &path, &query);
  // A line stays well under PIPE_BUF (4 KiB), so lines written at once never interleave.
  constexpr size_t kLoggedPath = 1024;
  if (path.size() > kLoggedPath) path = path.substr(0, kLoggedPath) + "…";
  log_line(level, "request",
           Json{{"id", req.id},
                {"method", req.method},
                {"route", route},
                {"action", or_null(r.action)},
                {"path", path},
                {"status", r.status},
                {"ms", std::round(seconds * 10000) / 10},
                {"actor", or_null(r.actor)},
                {"client", req.client_address}});
}

std::string Api::route_of(const std::string& method, const std::vector<std::string>& segments) {
  if (segments == std::vector<std::string>{"metrics"}) return "/metrics";
  if (segments.empty() || segments[0] != "api") return "static";
  std::string joined;
  for (const auto& s : segments) joined += "/" + s;
  for (const char* fixed : {"/api/v1/health", "/api/v1/ready", "/api/v1/auth/me", "/api/v1/auth/login",
                            "/api/v1/auth/logout", "/api/v1/actions", "/api/v1/live"})
    if (joined == fixed) return fixed;
  std::map<std::string, std::string> params;
  if (method == "POST") {
    const ledger::Upload* upload = upload_of(segments, params);
    return upload ? upload->pattern : "unmatched";
  }
  auto match = ledger::match_route(app_.registry.routes(), segments);
  return match ? match->route->pattern : "unmatched";
}

HttpResponse Api::metrics_text(const HttpRequest& req) {
  bool from_listed = std::find(options_.metrics_from.begin(), options_.metrics_from.end(), req.client_address) !=
                     options_.metrics_from.end();
  const std::string bearer = "Bearer ";
  const std::string& want = options_.metrics_token;
  bool with_token = false;
  if (!want.empty() && req.authorization.rfind(bearer, 0) == 0) {
    std::string_view got = std::string_view(req.authorization).substr(bearer.size());
    with_token = got.size() == want.size() && sodium_memcmp(got.data(), want.data(), want.size()) == 0;
  }
  if (!from_listed && !with_token)
    return error_response(make_error(ErrorCode::kForbidden, "运行指标只对配置的地址或持有指标令牌者开放",
                                     "the metrics are only for the configured addresses or the metrics token",
                                     "Authorization"));
  HttpResponse r;
  r.content_type = kMetricsContentType;
  r.body = metrics_.render();
  return r;
}

void Api::set_readiness(bool ready, std::string reason_zh, std::string reason_en) {
  std::lock_guard<std::mutex> lock(readiness_mu_);
  // Once stopping, nothing makes the server ready again (a verification finishing late).
  if (stopping_) return;
  ready_ = ready;
  not_ready_zh_ = std::move(reason_zh);
  not_ready_en_ = std::move(reason_en);
}

void Api::set_stopping() {
  // One step: a verification finishing meanwhile must not make a stopping server ready.
  std::lock_guard<std::mutex> lock(readiness_mu_);
  stopping_ = true;
  ready_ = false;
  not_ready_zh_ = "服务器正在停止";
  not_ready_en_ = "the server is shutting down";
}

HttpResponse Api::readiness() {
  std::lock_guard<std::mutex> lock(readiness_mu_);
  if (ready_) return json_response(200, Json{{"ready", true}});
  return json_response(503, Json{{"ready", false}, {"reason_zh", not_ready_zh_}, {"reason_en", not_ready_en_}});
}

}  // namespace plenum::server

// The API's reads: every GET under /api/v1 but the server's own is a route a feature registered,
// answered under its read rule (ledger/routes.h); anything else is a file of the web root.
#include "accounts/accounts.h"
#include "accounts/tables.h"
#include "server/api.h"

namespace plenum::server {

// Every read under /api/v1 but the server's own is a route a feature registered, with its
// read rule (ledger/routes.h says in which order the rule is applied).
HttpResponse Api::get(const HttpRequest& req, const std::string& path,
                      const std::map<std::string, std::string>& query) {
  auto seg = ledger::path_segments(path);
  if (seg == std::vector<std::string>{"metrics"}) return metrics_text(req);
  if (seg.empty() || seg[0] != "api") return static_file(path);
  if (seg == std::vector<std::string>{"api", "v1", "health"}) return json_response(200, Json{{"ok", true}});
  if (seg == std::vector<std::string>{"api", "v1", "ready"}) return readiness();
  auto reader = app_.store->read();
  Caller who = caller(req.cookie);
  if (seg == std::vector<std::string>{"api", "v1", "auth", "me"}) {
    if (!who.signed_in()) return error_response(not_signed_in());
    Json me = accounts::describe(*reader, *accounts::tables::account(*reader, who.username));
    me["csrf_token"] = who.csrf_token;
    return json_response(200, me);
  }
  auto match = ledger::match_route(app_.registry.routes(), seg);
  if (!match) return error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target"));
  if (!match->bad_param.empty())
    return error_response(ledger::parse_id(match->params.at(match->bad_param), match->bad_param).error());
  const ledger::Route& route = *match->route;
  ledger::ReadRequest request{*reader, app_.rulebooks, app_.registry, who.username, match->params, query};
  if (auto allowed = may_read(route.rule, request, who); !allowed) return error_response(allowed.error());
  std::optional<ledger::PageRequest> page;
  if (route.listing) {
    auto asked = ledger::page_request(*route.listing, query);
    if (!asked) return error_response(asked.error());
    page = std::move(*asked);
  }
  auto r = route.handler(request);
  if (!r) return error_response(r.error());
  if (page) {
    auto cut = ledger::cut_page(*route.listing, *page, r->json);
    if (!cut) return error_response(cut.error());
    HttpResponse listed = json_response(200, r->json);
    listed.total_count = cut->total;
    if (!cut->next_cursor.empty()) listed.link = ledger::next_link(path, query, cut->next_cursor);
    return listed;
  }
  if (r->content_type.empty()) return json_response(200, r->json);
  if (!r->blob.empty()) {
    auto bytes = app_.blobs->get(r->blob);
    if (!bytes) return error_response(bytes.error());
    r->body = std::move(*bytes);
  }
  HttpResponse text;
  text.content_type = r->content_type;
  text.body = std::move(r->body);
  return text;
}

Status Api::may_read(const ledger::ReadRule& rule, const ledger::ReadRequest& request, const Caller& who) {
  using Audience = ledger::ReadRule::Audience;
  if (rule.audience == Audience::kEveryone) return Status::ok();
  std::string body;
  if (rule.body_of) {
    PLENUM_ASSIGN_OR_RETURN(auto b, rule.body_of(request));
    body = b;
  }
  if (!who.signed_in()) return not_signed_in();
  if (rule.audience == Audience::kFollowers && !may_follow(who, body)) return ledger::forbidden_read();
  if (rule.audience == Audience::kRoles) {
    if (rule.member_of) {
      PLENUM_ASSIGN_OR_RETURN(auto member, rule.member_of(request));
      auto account = accounts::tables::account(request.reader, who.username);
      if (account && account->member_id == member) return Status::ok();
    }
    if (!accounts::has_role(request.reader, who.username, body, rule.roles)) return ledger::forbidden_read();
  }
  return Status::ok();
}

HttpResponse Api::static_file(const std::string& path) {
  HttpResponse r;
  r.file = web_root_.resolve(path);
  if (!r.file) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found";
    return r;
  }
  r.content_type = r.file->content_type;
  return r;
}

}  // namespace plenum::server

// Read routes: every GET under /api/v1 that shows projections is registered by the feature that
// owns them, from its own folder, with the rule that says who may read it (Registry::add_route).
// The server matches the path, checks the rule and calls the handler with a read view; the same
// table lists the routes for docs/openapi.json.
//
// Contract, in the order the server applies it:
// 1. The path matches a pattern segment by segment; `{name}` matches one segment, and a
//    parameter named `*_id` must be a non-negative integer (else 400 naming the parameter).
// 2. If the rule needs a body, `body_of` finds it (a sitting's body, say); its error (404 for an
//    unknown sitting) is the answer. Existence is public: bodies, sittings and members are.
// 3. The audience is checked: kEveryone passes; the others need a signed-in caller (401), and
//    kFollowers / kRoles a role in that body (403); an admin holds every role.
// 4. The handler runs, and may narrow what it shows by `viewer` (proposals' per-row rule).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "ledger/listing.h"
#include "rules/rulebook.h"
#include "store/blobs.h"
#include "store/store.h"

namespace plenum::ledger {

class Registry;

// What a route handler reads with.
struct ReadRequest {
  store::Reader& reader;
  const rules::RulebookSet& rulebooks;
  const Registry& registry;
  const std::string& viewer;                         // the signed-in username; "" for a stranger
  const std::map<std::string, std::string>& params;  // the pattern's {name}s
  const std::map<std::string, std::string>& query;

  const std::string& param(const std::string& name) const;
  int64_t id(const std::string& name) const;    // a {*_id} parameter (checked by the router)
  std::string q(const std::string& key) const;  // a query parameter, "" if absent
};

// A route's answer: JSON, or text of another type (a CSV export).
struct ReadReply {
  ReadReply(Json j) : json(std::move(j)) {}  // NOLINT: a JSON answer is the common case
  static ReadReply text(std::string content_type, std::string body);
  // A file of the blob store (store/blobs.h), served with its type once the route's rule has
  // let the reader through: the feature that names the file decides who may read it.
  static ReadReply file(const std::string& sha256, std::string content_type);
  Json json;
  std::string content_type;  // empty: JSON
  std::string body;          // the text when content_type is set
  std::string blob;          // a file's SHA-256 (ReadReply::file): its bytes are the answer
};

// Finds the body a read rule is judged in, from the request; its error is the route's answer.
using BodyOf = std::function<Result<std::string>(const ReadRequest&)>;
// Finds the member a route is about (ReadRule::or_self).
using MemberOf = std::function<Result<int64_t>(const ReadRequest&)>;

struct ReadRule {
  enum class Audience {
    kEveryone,   // the public record: no sign-in
    kSignedIn,   // any signed-in account (the handler may narrow by viewer)
    kFollowers,  // any role in the body (the accounts chain: admins)
    kRoles,      // one of `roles` in the body
  };
  Audience audience = Audience::kEveryone;
  std::vector<std::string> roles;
  BodyOf body_of;      // required for kFollowers and kRoles
  MemberOf member_of;  // kRoles only: also lets through the member the route is about

  static ReadRule everyone() { return {}; }
  static ReadRule signed_in() { return {Audience::kSignedIn, {}, {}, {}}; }
  static ReadRule followers(BodyOf body_of) { return {Audience::kFollowers, {}, std::move(body_of), {}}; }
  static ReadRule roles_in(std::vector<std::string> roles, BodyOf body_of) {
    return {Audience::kRoles, std::move(roles), std::move(body_of), {}};
  }
  ReadRule or_self(MemberOf member) && {
    member_of = std::move(member);
    return std::move(*this);
  }
};

using RouteHandler = std::function<Result<ReadReply>(const ReadRequest&)>;

// A non-negative integer id as a path or query parameter, or kMalformed naming `field`.
Result<int64_t> parse_id(const std::string& text, const std::string& field);

// The error of a read the caller may not make (403, field "actor").
Error forbidden_read();

// A handler's Result<Json> as a route's answer.
inline Result<ReadReply> reply(Result<Json> r) {
  if (!r) return r.error();
  return ReadReply(std::move(*r));
}

// The common handlers: the answer of fn(reader, the {name} parameter), an id or a string.
inline RouteHandler by_id(std::string name, Result<Json> (*fn)(store::Reader&, int64_t)) {
  return [name = std::move(name), fn](const ReadRequest& r) { return reply(fn(r.reader, r.id(name))); };
}
inline RouteHandler by_param(std::string name, Result<Json> (*fn)(store::Reader&, const std::string&)) {
  return [name = std::move(name), fn](const ReadRequest& r) { return reply(fn(r.reader, r.param(name))); };
}

// Its words (summary, description, the shape of the answer) are in the feature's openapi.json,
// under the same pattern (app/openapi.h).
struct Route {
  std::string pattern;  // "/api/v1/sittings/{sitting_id}/check-ins"
  ReadRule rule;
  RouteHandler handler;
  std::optional<Listing> listing = std::nullopt;  // a list route: paged by `limit` and `cursor` (ledger/listing.h)
};

// What an upload carried: the text of a text upload, or the file a file upload stored.
struct UploadBody {
  const std::string& text;               // the request body as sent
  const store::BlobRef* file = nullptr;  // a file upload's stored file (Upload::file)
};

// A file upload: POST `pattern` with a body of `content_type`, which the feature turns into the
// args of one action (parsing and checking the file); the server then submits that action for
// the signed-in caller, who needs the action's own roles. `args` sees the path parameters and
// the query, and refuses a query key it does not know.
//
// With `file` set the body is a file for the file store (store/blobs.h): only a caller its
// `senders` rule lets through may send one (checked as a read rule is, on the request's head,
// so no one else can make the server read or store a byte); it takes no query; its
// Content-Type must be one of the limits' types; and the server stores it under those limits
// (size, magic bytes) before `args` is called with its BlobRef. An action that then fails
// leaves the file unreferenced, which is harmless.
struct FileUpload {
  store::BlobLimits limits;
  ReadRule senders;
};
struct Upload {
  std::string pattern;       // "/api/v1/bodies/{body}/roster"
  std::string content_type;  // "text/csv"; unused for a file upload (file->limits.content_types)
  std::string action;        // "assembly.import_roster"
  std::function<Result<Json>(const ReadRequest&, const UploadBody& body)> args;
  std::optional<FileUpload> file = std::nullopt;
};

// Splits a pattern or a path into its segments ("/a/b" → {"a", "b"}).
std::vector<std::string> path_segments(const std::string& path);

// The route a path names and its parameters; nullopt if none matches. A malformed id yields the
// route with `bad_param` set to the parameter's name.
struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::string bad_param;
};
std::optional<RouteMatch> match_route(const std::vector<Route>& routes, const std::vector<std::string>& segments);

// Whether `segments` match `pattern` (as for routes), filling in its parameters.
bool match_pattern(const std::string& pattern, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>& params, std::string& bad_param);

}  // namespace plenum::ledger

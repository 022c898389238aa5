// An action's arguments, declared once: the same declaration validates a request's args before
// the handler runs and writes that action's part of docs/openapi.json (app/openapi.h).
//
//   ArgSchema{Arg::id("sitting_id").required(), Arg::text("reason", 500),
//             Arg::choice("method", {"device", "desk", "staff"})}
//       .exactly_one_of({"member_id", "seat", "card"})
//
// Contract of validate(): the args are an object; no key but the declared ones; each present,
// non-null value has its declared type and lies within its limits; every required one is there
// and not null; of each exactly_one_of group exactly one is present, of each at_most_one_of
// group at most one. The first problem is returned as kMalformed naming the field
// ("args.seat", "args.member_ids[3]"); a document over its size is kTooLarge. An argument
// declared with Arg::json() is documented by its schema and checked by the handler (only its
// JSON type is checked here). A null value counts as absent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace plenum::ledger {

class ArgSchema;

class Arg {
 public:
  enum class Kind {
    kInteger,
    kString,
    kText,
    kDocument,
    kChoice,
    kBoolean,
    kDate,
    kTime,
    kBody,
    kArray,
    kObject,
    kJson
  };

  // An id: an integer from 0 (or `min`) to 2^63-1.
  static Arg id(std::string name, int64_t min = 0);
  static Arg integer(std::string name, int64_t min, int64_t max);
  // Non-empty single-line text (trimmed by the handler) of at most `max_chars` characters,
  // checked as 4 bytes a character (a CJK character is 3 bytes in UTF-8).
  static Arg text(std::string name, size_t max_chars = 200);
  // Any string of `min_bytes` to `max_bytes` bytes (a key, a password, a token).
  static Arg string(std::string name, size_t max_bytes, size_t min_bytes = 0);
  // Text that may span lines: non-empty, at most `max_bytes` bytes (kTooLarge beyond).
  static Arg document(std::string name, size_t max_bytes = 1 << 20);
  // One of `values`.
  static Arg choice(std::string name, std::vector<std::string> values);
  // A feature's named kind: one of `values`, documented once as components/schemas/<component>
  // (see named()); declare it under a name with as().
  static Arg kind(std::string component, std::vector<std::string> values, std::string description);
  static Arg boolean(std::string name);
  static Arg date(std::string name);  // "YYYY-MM-DD", a real calendar date
  static Arg time(std::string name);  // ISO 8601 with its offset, "2024-03-05T09:00+08:00"
  static Arg body(std::string name);  // a body id: 1-32 of a-z, 0-9, - and _
  // An array of `item`s (the item's name is unused) of `min_items` to `max_items` elements.
  static Arg array(std::string name, Arg item, size_t min_items, size_t max_items);
  // A nested object with its own declared keys.
  static Arg object(std::string name, ArgSchema fields);
  // A JSON value of `type` ("object", "array", "string", "integer", or "any") whose inside the
  // handler checks; `schema` documents it.
  static Arg json(std::string name, std::string type, Json schema);

  // The same declaration under another name (a shared kind such as a body id or a date).
  Arg as(std::string name) const;
  Arg required() &&;
  Arg describe(std::string text) &&;
  Arg example(Json value) &&;
  // Documented once, as components/schemas/<component> with what is described so far, and
  // referenced where used (with the use's own description, if any).
  Arg named(std::string component) &&;
  // Adds JSON Schema keywords to what is documented (a pattern the handler checks, say).
  Arg documented(Json extra) &&;

  const std::string& name() const { return name_; }
  bool is_required() const { return required_; }
  Kind kind() const { return kind_; }

  // The problem with `value` (present and not null) at `field`, if any.
  Status check(const Json& value, const std::string& field) const;
  // This argument's JSON Schema; a named one becomes a $ref, its schema added to `components`.
  Json json_schema(Json& components) const;

 private:
  Arg(std::string name, Kind kind) : name_(std::move(name)), kind_(kind) {}
  Json own_schema(Json& components, const Json& doc) const;

  std::string name_;
  Kind kind_;
  bool required_ = false;
  int64_t min_ = 0, max_ = 0;  // integers: the range; strings: bytes; arrays: items
  std::vector<std::string> values_;
  std::shared_ptr<const Arg> item_;
  std::shared_ptr<const ArgSchema> fields_;
  std::string json_type_;
  Json doc_ = Json::object();  // extra keywords: description, examples, ...
  std::string component_;
  Json component_doc_ = Json::object();  // doc_ when named()
};

// True for a valid body id (Arg::body).
bool is_body_id(std::string_view id);

class ArgSchema {
 public:
  ArgSchema() = default;  // an action without arguments
  ArgSchema(std::initializer_list<Arg> args) : args_(args) {}
  ArgSchema exactly_one_of(std::vector<std::string> names) &&;
  ArgSchema at_most_one_of(std::vector<std::string> names) &&;
  ArgSchema describe(std::string text) &&;

  Status validate(const Json& args, const std::string& path = "args") const;
  Json json_schema(Json& components) const;
  const std::vector<Arg>& args() const { return args_; }

 private:
  std::vector<Arg> args_;
  std::vector<std::vector<std::string>> exactly_one_, at_most_one_;
  std::string description_;
};

}  // namespace plenum::ledger

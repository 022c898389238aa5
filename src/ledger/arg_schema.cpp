#include "ledger/arg_schema.h"

#include <algorithm>
#include <limits>

#include "base/text.h"

namespace plenum::ledger {
namespace {

Error malformed(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, zh, en, field);
}

// "a, b or c" for messages.
std::string listed(const std::vector<std::string>& values, const char* last) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? last : ", ";
    out += values[i];
  }
  return out;
}

bool present(const Json& args, const std::string& key) {
  auto it = args.find(key);
  return it != args.end() && !it->is_null();
}

}  // namespace

Arg Arg::id(std::string name, int64_t min) {
  Arg a(std::move(name), Kind::kInteger);
  a.min_ = min;
  a.max_ = std::numeric_limits<int64_t>::max();
  return a;
}

Arg Arg::integer(std::string name, int64_t min, int64_t max) {
  Arg a(std::move(name), Kind::kInteger);
  a.min_ = min;
  a.max_ = max;
  return a;
}

Arg Arg::text(std::string name, size_t max_chars) {
  Arg a(std::move(name), Kind::kText);
  a.max_ = static_cast<int64_t>(max_chars * 4);
  return a;
}

Arg Arg::string(std::string name, size_t max_bytes, size_t min_bytes) {
  Arg a(std::move(name), Kind::kString);
  a.min_ = static_cast<int64_t>(min_bytes);
  a.max_ = static_cast<int64_t>(max_bytes);
  return a;
}

Arg Arg::document(std::string name, size_t max_bytes) {
  Arg a(std::move(name), Kind::kDocument);
  a.max_ = static_cast<int64_t>(max_bytes);
  return a;
}

Arg Arg::choice(std::string name, std::vector<std::string> values) {
  Arg a(std::move(name), Kind::kChoice);
  a.values_ = std::move(values);
  return a;
}

Arg Arg::kind(std::string component, std::vector<std::string> values, std::string description) {
  return choice("", std::move(values)).describe(std::move(description)).named(std::move(component));
}

Arg Arg::boolean(std::string name) { return Arg(std::move(name), Kind::kBoolean); }
Arg Arg::date(std::string name) {
  return Arg(std::move(name), Kind::kDate)
      .describe("A calendar date YYYY-MM-DD.")
      .documented({{"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, {"examples", {"2024-03-05"}}})
      .named("Date");
}

Arg Arg::time(std::string name) {
  return Arg(std::move(name), Kind::kTime)
      .describe(
          "ISO 8601 local time as the secretariat wrote it: YYYY-MM-DDTHH:MM[:SS] with an optional Z or "
          "±HH:MM offset (none means UTC). The sitting's date is its first ten characters.")
      .documented({{"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?$"},
                   {"examples", {"2024-03-05T09:00+08:00"}}})
      .named("LocalDateTime");
}

Arg Arg::body(std::string name) {
  return Arg(std::move(name), Kind::kBody)
      .describe("A body (机构) id: 1-32 characters of a-z, 0-9, - and _, e.g. npc, cppcc.")
      .documented({{"pattern", "^[a-z0-9_-]{1,32}$"}, {"examples", {"npc"}}})
      .named("BodyId");
}

bool is_body_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

Arg Arg::array(std::string name, Arg item, size_t min_items, size_t max_items) {
  Arg a(std::move(name), Kind::kArray);
  a.item_ = std::make_shared<const Arg>(std::move(item));
  a.min_ = static_cast<int64_t>(min_items);
  a.max_ = static_cast<int64_t>(max_items);
  return a;
}

Arg Arg::object(std::string name, ArgSchema fields) {
  Arg a(std::move(name), Kind::kObject);
  a.fields_ = std::make_shared<const ArgSchema>(std::move(fields));
  return a;
}

Arg Arg::json(std::string name, std::string type, Json schema) {
  Arg a(std::move(name), Kind::kJson);
  a.json_type_ = std::move(type);
  a.doc_ = std::move(schema);
  return a;
}

Arg Arg::as(std::string name) const {
  Arg a = *this;
  a.name_ = std::move(name);
  return a;
}

Arg Arg::required() && {
  required_ = true;
  return std::move(*this);
}

Arg Arg::describe(std::string text) && {
  doc_["description"] = std::move(text);
  return std::move(*this);
}

Arg Arg::example(Json value) && {
  doc_["examples"] = Json::array({std::move(value)});
  return std::move(*this);
}

Arg Arg::named(std::string component) && {
  component_ = std::move(component);
  component_doc_ = std::move(doc_);
  doc_ = Json::object();
  return std::move(*this);
}

Arg Arg::documented(Json extra) && {
  for (auto& [k, v] : extra.items()) doc_[k] = v;
  return std::move(*this);
}

Status Arg::check(const Json& v, const std::string& field) const {
  switch (kind_) {
    case Kind::kInteger: {
      if (!v.is_number_integer()) return wrong_type(field, "整数", "an integer");
      // An unsigned value above INT64_MAX does not fit; parse_json refuses it, but args may
      // come from elsewhere (the CLI, a test).
      bool fits =
          !v.is_number_unsigned() || v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
      int64_t n = fits ? v.get<int64_t>() : 0;
      if (!fits || n < min_ || n > max_)
        return malformed(field,
                         "字段 " + field + " 应在 " + std::to_string(min_) + " 到 " + std::to_string(max_) + " 之间",
                         "field " + field + " must be from " + std::to_string(min_) + " to " + std::to_string(max_));
      return Status::ok();
    }
    case Kind::kString: {
      if (!v.is_string()) return wrong_type(field, "字符串", "a string");
      auto n = static_cast<int64_t>(v.get_ref<const std::string&>().size());
      if (n < min_) return malformed(field, "字段 " + field + " 过短", "field " + field + " is too short");
      if (n > max_) return malformed(field, "字段 " + field + " 过长", "field " + field + " is too long");
      return Status::ok();
    }
    case Kind::kText: {
      if (!v.is_string()) return wrong_type(field, "字符串", "a string");
      const std::string& s = v.get_ref<const std::string&>();
      if (trim(s).empty())
        return malformed(field, "字段 " + field + " 不能为空", "field " + field + " must not be empty");
      if (static_cast<int64_t>(s.size()) > max_)
        return malformed(field, "字段 " + field + " 过长", "field " + field + " is too long");
      if (has_control_character(trim(s)))
        return malformed(field, "字段 " + field + " 含换行或控制字符",
                         "field " + field + " has a line break or a control character");
      return Status::ok();
    }
    case Kind::kDocument: {
      if (!v.is_string()) return wrong_type(field, "字符串", "a string");
      const std::string& s = v.get_ref<const std::string&>();
      if (trim(s).empty())
        return malformed(field, "字段 " + field + " 不能为空", "field " + field + " must not be empty");
      if (static_cast<int64_t>(s.size()) > max_)
        return make_error(ErrorCode::kTooLarge, "字段 " + field + " 超过 " + std::to_string(max_) + " 字节",
                          "field " + field + " exceeds " + std::to_string(max_) + " bytes", field);
      return Status::ok();
    }
    case Kind::kChoice:
      if (!v.is_string() || std::find(values_.begin(), values_.end(), v.get<std::string>()) == values_.end())
        return malformed(field, "字段 " + field + " 应为 " + listed(values_, " 或 ") + " 之一",
                         "field " + field + " must be " + listed(values_, " or "));
      return Status::ok();
    case Kind::kBoolean:
      if (!v.is_boolean()) return wrong_type(field, "布尔值", "true or false");
      return Status::ok();
    case Kind::kDate:
      if (!v.is_string()) return wrong_type(field, "字符串", "a string");
      if (!is_valid_date(v.get_ref<const std::string&>()))
        return malformed(field, "字段 " + field + " 应为日期 YYYY-MM-DD",
                         "field " + field + " must be a date YYYY-MM-DD");
      return Status::ok();
    case Kind::kTime: {
      if (!v.is_string()) return wrong_type(field, "字符串", "a string");
      int64_t micros = 0;
      if (!parse_iso_time(v.get_ref<const std::string&>(), &micros))
        return malformed(field, "字段 " + field + " 应为 ISO 8601 时间，如 2024-03-05T09:00+08:00",
                         "field " + field + " must be an ISO 8601 time such as 2024-03-05T09:00+08:00");
      return Status::ok();
    }
    case Kind::kBody:
      if (!v.is_string()) return wrong_type(field, "字符串", "a string");
      if (!is_body_id(v.get_ref<const std::string&>()))
        return malformed(field, "字段 " + field + " 应为机构代号（1-32 个 a-z、0-9、- 或 _）",
                         "field " + field + " must be a body id (1-32 of a-z, 0-9, - and _)");
      return Status::ok();
    case Kind::kArray: {
      if (!v.is_array()) return wrong_type(field, "数组", "an array");
      auto n = static_cast<int64_t>(v.size());
      if (n < min_ || n > max_)
        return malformed(
            field, "字段 " + field + " 应有 " + std::to_string(min_) + " 到 " + std::to_string(max_) + " 项",
            "field " + field + " must have " + std::to_string(min_) + " to " + std::to_string(max_) + " items");
      for (size_t i = 0; i < v.size(); ++i) {
        std::string at = field + "[" + std::to_string(i) + "]";
        if (v[i].is_null()) return missing(at);
        PLENUM_TRY(item_->check(v[i], at));
      }
      return Status::ok();
    }
    case Kind::kObject:
      return fields_->validate(v, field);
    case Kind::kJson: {
      bool ok = json_type_ == "object"    ? v.is_object()
                : json_type_ == "array"   ? v.is_array()
                : json_type_ == "string"  ? v.is_string()
                : json_type_ == "integer" ? v.is_number_integer()
                                          : true;
      if (!ok)
        return malformed(field, "字段 " + field + " 应为 " + json_type_, "field " + field + " must be " + json_type_);
      return Status::ok();
    }
  }
  return Status::ok();
}

Json Arg::own_schema(Json& components, const Json& doc) const {
  Json s = Json::object();
  switch (kind_) {
    case Kind::kInteger:
      s = {{"type", "integer"}, {"format", "int64"}};
      if (min_ != std::numeric_limits<int64_t>::min()) s["minimum"] = min_;
      if (max_ != std::numeric_limits<int64_t>::max()) s["maximum"] = max_;
      break;
    case Kind::kString:
      s = {{"type", "string"}, {"maxLength", max_}};
      if (min_) s["minLength"] = min_;
      break;
    case Kind::kText:
      s = {{"type", "string"}, {"minLength", 1}, {"maxLength", max_}};
      s["description"] = "Non-empty single-line text, trimmed; at most " + std::to_string(max_ / 4) +
                         " characters (checked as " + std::to_string(max_) + " bytes).";
      break;
    case Kind::kDocument:
      s = {{"type", "string"}, {"minLength", 1}, {"maxLength", max_}};
      break;
    case Kind::kChoice:
      s = {{"type", "string"}, {"enum", values_}};
      break;
    case Kind::kBoolean:
      s = {{"type", "boolean"}};
      break;
    case Kind::kDate:
      s = {{"type", "string"}, {"format", "date"}};
      break;
    case Kind::kTime:
    case Kind::kBody:
      s = {{"type", "string"}};
      break;
    case Kind::kArray:
      s = {{"type", "array"}, {"items", item_->json_schema(components)}};
      if (min_) s["minItems"] = min_;
      if (max_ != std::numeric_limits<int64_t>::max()) s["maxItems"] = max_;
      break;
    case Kind::kObject:
      s = fields_->json_schema(components);
      break;
    case Kind::kJson:
      if (json_type_ != "any") s = {{"type", json_type_}};
      // Its keys are the handler's to check: any may be there, as far as the schema says.
      if (json_type_ == "object" && !doc.contains("$ref")) s["additionalProperties"] = true;
      break;
  }
  for (auto& [k, v] : doc.items()) {
    // A text's own limits stay in its description.
    if (k == "description" && s.contains("description"))
      s[k] = v.get<std::string>() + " " + s[k].get<std::string>();
    else
      s[k] = v;
  }
  return s;
}

Json Arg::json_schema(Json& components) const {
  if (component_.empty()) return own_schema(components, doc_);
  // A named kind is documented once (every use is a copy of one declaration).
  if (!components.contains(component_)) components[component_] = own_schema(components, component_doc_);
  Json ref{{"$ref", "#/components/schemas/" + component_}};
  for (auto& [k, v] : doc_.items()) ref[k] = v;
  return ref;
}

ArgSchema ArgSchema::exactly_one_of(std::vector<std::string> names) && {
  exactly_one_.push_back(std::move(names));
  return std::move(*this);
}

ArgSchema ArgSchema::at_most_one_of(std::vector<std::string> names) && {
  at_most_one_.push_back(std::move(names));
  return std::move(*this);
}

ArgSchema ArgSchema::describe(std::string text) && {
  description_ = std::move(text);
  return std::move(*this);
}

Status ArgSchema::validate(const Json& args, const std::string& path) const {
  if (!args.is_object()) return wrong_type(path, "对象", "an object");
  for (auto it = args.begin(); it != args.end(); ++it) {
    auto arg = std::find_if(args_.begin(), args_.end(), [&](const Arg& a) { return a.name() == it.key(); });
    std::string field = field_path(path, it.key());
    if (arg == args_.end()) return malformed(field, "未知字段 " + field, "unknown field " + field);
    if (!it->is_null()) PLENUM_TRY(arg->check(*it, field));
  }
  for (const Arg& a : args_)
    if (a.is_required() && !present(args, a.name())) return missing(field_path(path, a.name()));
  auto count = [&](const std::vector<std::string>& group) {
    return std::count_if(group.begin(), group.end(), [&](const std::string& k) { return present(args, k); });
  };
  for (const auto& group : exactly_one_)
    if (count(group) != 1)
      return malformed(field_path(path, group.front()), "须且只须给出 " + listed(group, "、") + " 之一",
                       "give exactly one of " + listed(group, ", "));
  for (const auto& group : at_most_one_)
    if (count(group) > 1)
      return malformed(field_path(path, group.front()), "至多给出 " + listed(group, "、") + " 之一",
                       "give at most one of " + listed(group, ", "));
  return Status::ok();
}

Json ArgSchema::json_schema(Json& components) const {
  Json properties = Json::object();
  Json required = Json::array();
  for (const Arg& a : args_) {
    properties[a.name()] = a.json_schema(components);
    if (a.is_required()) required.push_back(a.name());
  }
  Json s{{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  Json one_of = Json::array();
  for (const auto& group : exactly_one_) {
    Json variants = Json::array();
    for (const auto& k : group) variants.push_back(Json{{"required", {k}}});
    one_of.push_back(Json{{"oneOf", variants}});
  }
  for (const auto& group : at_most_one_) {
    // Not two of them at once.
    Json pairs = Json::array();
    for (size_t i = 0; i < group.size(); ++i)
      for (size_t j = i + 1; j < group.size(); ++j) pairs.push_back(Json{{"required", {group[i], group[j]}}});
    one_of.push_back(Json{{"not", Json{{"anyOf", pairs}}}});
  }
  if (one_of.size() == 1) {
    for (auto& [k, v] : one_of[0].items()) s[k] = v;
  } else if (!one_of.empty()) {
    s["allOf"] = one_of;
  }
  if (!description_.empty()) s["description"] = description_;
  return s;
}

}  // namespace plenum::ledger

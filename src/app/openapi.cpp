#include "app/openapi.h"

#include <utility>

#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace plenum::app {

// cmake/embed_openapi.cmake: {path in the repository, text} of every openapi.json part.
extern const std::vector<std::pair<std::string_view, std::string_view>> kOpenApiParts;

namespace {

constexpr std::string_view kBasePart = "src/server/openapi.json";

Error broken(const std::string& what) {
  return make_error(ErrorCode::kInternal, "OpenAPI 文档无法生成：" + what,
                    "the OpenAPI document cannot be made: " + what);
}

// "assembly.create_body" → "AssemblyCreateBody", the stem of its schemas' names.
std::string pascal(const std::string& action) {
  std::string out;
  bool upper = true;
  for (char c : action) {
    if (c == '.' || c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c) : c;
      upper = false;
    }
  }
  return out;
}

std::string ref(const std::string& kind, const std::string& name) { return "#/components/" + kind + "/" + name; }

// The path parameters of `pattern`, each a reference to the shared parameter of that name
// where there is one.
Json path_parameters(const std::string& pattern, const Json& shared) {
  Json out = Json::array();
  for (const auto& seg : ledger::path_segments(pattern)) {
    if (seg.size() < 3 || seg.front() != '{' || seg.back() != '}') continue;
    std::string name = seg.substr(1, seg.size() - 2);
    std::string found;
    for (auto& [key, p] : shared.items())
      if (p.value("in", "") == "path" && p.value("name", "") == name) found = key;
    if (!found.empty()) {
      out.push_back(Json{{"$ref", ref("parameters", found)}});
      continue;
    }
    bool id = name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0;
    out.push_back(Json{
        {"name", name},
        {"in", "path"},
        {"required", true},
        {"schema", id ? Json{{"type", "integer"}, {"format", "int64"}, {"minimum", 0}} : Json{{"type", "string"}}}});
  }
  return out;
}

// What the read rule decides: who may call (security) and the answers it adds.
void apply_rule(const ledger::ReadRule& rule, Json& op) {
  using Audience = ledger::ReadRule::Audience;
  if (!op.contains("security"))
    op["security"] =
        rule.audience == Audience::kEveryone ? Json::array() : Json::array({Json{{"sessionCookie", Json::array()}}});
  Json& responses = op["responses"];
  if (rule.audience != Audience::kEveryone) responses["401"] = Json{{"$ref", ref("responses", "Unauthenticated")}};
  if (rule.audience == Audience::kFollowers || rule.audience == Audience::kRoles)
    responses["403"] = Json{{"$ref", ref("responses", "Forbidden")}};
  responses["500"] = Json{{"$ref", ref("responses", "Internal")}};
}

// The operation a part documents for `pattern` and `method`, with the generated parts added.
Result<Json> operation(Json& parts_routes, const std::string& pattern, const std::string& method,
                       const std::string& tag, const Json& shared_parameters) {
  if (!parts_routes.contains(pattern) || !parts_routes[pattern].contains(method))
    return broken(method + " " + pattern + " is registered but no openapi.json part documents it");
  Json op = parts_routes[pattern][method];
  parts_routes[pattern].erase(method);
  if (parts_routes[pattern].empty()) parts_routes.erase(pattern);
  op["tags"] = Json::array({tag});
  Json params = path_parameters(pattern, shared_parameters);
  const Json own = op.value("parameters", Json::array());
  for (const auto& p : own) params.push_back(p);
  if (!params.empty()) op["parameters"] = params;
  return op;
}

// A list route's paging (ledger/listing.h): its two query parameters, its two headers on 200,
// and the 400 of a bad limit or cursor.
void apply_listing(const ledger::Route& route, Json& op) {
  if (!route.listing) return;
  op["parameters"].push_back(Json{{"$ref", ref("parameters", "Limit")}});
  op["parameters"].push_back(Json{{"$ref", ref("parameters", "Cursor")}});
  Json& ok = op["responses"]["200"];
  ok["headers"]["X-Total-Count"] = Json{{"$ref", ref("headers", "TotalCount")}};
  ok["headers"]["Link"] = Json{{"$ref", ref("headers", "NextLink")}};
  if (!op["responses"].contains("400")) op["responses"]["400"] = Json{{"$ref", ref("responses", "BadRequest")}};
}

}  // namespace

Result<Json> openapi_document(const ledger::Registry& registry) {
  Json doc;
  struct Part {
    std::string path;
    Json json;
  };
  std::vector<Part> features;
  for (const auto& [path, text] : kOpenApiParts) {
    Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return broken(std::string(path) + " is not a JSON object");
    if (path == kBasePart)
      doc = std::move(j);
    else
      features.push_back({std::string(path), std::move(j)});
  }
  if (doc.is_null()) return broken(std::string(kBasePart) + " is missing");
  Json& schemas = doc["components"]["schemas"];
  const Json shared_parameters = doc["components"].value("parameters", Json::object());

  // Each part's tag and schemas; its action and route documentation, looked up below.
  std::map<std::string, std::pair<std::string, Json>> action_docs;  // name → (tag, doc)
  Json routes = Json::object();                                     // pattern → method → op
  std::map<std::string, std::string> route_tags;                    // pattern → tag
  for (auto& part : features) {
    const Json& tag = part.json["tag"];
    if (!tag.is_object() || !tag.contains("name")) return broken(part.path + " has no tag");
    std::string tag_name = tag["name"];
    doc["tags"].push_back(tag);
    const Json part_schemas = part.json.value("schemas", Json::object());
    const Json part_actions = part.json.value("actions", Json::object());
    const Json part_routes = part.json.value("routes", Json::object());
    for (auto& [name, schema] : part_schemas.items()) {
      if (schemas.contains(name)) return broken("two parts define the schema " + name);
      schemas[name] = schema;
    }
    for (auto& [name, d] : part_actions.items()) action_docs[name] = {tag_name, d};
    for (auto& [pattern, item] : part_routes.items()) {
      if (routes.contains(pattern)) return broken("two parts document " + pattern);
      routes[pattern] = item;
      route_tags[pattern] = tag_name;
    }
  }

  // The actions: their args from the registry, their words and results from the parts.
  Json& request = schemas["ActionRequest"];
  Json names = Json::array(), variants = Json::array(), mapping = Json::object();
  for (const auto& name : registry.action_names()) {
    auto it = action_docs.find(name);
    if (it == action_docs.end())
      return broken("the action " + name + " is registered but no openapi.json part documents it");
    const Json& d = it->second.second;
    std::string stem = pascal(name);
    Json args = registry.action(name)->args.json_schema(schemas);
    args["title"] = name + " args";
    schemas[stem + "Args"] = args;
    Json result = d.value("result", Json{{"type", "object"}});
    result["title"] = name + " result";
    schemas[stem + "Result"] = result;
    schemas[stem + "Request"] = Json{{"type", "object"},
                                     {"title", name},
                                     {"description", d.value("description", "")},
                                     {"required", {"action", "args"}},
                                     {"properties",
                                      {{"action", {{"type", "string"}, {"const", name}}},
                                       {"args", {{"$ref", ref("schemas", stem + "Args")}}},
                                       {"request_id", {{"$ref", ref("schemas", "RequestId")}}}}},
                                     {"additionalProperties", false},
                                     {"x-plenum-result", {{"$ref", ref("schemas", stem + "Result")}}}};
    names.push_back(name);
    variants.push_back(Json{{"$ref", ref("schemas", stem + "Request")}});
    mapping[name] = ref("schemas", stem + "Request");
    action_docs.erase(it);
  }
  if (!action_docs.empty())
    return broken("openapi.json documents " + action_docs.begin()->first + ", which is not registered");
  request["properties"]["action"]["enum"] = names;
  request["oneOf"] = variants;
  request["discriminator"] = Json{{"propertyName", "action"}, {"mapping", mapping}};

  // The routes and uploads, in the order they were registered.
  for (const auto& route : registry.routes()) {
    PLENUM_ASSIGN_OR_RETURN(auto op,
                            operation(routes, route.pattern, "get", route_tags[route.pattern], shared_parameters));
    apply_rule(route.rule, op);
    apply_listing(route, op);
    doc["paths"][route.pattern]["get"] = std::move(op);
  }
  for (const auto& upload : registry.uploads()) {
    PLENUM_ASSIGN_OR_RETURN(auto op,
                            operation(routes, upload.pattern, "post", route_tags[upload.pattern], shared_parameters));
    (op)["security"] = Json::array({Json{{"sessionCookie", Json::array()}, {"csrfToken", Json::array()}}});
    (op)["responses"]["401"] = Json{{"$ref", ref("responses", "Unauthenticated")}};
    (op)["responses"]["403"] = Json{{"$ref", ref("responses", "Forbidden")}};
    (op)["responses"]["500"] = Json{{"$ref", ref("responses", "Internal")}};
    doc["paths"][upload.pattern]["post"] = std::move(op);
  }
  if (!routes.empty()) return broken("openapi.json documents " + routes.begin().key() + ", which is not registered");
  return doc;
}

}  // namespace plenum::app

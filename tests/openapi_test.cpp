// docs/openapi.json must describe the API the code serves: every action the registry knows
// (so adding an action without documenting it fails here), every route the features register
// and the server's own,
// every error code, and no dangling $ref.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "base/json.h"
#include "base/status.h"

namespace plenum {
namespace {

const Json& Spec() {
  static const Json spec = [] {
    std::ifstream in(std::string(PLENUM_SOURCE_DIR) + "/docs/openapi.json", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  }();
  return spec;
}

// The value at a JSON pointer, or null if there is none (const operator[] would abort instead).
const Json& At(const Json& j, const std::string& pointer) {
  static const Json kNull;
  Json::json_pointer p(pointer);
  return j.contains(p) ? j[p] : kNull;
}

std::set<std::string> Strings(const Json& array) {
  std::set<std::string> out;
  for (const auto& v : array)
    if (v.is_string()) out.insert(v.get<std::string>());
  return out;
}

TEST(OpenApi, ParsesAsOpenApi31) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded()) << "docs/openapi.json is missing or not valid JSON";
  ASSERT_TRUE(spec.is_object());
  ASSERT_TRUE(spec.contains("openapi") && spec["openapi"].is_string());
  EXPECT_EQ(spec["openapi"].get<std::string>().rfind("3.1.", 0), 0u) << spec["openapi"];
  EXPECT_TRUE(At(spec, "/info/title").is_string());
  EXPECT_TRUE(At(spec, "/info/version").is_string());
  ASSERT_TRUE(At(spec, "/paths").is_object());
  EXPECT_EQ(At(spec, "/components/securitySchemes/sessionCookie/in"), "cookie");
  EXPECT_EQ(At(spec, "/components/securitySchemes/sessionCookie/name"), "plenum_session");
  EXPECT_EQ(At(spec, "/components/securitySchemes/csrfToken/in"), "header");
  EXPECT_EQ(At(spec, "/components/securitySchemes/csrfToken/name"), "X-CSRF-Token");
}

TEST(OpenApi, DocumentsExactlyTheRegisteredActions) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  const Json& action_enum = At(spec, "/components/schemas/ActionRequest/properties/action/enum");
  ASSERT_TRUE(action_enum.is_array()) << "components.schemas.ActionRequest.properties.action.enum is missing";
  std::set<std::string> documented = Strings(action_enum);
  EXPECT_EQ(documented.size(), action_enum.size()) << "the action enum lists a name twice or a non-string";

  std::vector<std::string> names = app::make_registry().action_names();
  std::set<std::string> registered(names.begin(), names.end());
  ASSERT_FALSE(registered.empty());
  for (const auto& name : registered)
    EXPECT_TRUE(documented.count(name)) << name << " is registered but not in docs/openapi.json";
  for (const auto& name : documented)
    EXPECT_TRUE(registered.count(name)) << name << " is documented but not registered";

  // Each action has its args variant in the discriminated oneOf, with action fixed to its name.
  EXPECT_EQ(At(spec, "/components/schemas/ActionRequest/discriminator/propertyName"), "action");
  const Json& mapping = At(spec, "/components/schemas/ActionRequest/discriminator/mapping");
  ASSERT_TRUE(mapping.is_object()) << "ActionRequest needs a discriminator mapping";
  std::set<std::string> mapped;
  for (auto it = mapping.begin(); it != mapping.end(); ++it) {
    mapped.insert(it.key());
    ASSERT_TRUE(it.value().is_string()) << it.key();
    std::string ref = it.value().get<std::string>();
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    const Json& variant = At(spec, ref.substr(1));
    ASSERT_TRUE(variant.is_object()) << "dangling " << ref;
    EXPECT_EQ(At(variant, "/properties/action/const"), it.key()) << ref;
    EXPECT_TRUE(At(variant, "/properties/args").is_object()) << ref;
  }
  EXPECT_EQ(mapped, registered);
  EXPECT_EQ(At(spec, "/components/schemas/ActionRequest/oneOf").size(), registered.size());
}

TEST(OpenApi, DocumentsEveryRouteOfTheApi) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  // The server's own routes (src/server/api.cpp, and server.cpp's live upgrade), then every read
  // route a feature registered, with the rule it is read under.
  std::vector<std::pair<std::string, std::string>> routes = {
      {"/api/v1/auth/login", "post"},
      {"/api/v1/auth/logout", "post"},
      {"/api/v1/auth/me", "get"},
      {"/api/v1/actions", "post"},
      {"/api/v1/bodies/{body}/roster", "post"},
      {"/api/v1/bodies/{body}/proposals/import", "post"},
      {"/api/v1/health", "get"},
      {"/api/v1/live", "get"},
  };
  std::map<std::string, ledger::ReadRule::Audience> audience;
  ledger::Registry registry = app::make_registry();
  for (const auto& r : registry.routes()) {
    routes.push_back({r.pattern, "get"});
    audience[r.pattern] = r.rule.audience;
  }
  const Json& paths = At(spec, "/paths");
  ASSERT_TRUE(paths.is_object());
  std::set<std::string> served;
  for (const auto& [path, method] : routes) {
    served.insert(method + " " + path);
    ASSERT_TRUE(paths.contains(path)) << path << " is not in docs/openapi.json";
    const Json& item = paths.at(path);
    ASSERT_TRUE(item.contains(method)) << method << " " << path << " is not documented";
    const Json& op = item.at(method);
    EXPECT_TRUE(op.contains("responses") && !op.at("responses").empty()) << method << " " << path;
    bool cookie = false, optional = !op.contains("security") || op.at("security").empty();
    for (const auto& requirement : op.value("security", Json::array())) {
      cookie = cookie || requirement.contains("sessionCookie");
      optional = optional || requirement.empty();
    }
    if (method == "post" && path != "/api/v1/auth/login") {
      // Every POST but login needs the session cookie and the CSRF header.
      ASSERT_TRUE(op.contains("security")) << path;
      bool both = false;
      for (const auto& requirement : op.at("security"))
        both = both || (requirement.contains("sessionCookie") && requirement.contains("csrfToken"));
      EXPECT_TRUE(both) << path << " must require sessionCookie and csrfToken";
    }
    // A read route is documented as open to all exactly when its rule lets everyone read it.
    if (auto it = audience.find(path); it != audience.end())
      EXPECT_EQ(optional, it->second == ledger::ReadRule::Audience::kEveryone)
          << path << ": the documented security does not say who may read it";
  }
  // And nothing is documented that is not served (the web page at / aside).
  for (const auto& [path, item] : paths.items())
    for (const auto& [method, op] : item.items())
      if (path != "/") EXPECT_TRUE(served.count(method + " " + path)) << method << " " << path << " is documented but not served";
}

TEST(OpenApi, ErrorCodesAndStatusesMatchTheCode) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  const Json& codes = At(spec, "/components/schemas/ErrorCode");
  std::set<std::string> documented = Strings(At(codes, "/enum"));
  std::set<std::string> actual;
  for (ErrorCode c : {ErrorCode::kMalformed, ErrorCode::kUnauthenticated, ErrorCode::kForbidden, ErrorCode::kNotFound,
                      ErrorCode::kConflict, ErrorCode::kRuleViolation, ErrorCode::kTooLarge, ErrorCode::kTooManyRequests,
                      ErrorCode::kInternal}) {
    actual.insert(error_code_name(c));
    EXPECT_EQ(At(codes, std::string("/x-http-status/") + error_code_name(c)), http_status(c)) << error_code_name(c);
  }
  EXPECT_EQ(documented, actual);
  for (const char* key : {"code", "message_zh", "message_en", "field", "rule", "details"})
    EXPECT_TRUE(At(spec, std::string("/components/schemas/ErrorBody/properties/") + key).is_object()) << key;
}

TEST(OpenApi, EveryLocalReferenceResolves) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  int refs = 0;
  std::function<void(const Json&)> walk = [&](const Json& node) {
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == "$ref" && it.value().is_string()) {
          std::string ref = it.value().get<std::string>();
          ++refs;
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << "only local references: " << ref;
          EXPECT_FALSE(At(spec, ref.substr(1)).is_null()) << "dangling " << ref;
        } else {
          walk(it.value());
        }
      }
    } else if (node.is_array()) {
      for (const auto& v : node) walk(v);
    }
  };
  walk(spec);
  EXPECT_GT(refs, 0);
}

}  // namespace
}  // namespace plenum

// docs/openapi.json must describe the API the code serves: it is the document app/openapi.h
// generates from the registry and the openapi.json parts, valid OpenAPI 3.1, with every error
// code and no dangling $ref.
#include "app/openapi.h"

#include <fstream>
#include <functional>
#include <gtest/gtest.h>
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

// The document is generated (app/openapi.h): the committed one must be what the code makes.
TEST(OpenApi, CommittedDocumentIsTheGeneratedOne) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  auto generated = app::openapi_document(app::make_registry());
  ASSERT_TRUE(generated) << generated.error().message_en;
  EXPECT_TRUE(*generated == spec) << "docs/openapi.json is out of date: run "
                                     "./build/test/plenum openapi > docs/openapi.json";
}

TEST(OpenApi, DocumentsEveryActionWithItsArguments) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  ledger::Registry registry = app::make_registry();
  std::vector<std::string> names = registry.action_names();
  ASSERT_FALSE(names.empty());
  const Json& mapping = At(spec, "/components/schemas/ActionRequest/discriminator/mapping");
  ASSERT_EQ(mapping.size(), names.size());
  for (const auto& name : names) {
    ASSERT_TRUE(mapping.contains(name)) << name;
    const Json& variant = At(spec, mapping[name].get<std::string>().substr(1));
    EXPECT_EQ(At(variant, "/properties/action/const"), name);
    const Json& args = At(spec, At(variant, "/properties/args/$ref").get<std::string>().substr(1));
    // Every argument the action's schema accepts is documented (the schema refuses the rest).
    for (const auto& arg : registry.action(name)->args.args())
      EXPECT_TRUE(At(args, "/properties/" + arg.name()).is_object()) << name << " " << arg.name();
  }
  // The one that drifted before the schemas were declared once.
  EXPECT_TRUE(At(spec, "/components/schemas/ElectionsCreateArgs/properties/margin").is_object());
}

TEST(OpenApi, SecuritySaysWhoMayCall) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  std::map<std::string, ledger::ReadRule::Audience> audience;
  ledger::Registry registry = app::make_registry();
  for (const auto& r : registry.routes()) audience[r.pattern] = r.rule.audience;
  for (const auto& r : registry.uploads()) EXPECT_TRUE(At(spec, "/paths").contains(r.pattern)) << r.pattern;
  for (const auto& [path, item] : At(spec, "/paths").items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(op.contains("responses") && !op.at("responses").empty()) << method << " " << path;
      bool optional = !op.contains("security") || op.at("security").empty();
      bool both = false;
      for (const auto& requirement : op.value("security", Json::array())) {
        optional = optional || requirement.empty();
        both = both || (requirement.contains("sessionCookie") && requirement.contains("csrfToken"));
      }
      // Every POST but sign-in needs the session cookie and the CSRF header.
      if (method == "post" && path != "/api/v1/auth/login") {
        EXPECT_TRUE(both) << path;
      }
      // A read route is open to all exactly when its rule lets everyone read it.
      if (auto it = audience.find(path); it != audience.end() && method == "get") {
        EXPECT_EQ(optional, it->second == ledger::ReadRule::Audience::kEveryone) << path;
      }
    }
  }
}

TEST(OpenApi, ErrorCodesAndStatusesMatchTheCode) {
  const Json& spec = Spec();
  ASSERT_FALSE(spec.is_discarded());
  const Json& codes = At(spec, "/components/schemas/ErrorCode");
  std::set<std::string> documented = Strings(At(codes, "/enum"));
  std::set<std::string> actual;
  // Every code of the enum, kInternal last (base/status.h).
  for (int i = 0; i <= static_cast<int>(ErrorCode::kInternal); ++i) {
    auto c = static_cast<ErrorCode>(i);
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

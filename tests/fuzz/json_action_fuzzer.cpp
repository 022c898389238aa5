// The JSON request parser and every action's argument validation: an input is parsed as the
// body of POST /api/v1/actions and, when it has the envelope's shape, submitted through the
// ledger as a member and as the secretariat of a small seeded assembly (a real SQLite store).
// Whatever the bytes, parsing returns a value or an Error and no handler crashes; the record
// stays verifiable.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "app/app.h"
#include "base/json.h"
#include "demo/skeleton.h"

namespace {

using namespace plenum;

app::App* the_app() {
  static std::unique_ptr<app::App> app = [] {
    auto dir = std::filesystem::temp_directory_path() / ("plenum-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto opened = app::open((dir / "p.db").string(), std::string(PLENUM_SOURCE_DIR) + "/rulebooks");
    if (!opened) std::abort();
    auto& a = **opened;
    auto run = [&](const char* action, Json args) {
      ledger::ActionRequest r;
      r.action = action;
      r.args = std::move(args);
      r.actor = ledger::kSystemActor;
      auto done = a.ledger->submit_and_wait(std::move(r));
      if (!done) {
        fprintf(stderr, "seeding %s failed: %s\n", action, done.error().message_en.c_str());
        std::abort();
      }
    };
    demo::SkeletonSpec spec;  // body "t" (npc), session 1, sitting 1, members 1 and 2
    spec.members = 2;
    if (!demo::seed_skeleton(*a.ledger, *a.store, spec)) std::abort();
    run("accounts.create", {{"username", "sec"},
                            {"password", "password-123"},
                            {"display_name", "秘书处"},
                            {"roles", Json::array({{{"body", "t"}, {"role", "secretariat"}}})}});
    run("accounts.create", {{"username", "m1"},
                            {"password", "password-123"},
                            {"display_name", "张三"},
                            {"member_id", 1},
                            {"roles", Json::array({{{"body", "t"}, {"role", "member"}}})}});
    return std::move(*opened);
  }();
  return app.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed = parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) {
    if (parsed.error().message_en.empty() || parsed.error().message_zh.empty()) std::abort();
    return 0;
  }
  if (!parsed->is_object() || !parsed->contains("action") || !(*parsed)["action"].is_string()) return 0;
  Json args = parsed->value("args", Json::object());
  if (!args.is_object()) return 0;
  std::string action = (*parsed)["action"];
  // Argon2id would make each input take 0.1 s; passwords are the preparer's, not validation's.
  if (action.rfind("accounts.", 0) == 0) return 0;
  for (const char* actor : {"m1", "sec"}) {
    ledger::ActionRequest r;
    r.action = action;
    r.args = args;
    r.actor = actor;
    auto result = the_app()->ledger->submit_and_wait(std::move(r));
    if (!result && (result.error().message_en.empty() || result.error().code == ErrorCode::kInternal)) {
      fprintf(stderr, "action %s as %s: %s\n", action.c_str(), actor, result.error().message_en.c_str());
      std::abort();  // an action must refuse with a reason, never fail inside
    }
  }
  return 0;
}

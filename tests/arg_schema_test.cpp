// ledger::ArgSchema: what an action's declared arguments let through, and what they document.
#include "ledger/arg_schema.h"

#include <gtest/gtest.h>
#include <limits>
#include <string>

#include "base/json.h"

namespace plenum::ledger {
namespace {

const ArgSchema& CheckIn() {
  static const ArgSchema schema = ArgSchema{Arg::id("sitting_id").required(),
                                            Arg::id("member_id"),
                                            Arg::string("seat", 16, 1),
                                            Arg::choice("method", {"device", "desk"}),
                                            Arg::text("reason", 10),
                                            Arg::document("note", 20),
                                            Arg::array("ids", Arg::id(""), 1, 3),
                                            Arg::date("on"),
                                            Arg::time("at"),
                                            Arg::body("body"),
                                            Arg::boolean("flag"),
                                            Arg::integer("count", -5, 5),
                                            Arg::object("parts", ArgSchema{Arg::string("a", 4).required()})}
                                      .exactly_one_of({"member_id", "seat"});
  return schema;
}

// The field the first problem names, or "" if the args pass.
std::string Refused(const Json& args) {
  Status s = CheckIn().validate(args);
  return s ? "" : s.error().field;
}

TEST(ArgSchema, AcceptsWhatIsDeclared) {
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", "N0001"}}), "");
  EXPECT_EQ(Refused(Json{{"sitting_id", 0},
                         {"member_id", 1},
                         {"method", "desk"},
                         {"reason", " 因病 "},
                         {"note", "line\nline"},
                         {"ids", {1, 2, 3}},
                         {"on", "2024-02-29"},
                         {"at", "2024-03-05T09:00+08:00"},
                         {"body", "npc"},
                         {"flag", false},
                         {"count", -5},
                         {"parts", {{"a", "x"}}}}),
            "");
  // null counts as absent.
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", "N1"}, {"member_id", nullptr}, {"method", nullptr}}), "");
}

TEST(ArgSchema, RefusesUnknownKeysMissingAndWrongTypes) {
  EXPECT_EQ(Refused(Json::array()), "args");
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", "N1"}, {"margin", 1}}), "args.margin");
  EXPECT_EQ(Refused(Json{{"seat", "N1"}}), "args.sitting_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", nullptr}, {"seat", "N1"}}), "args.sitting_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", "5"}, {"seat", "N1"}}), "args.sitting_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", 5.0}, {"seat", "N1"}}), "args.sitting_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", 1}}), "args.seat");
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", "N1"}, {"flag", 1}}), "args.flag");
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", "N1"}, {"parts", {{"a", "x"}, {"b", "y"}}}}), "args.parts.b");
  EXPECT_EQ(Refused(Json{{"sitting_id", 5}, {"seat", "N1"}, {"parts", Json::object()}}), "args.parts.a");
  Status s = CheckIn().validate(Json{{"sitting_id", 5}, {"seat", "N1"}, {"margin", 1}});
  EXPECT_EQ(s.error().code, ErrorCode::kMalformed);
  EXPECT_FALSE(s.error().message_zh.empty());
  EXPECT_FALSE(s.error().message_en.empty());
}

TEST(ArgSchema, RefusesNumbersOutOfRangeOrThatDoNotFit) {
  EXPECT_EQ(Refused(Json{{"sitting_id", -1}, {"seat", "N1"}}), "args.sitting_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", std::numeric_limits<uint64_t>::max()}, {"seat", "N1"}}), "args.sitting_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", std::numeric_limits<int64_t>::max()}, {"seat", "N1"}}), "");
  EXPECT_EQ(Refused(Json{{"sitting_id", 1}, {"seat", "N1"}, {"count", 6}}), "args.count");
  EXPECT_EQ(Refused(Json{{"sitting_id", 1}, {"seat", "N1"}, {"count", -6}}), "args.count");
}

TEST(ArgSchema, RefusesTextsOutsideTheirLimits) {
  Json ok{{"sitting_id", 1}, {"seat", "N1"}};
  auto with = [&](const char* key, Json v) {
    Json a = ok;
    a[key] = std::move(v);
    return Refused(a);
  };
  EXPECT_EQ(with("seat", ""), "args.seat");                        // below its minimum
  EXPECT_EQ(with("seat", std::string(17, 'x')), "args.seat");      // above its maximum
  EXPECT_EQ(with("reason", "   "), "args.reason");                 // blank after trimming
  EXPECT_EQ(with("reason", "a\nb"), "args.reason");                // a line break
  EXPECT_EQ(with("reason", std::string(41, 'x')), "args.reason");  // 10 characters = 40 bytes
  EXPECT_EQ(with("method", "staff"), "args.method");
  EXPECT_EQ(with("on", "2023-02-29"), "args.on");
  EXPECT_EQ(with("at", "tomorrow"), "args.at");
  EXPECT_EQ(with("body", "NPC"), "args.body");
  EXPECT_EQ(with("body", std::string(33, 'a')), "args.body");
  Json big = ok;
  big["note"] = std::string(21, 'x');
  EXPECT_EQ(CheckIn().validate(big).error().code, ErrorCode::kTooLarge);
}

TEST(ArgSchema, ChecksArraysItemByItem) {
  Json ok{{"sitting_id", 1}, {"seat", "N1"}};
  auto with = [&](Json ids) {
    Json a = ok;
    a["ids"] = std::move(ids);
    return Refused(a);
  };
  EXPECT_EQ(with(Json::array()), "args.ids");
  EXPECT_EQ(with({1, 2, 3, 4}), "args.ids");
  EXPECT_EQ(with({1, "2"}), "args.ids[1]");
  EXPECT_EQ(with({1, nullptr}), "args.ids[1]");
  EXPECT_EQ(with({1, -2}), "args.ids[1]");
}

TEST(ArgSchema, ChecksOneOfGroups) {
  EXPECT_EQ(Refused(Json{{"sitting_id", 1}}), "args.member_id");
  EXPECT_EQ(Refused(Json{{"sitting_id", 1}, {"member_id", 1}, {"seat", "N1"}}), "args.member_id");
  ArgSchema at_most = ArgSchema{Arg::id("a"), Arg::id("b")}.at_most_one_of({"a", "b"});
  EXPECT_TRUE(at_most.validate(Json::object()));
  EXPECT_TRUE(at_most.validate(Json{{"a", 1}}));
  EXPECT_FALSE(at_most.validate(Json{{"a", 1}, {"b", 2}}));
}

TEST(ArgSchema, DocumentsWhatItChecks) {
  Json components = Json::object();
  Json s = CheckIn().json_schema(components);
  EXPECT_EQ(s["type"], "object");
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["required"], Json::array({"sitting_id"}));
  EXPECT_EQ(s["properties"]["seat"]["maxLength"], 16);
  EXPECT_EQ(s["properties"]["seat"]["minLength"], 1);
  EXPECT_EQ(s["properties"]["count"]["minimum"], -5);
  EXPECT_EQ(s["properties"]["count"]["maximum"], 5);
  EXPECT_EQ(s["properties"]["method"]["enum"], Json::array({"device", "desk"}));
  EXPECT_EQ(s["properties"]["ids"]["maxItems"], 3);
  EXPECT_EQ(s["properties"]["parts"]["properties"]["a"]["type"], "string");
  EXPECT_EQ(s["oneOf"].size(), 2u);
  // The shared kinds are documented once and referenced.
  EXPECT_EQ(s["properties"]["on"]["$ref"], "#/components/schemas/Date");
  EXPECT_EQ(s["properties"]["body"]["$ref"], "#/components/schemas/BodyId");
  EXPECT_EQ(components["BodyId"]["pattern"], "^[a-z0-9_-]{1,32}$");
  EXPECT_TRUE(components.contains("LocalDateTime"));
}

TEST(ArgSchema, ANamedKindKeepsItsOwnWordsApartFromEachUse) {
  const Arg choice = Arg::choice("", {"for", "against"}).describe("for 赞成, against 反对.").named("VoteChoice");
  ArgSchema schema{choice.as("choice").required().describe("The member's choice."), choice.as("default")};
  Json components = Json::object();
  Json s = schema.json_schema(components);
  EXPECT_EQ(components["VoteChoice"]["description"], "for 赞成, against 反对.");
  EXPECT_EQ(s["properties"]["choice"]["description"], "The member's choice.");
  EXPECT_FALSE(s["properties"]["default"].contains("description"));
  EXPECT_TRUE(schema.validate(Json{{"choice", "for"}}));
  EXPECT_FALSE(schema.validate(Json{{"choice", "maybe"}}));
}

}  // namespace
}  // namespace plenum::ledger

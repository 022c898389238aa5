#include "base/json.h"

#include <gtest/gtest.h>

#include "base/names.h"
#include "base/text.h"

namespace plenum {
namespace {

TEST(Json, RejectsInvalidUtf8AndSyntaxWithBothLanguages) {
  auto bad = parse_json(std::string("{\"a\":\"\xC3\x28\"}"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kMalformed);
  EXPECT_FALSE(bad.error().message_zh.empty());
  EXPECT_FALSE(bad.error().message_en.empty());
  EXPECT_FALSE(parse_json("{\"a\":}"));
  EXPECT_TRUE(parse_json("{\"名字\":\"会议\"}"));
}

TEST(Json, BoundsNesting) {
  std::string ok(kMaxJsonDepth - 1, '['), deep(100000, '[');
  ok += std::string(kMaxJsonDepth - 1, ']');
  EXPECT_TRUE(parse_json(ok));
  auto r = parse_json(deep + std::string(100000, ']'));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_en.find("nested"), std::string::npos);
}

TEST(Json, CanonicalSortsKeysAndKeepsUtf8) {
  EXPECT_EQ(canonical(Json{{"b", 1}, {"a", "会议"}}), "{\"a\":\"会议\",\"b\":1}");
}

TEST(Json, TypedAccessNamesTheField) {
  Json args{{"seat", 5}};
  auto seat = req_string(args, "seat", "args");
  ASSERT_FALSE(seat);
  EXPECT_EQ(seat.error().field, "args.seat");
  auto missing = req_int(args, "sitting_id", "args");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "args.sitting_id");
  auto extra = only_keys(Json{{"seat", "1"}, {"sete", "2"}}, {"seat"}, "args");
  ASSERT_FALSE(extra);
  EXPECT_EQ(extra.error().field, "args.sete");
}

TEST(Text, TheOneIntegerParserTakesPlainDecimalsInRangeOnly) {
  EXPECT_EQ(parse_int("0"), 0);
  EXPECT_EQ(parse_int("2956"), 2956);
  EXPECT_EQ(parse_int("-12", -20, 20), -12);
  EXPECT_EQ(parse_int("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parse_int("-9223372036854775808"), INT64_MIN);
  for (const char* bad : {"", " 1", "1 ", "+1", "-0", "1e3", "0x10", "1.0", "１２", "9223372036854775808",
                          "-9223372036854775809", "12a", "--1"})
    EXPECT_FALSE(parse_int(bad)) << bad;
  EXPECT_FALSE(parse_int("-1", 0));
  EXPECT_FALSE(parse_int("101", 0, 100));
  EXPECT_EQ(parse_int("100", 0, 100), 100);
  EXPECT_EQ(parse_int(std::string_view("123", 2)), 12);  // a view ends where it ends
}

TEST(Text, ChineseDates) {
  EXPECT_EQ(date_zh("2024-03-11"), "2024年3月11日");
  EXPECT_EQ(date_zh("2024-10-01"), "2024年10月1日");
  EXPECT_EQ(date_zh("2024-02-30"), "2024-02-30");  // not a date: as it is
}

enum class Light { kRed, kAmber, kGreen };
PLENUM_NAMES(Light, {{Light::kRed, "red"}, {Light::kAmber, "amber"}, {Light::kGreen, "green"}})

TEST(Names, AnEnumIsCarriedByItsNameAndParsedStrictly) {
  EXPECT_EQ(name_of(Light::kAmber), "amber");
  EXPECT_EQ((Json{{"light", Light::kGreen}}.dump()), R"({"light":"green"})");
  EXPECT_EQ(parse_name<Light>("red"), Light::kRed);
  EXPECT_FALSE(parse_name<Light>("Red"));
  EXPECT_FALSE(parse_name<Light>(""));
  EXPECT_EQ(require_name<Light>("green"), Light::kGreen);
  EXPECT_THROW(require_name<Light>("blue"), std::invalid_argument);
  EXPECT_EQ(Json("amber").get<Light>(), Light::kAmber);
  EXPECT_THROW(Json(1).get<Light>(), Json::type_error);  // never the enum's integer
  EXPECT_THROW(Json("blue").get<Light>(), std::invalid_argument);
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("全国人民代表大会"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE4\xBC"));          // truncated
}

TEST(Text, IsoTimesWithOffsets) {
  int64_t a, b;
  ASSERT_TRUE(parse_iso_time("2024-03-05T09:00+08:00", &a));
  ASSERT_TRUE(parse_iso_time("2024-03-05T01:00:00Z", &b));
  EXPECT_EQ(a, b);
  EXPECT_FALSE(parse_iso_time("2024-02-30T09:00Z", &a));
  EXPECT_FALSE(parse_iso_time("2024-03-05 09:00", &a));
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2023-02-29"));
}

}  // namespace
}  // namespace plenum

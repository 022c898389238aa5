// Roster CSV: header aliases, RFC 4180 quoting with correct line numbers, and every kind of
// problem reported together with its line and column.
#include "assembly/roster_csv.h"

#include <chrono>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace plenum::assembly {
namespace {

const std::string kHeader = "seat,card,name,unit,group,gender,roles,joined_on\n";

std::string describe(const RosterParse& p) {
  std::string s;
  for (const auto& pr : p.problems)
    s += "  line " + std::to_string(pr.line) + " [" + pr.column + "] " + pr.reason_en + " / " + pr.reason_zh + "\n";
  return s;
}

// Number of problems on `line` in `column`.
int count(const RosterParse& p, int line, const std::string& column) {
  int n = 0;
  for (const auto& pr : p.problems) n += pr.line == line && pr.column == column;
  return n;
}

const RosterProblem* find(const RosterParse& p, int line, const std::string& column) {
  for (const auto& pr : p.problems)
    if (pr.line == line && pr.column == column) return &pr;
  return nullptr;
}

void expect_reasons_filled(const RosterParse& p) {
  for (const auto& pr : p.problems) {
    EXPECT_FALSE(pr.reason_zh.empty()) << pr.reason_en;
    EXPECT_FALSE(pr.reason_en.empty()) << pr.reason_zh;
  }
}

TEST(RosterCsv, MemberRoles) {
  const auto& roles = member_roles();
  ASSERT_EQ(roles.size(), 5u);
  EXPECT_EQ(roles[0], (std::pair<std::string, std::string>{"presidium", "主席团成员"}));
  EXPECT_EQ(roles[1], (std::pair<std::string, std::string>{"executive_chair", "执行主席"}));
  EXPECT_EQ(roles[2], (std::pair<std::string, std::string>{"secretariat", "秘书处"}));
  EXPECT_EQ(roles[3], (std::pair<std::string, std::string>{"scrutineer", "监票人"}));
  EXPECT_EQ(roles[4], (std::pair<std::string, std::string>{"delegation_head", "代表团团长"}));
}

TEST(RosterCsv, ValidFile) {
  std::string csv = kHeader +
                    "A-001,110101,张三,北京市代表团,第一组,男,presidium;秘书处,2023-03-05\n"
                    "A-002,110102,Li Si,上海市代表团,,F,,\n";
  RosterParse p = parse_roster_csv(csv);
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 2u);
  const RosterRow& a = p.rows[0];
  EXPECT_EQ(a.line, 2);
  EXPECT_EQ(a.seat, "A-001");
  EXPECT_EQ(a.card, "110101");
  EXPECT_EQ(a.name, "张三");
  EXPECT_EQ(a.unit, "北京市代表团");
  EXPECT_EQ(a.group, "第一组");
  EXPECT_EQ(a.gender, "M");
  EXPECT_EQ(a.roles, (std::vector<std::string>{"presidium", "secretariat"}));
  EXPECT_EQ(a.joined_on, "2023-03-05");
  const RosterRow& b = p.rows[1];
  EXPECT_EQ(b.line, 3);
  EXPECT_EQ(b.name, "Li Si");
  EXPECT_EQ(b.group, "");
  EXPECT_EQ(b.gender, "F");
  EXPECT_TRUE(b.roles.empty());
  EXPECT_EQ(b.joined_on, "");
}

TEST(RosterCsv, ValidFileWithBom) {
  std::string csv = "\xEF\xBB\xBF" + kHeader + "A-001,110101,张三,北京市代表团,,女,,\n";
  RosterParse p = parse_roster_csv(csv);
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].seat, "A-001");
  EXPECT_EQ(p.rows[0].line, 2);
  EXPECT_EQ(p.rows[0].gender, "F");
}

TEST(RosterCsv, NoTrailingNewline) {
  RosterParse p = parse_roster_csv("seat,card,name,unit\nA-1,C-1,甲,北京\nA-2,C-2,乙,天津");
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[1].line, 3);
  EXPECT_EQ(p.rows[1].unit, "天津");
}

TEST(RosterCsv, ChineseHeadersInAnyOrder) {
  for (std::string unit : {"代表团", "界别", "单位"}) {
    std::string csv = "姓名, 性别 ,职务,任职日期," + unit + ",小组,证件号,座位号\n" +
                      "王五,女,执行主席；监票人,2024-02-29,中共界,第3组,C-9,B-12\n";
    RosterParse p = parse_roster_csv(csv);
    ASSERT_TRUE(p.problems.empty()) << unit << "\n" << describe(p);
    ASSERT_EQ(p.rows.size(), 1u);
    const RosterRow& r = p.rows[0];
    EXPECT_EQ(r.seat, "B-12");
    EXPECT_EQ(r.card, "C-9");
    EXPECT_EQ(r.name, "王五");
    EXPECT_EQ(r.unit, "中共界");
    EXPECT_EQ(r.group, "第3组");
    EXPECT_EQ(r.gender, "F");
    EXPECT_EQ(r.roles, (std::vector<std::string>{"executive_chair", "scrutineer"}));
    EXPECT_EQ(r.joined_on, "2024-02-29");
  }
}

TEST(RosterCsv, EnglishHeadersIgnoreCaseAndOnlyRequiredColumns) {
  RosterParse p = parse_roster_csv("Name,UNIT,Card,Seat\n赵六,广东,C-1,S-1\n");
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].seat, "S-1");
  EXPECT_EQ(p.rows[0].unit, "广东");
}

TEST(RosterCsv, TrimsValuesIncludingIdeographicSpace) {
  std::string csv =
      kHeader + "  A-001 ,\t110101,\xE3\x80\x80张三\xE3\x80\x80, 北京 , g1 , 男 , presidium ,2023-01-01 \n";
  RosterParse p = parse_roster_csv(csv);
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].seat, "A-001");
  EXPECT_EQ(p.rows[0].card, "110101");
  EXPECT_EQ(p.rows[0].name, "张三");
  EXPECT_EQ(p.rows[0].unit, "北京");
  EXPECT_EQ(p.rows[0].group, "g1");
  EXPECT_EQ(p.rows[0].joined_on, "2023-01-01");
}

TEST(RosterCsv, QuotedFieldsKeepLineNumbers) {
  std::string csv =
      "seat,card,name,unit,group\n"                      // 1
      "A-001,C-1,\"Li, Ming\",北京,\"g1\"\n"             // 2
      "A-002,C-2,\"Wang \"\"Xiao\"\" Hong\",\"上海市\n"  // 3
      "代表团\",\"x,\"\"y\"\"\n"                         // 4
      "\n"                                               // 5
      "z\"\n"                                            // 6
      "A-003,C-3,Zhao,天津,\n"                           // 7
      "A-001,C-4,Qian,河北,\n";                          // 8
  RosterParse p = parse_roster_csv(csv);
  ASSERT_EQ(p.rows.size(), 4u) << describe(p);
  EXPECT_EQ(p.rows[0].line, 2);
  EXPECT_EQ(p.rows[0].name, "Li, Ming");
  EXPECT_EQ(p.rows[0].group, "g1");
  EXPECT_EQ(p.rows[1].line, 3);
  EXPECT_EQ(p.rows[1].name, "Wang \"Xiao\" Hong");
  EXPECT_EQ(p.rows[1].unit, "上海市\n代表团");
  EXPECT_EQ(p.rows[1].group, "x,\"y\"\n\nz");
  EXPECT_EQ(p.rows[2].line, 7);
  EXPECT_EQ(p.rows[3].line, 8);
  // The only problem is the duplicate seat, on the right line.
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 8);
  EXPECT_EQ(p.problems[0].column, "seat");
  EXPECT_EQ(p.problems[0].reason_zh, "座位号 A-001 与第2行重复");
  EXPECT_EQ(p.problems[0].reason_en, "seat A-001 duplicates line 2");
}

TEST(RosterCsv, CrlfLineEndings) {
  std::string csv =
      "seat,card,name,unit,group\r\n"  // 1
      "A-001,C-1,甲,北京,\r\n"         // 2
      "\r\n"                           // 3
      "A-002,C-2,乙,\"上海\r\n"        // 4
      "市\",g\r\n"                     // 5
      "A-003,C-1,丙,天津,g\r\n";       // 6
  RosterParse p = parse_roster_csv(csv);
  ASSERT_EQ(p.rows.size(), 3u) << describe(p);
  EXPECT_EQ(p.rows[0].line, 2);
  EXPECT_EQ(p.rows[0].unit, "北京");
  EXPECT_EQ(p.rows[0].group, "");
  EXPECT_EQ(p.rows[1].line, 4);
  EXPECT_EQ(p.rows[1].unit, "上海\r\n市");
  EXPECT_EQ(p.rows[1].group, "g");
  EXPECT_EQ(p.rows[2].line, 6);
  EXPECT_EQ(p.rows[2].group, "g");
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 6);
  EXPECT_EQ(p.problems[0].column, "card");
  EXPECT_EQ(p.problems[0].reason_en, "card C-1 duplicates line 2");
  EXPECT_EQ(p.problems[0].reason_zh, "证件号 C-1 与第2行重复");
}

TEST(RosterCsv, LoneCrLineEndings) {
  RosterParse p = parse_roster_csv("seat,card,name,unit\rA-1,C-1,甲,北京\rA-1,C-2,乙,天津\r");
  ASSERT_EQ(p.rows.size(), 2u) << describe(p);
  EXPECT_EQ(p.rows[1].line, 3);
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 3);
  EXPECT_EQ(p.problems[0].column, "seat");
}

TEST(RosterCsv, BlankLinesAndEmptyRowsAreSkipped) {
  std::string csv =
      "\n"                     // 1: blank lines before the header
      "seat,card,name,unit\n"  // 2
      "\n"                     // 3
      "   \t\n"                // 4
      "A-1,C-1,甲,北京\n"      // 5
      ",,,\n"                  // 6: spreadsheet leftovers
      " , ,\n"                 // 7
      "A-2,C-2,乙,天津\n"      // 8
      "\n\n";
  RosterParse p = parse_roster_csv(csv);
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].line, 5);
  EXPECT_EQ(p.rows[1].line, 8);
}

TEST(RosterCsv, RolesAndGender) {
  std::string csv =
      "seat,card,name,unit,gender,roles\n"
      "A-1,C-1,甲,北京,m,\"主席团成员；执行主席; Scrutineer ;;；delegation_head;presidium\"\n"
      "A-2,C-2,乙,北京,f,  ；  \n"
      "A-3,C-3,丙,北京,男,代表团团长\n"
      "A-4,C-4,丁,北京,女,secretariat\n";
  RosterParse p = parse_roster_csv(csv);
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 4u);
  EXPECT_EQ(p.rows[0].gender, "M");
  EXPECT_EQ(p.rows[0].roles,
            (std::vector<std::string>{"presidium", "executive_chair", "scrutineer", "delegation_head"}));
  EXPECT_EQ(p.rows[1].gender, "F");
  EXPECT_TRUE(p.rows[1].roles.empty());
  EXPECT_EQ(p.rows[2].gender, "M");
  EXPECT_EQ(p.rows[2].roles, (std::vector<std::string>{"delegation_head"}));
  EXPECT_EQ(p.rows[3].gender, "F");
  EXPECT_EQ(p.rows[3].roles, (std::vector<std::string>{"secretariat"}));
}

TEST(RosterCsv, HeaderProblemsReportedTogetherAndStop) {
  std::string csv =
      "座位号,phone,代表团,name,界别,,seat\n"
      ",,,,,,\n"  // would fail every row check, but header problems stop first
      "x\n";
  RosterParse p = parse_roster_csv(csv);
  expect_reasons_filled(p);
  EXPECT_TRUE(p.rows.empty());
  EXPECT_EQ(count(p, 1, "phone"), 1) << describe(p);  // unknown column, named
  EXPECT_EQ(count(p, 1, "unit"), 1) << describe(p);   // 界别 repeats 代表团
  EXPECT_EQ(count(p, 1, "seat"), 1) << describe(p);   // seat repeats 座位号
  EXPECT_EQ(count(p, 1, "card"), 1) << describe(p);   // required column missing
  EXPECT_EQ(count(p, 1, ""), 1) << describe(p);       // column 6 has no name
  EXPECT_EQ(p.problems.size(), 5u) << describe(p);
  const RosterProblem* missing = find(p, 1, "card");
  ASSERT_NE(missing, nullptr);
  EXPECT_NE(missing->reason_en.find("card"), std::string::npos);
  EXPECT_NE(missing->reason_zh.find("证件号"), std::string::npos);
  const RosterProblem* unknown = find(p, 1, "phone");
  ASSERT_NE(unknown, nullptr);
  EXPECT_NE(unknown->reason_en.find("phone"), std::string::npos);
}

TEST(RosterCsv, MissingRequiredColumnsEachReported) {
  RosterParse p = parse_roster_csv("姓名,小组\n张三,g\n");
  EXPECT_TRUE(p.rows.empty());
  ASSERT_EQ(p.problems.size(), 3u) << describe(p);
  EXPECT_EQ(count(p, 1, "seat"), 1);
  EXPECT_EQ(count(p, 1, "card"), 1);
  EXPECT_EQ(count(p, 1, "unit"), 1);
}

TEST(RosterCsv, EveryRowProblemReportedWithLineAndColumn) {
  std::string name64;
  std::string name65;
  for (int i = 0; i < 64; ++i) name64 += "张";
  name65 = name64 + "三";
  std::string csv = kHeader +                                                        // 1
                    "A-001,C-001,甲,北京,,男,,\n" +                                  // 2
                    "A-002,C-002,乙,北京,,男\n" +                                    // 3 too few
                    "A-003,C-003,丙,北京,,男,,,extra\n" +                            // 4 too many
                    " ,,,  ,,,,\n" +                                                 // (blank: skipped)
                    ",C-006,丁,,g,,,\n" +                                            // 6 seat, unit empty
                    "A 007,C-007,,北京,,,,\n" +                                      // 7 seat bad, name empty
                    "A-008," + std::string(33, '9') + ",戊," + "北京,,,,\n" +        // 8 card too long
                    "A-009,C-009," + name64 + ",北京,,,,\n" +                        // 9 64 is fine
                    "A-010,C-010," + name65 + ",北京,,,,\n" +                        // 10 65 too long
                    "A-011,C-011,己,北京,,X,,\n" +                                   // 11 gender
                    "A-012,C-012,庚,北京,,,主席团成员;chair;presidium；秘书长,\n" +  // 12 two roles
                    "A-013,C-013,辛,北京,,,,2023-02-29\n" +                          // 13 date
                    "A-014,C-014,壬,北京,,,,2023/01/01\n" +                          // 14 date
                    "A-001,C-015,癸,北京,,,,\n" +                                    // 15 dup seat
                    "A-016,C-001,子,北京,,,,\n" +                                    // 16 dup card
                    "A-001,C-006,丑,北京,,,,\n" +                                    // 17 dup both
                    "A-018,C-ä,寅,北京,,,,\n";                                       // 18 non-ASCII card
  RosterParse p = parse_roster_csv(csv);
  expect_reasons_filled(p);
  EXPECT_EQ(count(p, 3, ""), 1) << describe(p);
  EXPECT_EQ(count(p, 4, ""), 1) << describe(p);
  EXPECT_EQ(count(p, 6, "seat"), 1) << describe(p);
  EXPECT_EQ(count(p, 6, "unit"), 1) << describe(p);
  EXPECT_EQ(count(p, 7, "seat"), 1) << describe(p);
  EXPECT_EQ(count(p, 7, "name"), 1) << describe(p);
  EXPECT_EQ(count(p, 8, "card"), 1) << describe(p);
  EXPECT_EQ(count(p, 10, "name"), 1) << describe(p);
  EXPECT_EQ(count(p, 11, "gender"), 1) << describe(p);
  EXPECT_EQ(count(p, 12, "roles"), 2) << describe(p);
  EXPECT_EQ(count(p, 13, "joined_on"), 1) << describe(p);
  EXPECT_EQ(count(p, 14, "joined_on"), 1) << describe(p);
  EXPECT_EQ(count(p, 15, "seat"), 1) << describe(p);
  EXPECT_EQ(count(p, 16, "card"), 1) << describe(p);
  EXPECT_EQ(count(p, 17, "seat"), 1) << describe(p);
  EXPECT_EQ(count(p, 17, "card"), 1) << describe(p);
  EXPECT_EQ(count(p, 18, "card"), 1) << describe(p);
  EXPECT_EQ(p.problems.size(), 18u) << describe(p);

  // Problems come in file order.
  for (size_t i = 1; i < p.problems.size(); ++i) EXPECT_LE(p.problems[i - 1].line, p.problems[i].line);

  const RosterProblem* dup = find(p, 15, "seat");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->reason_zh, "座位号 A-001 与第2行重复");
  EXPECT_EQ(dup->reason_en, "seat A-001 duplicates line 2");
  const RosterProblem* dup_card = find(p, 17, "card");
  ASSERT_NE(dup_card, nullptr);
  EXPECT_EQ(dup_card->reason_en, "card C-006 duplicates line 6");
  EXPECT_EQ(dup_card->reason_zh, "证件号 C-006 与第6行重复");
  // Rows with the right number of fields are still returned; callers refuse to import anyway.
  ASSERT_EQ(p.rows.size(), 14u);  // lines 2 and 6-18
  for (const auto& r : p.rows) {
    EXPECT_NE(r.line, 3);
    EXPECT_NE(r.line, 4);
    EXPECT_NE(r.line, 5);
  }
}

TEST(RosterCsv, ValueChecksAtTheirLimits) {
  std::string seat32(32, 'a');
  std::string csv = kHeader + seat32 + ",Z-9,甲,北京,,F,,2024-02-29\n" + "1,2,乙,北京,,,,1900-01-01\n";
  RosterParse p = parse_roster_csv(csv);
  EXPECT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].seat, seat32);
}

TEST(RosterCsv, MalformedQuotingReportedWithLineAndLaterLinesStillChecked) {
  std::string csv =
      "seat,card,name,unit\n"   // 1
      "A-1,C-1,甲,北京\n"       // 2
      "A-2,\"C-2\"x,乙,北京\n"  // 3 text after the closing quote
      "A-3,C-3,丙\"丁,北京\n"   // 4 quote inside an unquoted value
      "A-4,C-4,\"戊\n"          // 5 quoted value over two lines ...
      "己\"z,北京\n"            // 6 ... with junk after it
      "A-1,C-7,庚,北京\n";      // 7 still checked
  RosterParse p = parse_roster_csv(csv);
  expect_reasons_filled(p);
  EXPECT_EQ(count(p, 3, ""), 1) << describe(p);
  EXPECT_EQ(count(p, 4, ""), 1) << describe(p);
  EXPECT_EQ(count(p, 6, ""), 1) << describe(p);
  EXPECT_EQ(count(p, 7, "seat"), 1) << describe(p);
  EXPECT_EQ(p.problems.size(), 4u) << describe(p);
  const RosterProblem* spanning = find(p, 6, "");
  ASSERT_NE(spanning, nullptr);
  EXPECT_NE(spanning->reason_en.find("line 5"), std::string::npos) << spanning->reason_en;
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].line, 2);
  EXPECT_EQ(p.rows[1].line, 7);
}

TEST(RosterCsv, UnterminatedQuoteReportedAtItsStart) {
  std::string csv =
      "seat,card,name,unit\n"  // 1
      "A-1,C-1,甲,北京\n"      // 2
      "A-2,C-2,\"乙,北京\n"    // 3 never closed
      "A-3,C-3,丙,北京\n";     // 4 swallowed by the open quote
  RosterParse p = parse_roster_csv(csv);
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 3);
  EXPECT_EQ(p.problems[0].column, "");
  EXPECT_NE(p.problems[0].reason_en.find("never closed"), std::string::npos);
}

TEST(RosterCsv, MalformedHeaderStops) {
  RosterParse p = parse_roster_csv("seat,\"card\"x,name,unit\nA-1,C-1,甲,北京\n");
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 1);
  EXPECT_TRUE(p.rows.empty());
}

TEST(RosterCsv, InvalidUtf8ReportsOnlyThoseLines) {
  std::string csv = kHeader +                               // 1
                    "A-1,C-1,甲,北京,,,,\n" +               // 2
                    "A-1,C-1,,,,,,\n" +                     // 3 would be a problem if checked
                    "A-4,C-4,\xD5\xC5\xC8\xFD,北京,,,,\n";  // 4 GBK bytes for 张三
  RosterParse p = parse_roster_csv(csv);
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 4);
  EXPECT_EQ(p.problems[0].column, "");
  EXPECT_NE(p.problems[0].reason_en.find("UTF-8"), std::string::npos);
  EXPECT_NE(p.problems[0].reason_zh.find("UTF-8"), std::string::npos);
  EXPECT_TRUE(p.rows.empty());
}

TEST(RosterCsv, InvalidUtf8OnSeveralLinesWithCrlfAndBom) {
  std::string csv =
      "\xEF\xBB\xBFseat,card,name,unit\r\n"  // 1
      "A-1,C-1,\xFF,x\r\n"                   // 2
      "A-2,C-2,ok,x\r\n"                     // 3
      "A-3,C-3,\xE5\xBC,x\r\n"               // 4 truncated sequence
      "A-4,C-4,\xC0\xAF,x";                  // 5 overlong
  RosterParse p = parse_roster_csv(csv);
  ASSERT_EQ(p.problems.size(), 3u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 2);
  EXPECT_EQ(p.problems[1].line, 4);
  EXPECT_EQ(p.problems[2].line, 5);
}

TEST(RosterCsv, EmptyAndHeaderOnlyFiles) {
  for (std::string csv : {"", "\xEF\xBB\xBF", "\n\n  \n"}) {
    RosterParse p = parse_roster_csv(csv);
    ASSERT_EQ(p.problems.size(), 1u) << describe(p);
    EXPECT_EQ(p.problems[0].line, 0);
  }
  RosterParse p = parse_roster_csv("seat,card,name,unit\n");
  ASSERT_EQ(p.problems.size(), 1u) << describe(p);
  EXPECT_EQ(p.problems[0].line, 0);
  EXPECT_TRUE(p.rows.empty());
}

TEST(RosterCsv, ThreeThousandRowsQuickly) {
  std::string csv = "\xEF\xBB\xBF座位号,证件号,姓名,代表团,小组,性别,职务,任职日期\r\n";
  for (int i = 1; i <= 3000; ++i) {
    std::string n = std::to_string(i);
    csv += "S-" + n + ",110101199001" + n + ",\"代表, " + n + "\",第" + std::to_string(i % 35) + "代表团,第" +
           std::to_string(i % 7) + "组," + (i % 2 ? "男" : "女") + "," + (i % 100 == 0 ? "主席团成员;监票人" : "") +
           ",2023-03-05\r\n";
  }
  auto start = std::chrono::steady_clock::now();
  RosterParse p = parse_roster_csv(csv);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(p.problems.empty()) << describe(p);
  ASSERT_EQ(p.rows.size(), 3000u);
  for (int i = 0; i < 3000; ++i) ASSERT_EQ(p.rows[i].line, i + 2);
  EXPECT_EQ(p.rows[2999].seat, "S-3000");
  EXPECT_EQ(p.rows[99].roles, (std::vector<std::string>{"presidium", "scrutineer"}));
  // Generous even under sanitizers; a quadratic scan would take far longer.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 2000);
}

}  // namespace
}  // namespace plenum::assembly

// Roster CSV: parses and validates a whole roster file before anything is imported, so an
// import is all or nothing and the secretariat sees every bad line at once.
//
// Format: UTF-8 (with or without BOM), RFC 4180 quoting, a header row. Columns may come in any
// order and be named in English or Chinese:
//   seat  | 座位号   required  seat number, unique in the file
//   card  | 证件号   required  card number, unique in the file
//   name  | 姓名     required
//   unit  | 代表团 | 界别 | 单位   required  delegation (NPC) or sector (CPPCC)
//   group | 小组     optional  member group
//   gender| 性别     optional  男 / 女 / M / F
//   roles | 职务     optional  ';' or '；' separated: presidium 主席团成员, executive_chair 执行主席,
//                               secretariat 秘书处, scrutineer 监票人, delegation_head 代表团团长
//   joined_on | 任职日期  optional  YYYY-MM-DD
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace plenum::assembly {

struct RosterRow {
  int line = 0;  // 1-based line in the file where the record starts (header is line 1)
  std::string seat;
  std::string card;
  std::string name;
  std::string unit;
  std::string group;
  std::string gender;              // "M", "F" or ""
  std::vector<std::string> roles;  // canonical English role names
  std::string joined_on;           // "YYYY-MM-DD" or ""
};

struct RosterProblem {
  int line = 0;        // 1-based; 0 for whole-file problems
  std::string column;  // canonical column name ("seat"), or "" for the whole line
  std::string reason_zh;
  std::string reason_en;
};

struct RosterParse {
  std::vector<RosterRow> rows;
  std::vector<RosterProblem> problems;  // the first kMaxErrorDetails; empty: every row is valid
  int64_t problem_count = 0;            // all of them
};

RosterParse parse_roster_csv(std::string_view bytes);

// A seat or card number: 1 to 32 ASCII letters, digits or '-'.
bool is_member_code(std::string_view s);

// The canonical role names a roster may give, and their Chinese names.
const std::vector<std::pair<std::string, std::string>>& member_roles();

}  // namespace plenum::assembly

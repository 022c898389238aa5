#include "assembly/roster_csv.h"

#include <csv.h>
#include <utility>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/text.h"

namespace plenum::assembly {

const std::vector<std::pair<std::string, std::string>>& member_roles() {
  static const std::vector<std::pair<std::string, std::string>> kRoles = {
      {"presidium", "主席团成员"}, {"executive_chair", "执行主席"},   {"secretariat", "秘书处"},
      {"scrutineer", "监票人"},    {"delegation_head", "代表团团长"},
  };
  return kRoles;
}

namespace {

enum Col { kSeat, kCard, kName, kUnit, kGroup, kGender, kRoles, kJoinedOn, kColCount };

struct ColumnInfo {
  const char* canonical;
  const char* label_zh;  // how messages name the column in Chinese
  bool required;
};

constexpr std::array<ColumnInfo, kColCount> kColumns = {{
    {"seat", "座位号", true},
    {"card", "证件号", true},
    {"name", "姓名", true},
    {"unit", "代表团/界别", true},
    {"group", "小组", false},
    {"gender", "性别", false},
    {"roles", "职务", false},
    {"joined_on", "任职日期", false},
}};

// Header names accepted for each column; English is matched case-insensitively.
int column_for_header(std::string_view raw) {
  std::string h(raw);
  for (char& c : h)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  static const std::unordered_map<std::string, int> kNames = {
      {"seat", kSeat},   {"座位号", kSeat},        {"card", kCard},         {"证件号", kCard}, {"name", kName},
      {"姓名", kName},   {"unit", kUnit},          {"代表团", kUnit},       {"界别", kUnit},   {"单位", kUnit},
      {"group", kGroup}, {"小组", kGroup},         {"gender", kGender},     {"性别", kGender}, {"roles", kRoles},
      {"职务", kRoles},  {"joined_on", kJoinedOn}, {"任职日期", kJoinedOn},
  };
  auto it = kNames.find(h);
  return it == kNames.end() ? -1 : it->second;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";
// Echoes user text in a message without letting a huge field bloat it.
std::string shorten(std::string_view s) {
  constexpr size_t kMax = 40;
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == kMax) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

// Line breaks are LF, CRLF or a lone CR, the same set libcsv ends records on. Returns the
// number of lines the break ending at s[j] advances (0 for the CR of a CRLF).
int line_advance(std::string_view s, size_t j) {
  if (s[j] == '\n') return 1;
  if (s[j] == '\r') return (j + 1 < s.size() && s[j + 1] == '\n') ? 0 : 1;
  return 0;
}

struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// State shared with the libcsv callbacks.
struct Reader {
  std::vector<Record> records;
  std::vector<std::string> fields;
  int record_line = 0;   // where the record being read started
  int field_line = 0;    // where the field being read started
  int segment_line = 0;  // line of the chunk being fed
  bool awaiting_record = true;
};

void on_field(void* s, size_t len, void* data) {
  auto* r = static_cast<Reader*>(data);
  r->fields.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
  // The delimiter that ended this field is on the chunk's line; the next field starts there.
  r->field_line = r->segment_line;
}

void on_record(int, void* data) {
  auto* r = static_cast<Reader*>(data);
  r->records.push_back(Record{r->record_line, std::move(r->fields)});
  r->fields.clear();
  r->awaiting_record = true;
}

class Checker {
 public:
  explicit Checker(RosterParse* out) : out_(out) {}

  void problem(int line, std::string column, std::string zh, std::string en) {
    // Bounded: a file of a million bad lines must not become a million error messages.
    ++out_->problem_count;
    if (out_->problems.size() < kMaxErrorDetails)
      out_->problems.push_back(RosterProblem{line, std::move(column), std::move(zh), std::move(en)});
  }
  void problem(int line, int col, std::string zh, std::string en) {
    problem(line, kColumns[col].canonical, std::move(zh), std::move(en));
  }

 private:
  RosterParse* out_;
};

// Every line holding invalid bytes; false if there were any.
bool check_utf8(std::string_view s, Checker& ck) {
  bool ok = true;
  int line = 1;
  size_t start = 0;
  for (size_t j = 0; j <= s.size(); ++j) {
    bool end = j == s.size();
    if (!end && s[j] != '\n' && s[j] != '\r') continue;
    if (!is_valid_utf8(s.substr(start, j - start))) {
      ok = false;
      ck.problem(line, "", "第" + std::to_string(line) + "行含有无效的 UTF-8 字节，请将文件另存为 UTF-8 编码",
                 "line " + std::to_string(line) + " contains bytes that are not valid UTF-8; save the file as UTF-8");
    }
    if (end) break;
    line += line_advance(s, j);
    start = j + 1;
  }
  return ok;
}

bool only_blanks(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

// Splits `s` into records with the line each starts on. Quoting errors are reported and the
// reader resumes on the next line, so later lines are still checked; returns false if the
// header itself could not be read.
bool read_records(std::string_view s, Reader& rd, Checker& ck) {
  csv_parser p;
  const unsigned char opts = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;
  if (csv_init(&p, opts) != 0) {
    ck.problem(0, "", "内存不足", "out of memory");
    return false;
  }
  int line = 1;
  size_t i = 0;
  // Feeding one line break at a time means a record can only end on the chunk's last byte, so
  // the chunk's line is the line of every event libcsv reports while reading it.
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
    size_t end = j < s.size() ? j + 1 : j;
    rd.segment_line = line;
    if (rd.awaiting_record && !only_blanks(s.substr(i, end - i))) {
      // libcsv skips blank lines and leading blanks, so this is where the next record begins.
      rd.awaiting_record = false;
      rd.record_line = rd.field_line = line;
    }
    size_t fed = csv_parse(&p, s.data() + i, end - i, on_field, on_record, &rd);
    if (fed < end - i) {
      if (csv_error(&p) != CSV_EPARSE) {
        csv_free(&p);
        ck.problem(0, "", "内存不足", "out of memory");
        return false;
      }
      std::string l = std::to_string(line);
      std::string zh = "第" + l + "行引号使用不正确";
      std::string en = "malformed quoting on line " + l;
      if (rd.field_line != line) {
        zh += "（该字段从第" + std::to_string(rd.field_line) + "行开始）";
        en += " (the field starts on line " + std::to_string(rd.field_line) + ")";
      }
      zh += "：含逗号、引号或换行的值须整体用英文双引号括起，值内的双引号写成两个";
      en +=
          ": a value containing commas, quotes or line breaks must be enclosed in double quotes, "
          "with quotes inside it doubled";
      ck.problem(line, "", std::move(zh), std::move(en));
      bool header = rd.records.empty();
      csv_free(&p);
      if (header) return false;
      // Drop the broken record and start afresh on the next line.
      rd.fields.clear();
      rd.awaiting_record = true;
      if (csv_init(&p, opts) != 0) {
        ck.problem(0, "", "内存不足", "out of memory");
        return false;
      }
    }
    if (j < s.size()) line += line_advance(s, j);
    i = end;
  }
  if (csv_fini(&p, on_field, on_record, &rd) != 0) {
    // Only an unterminated quoted field makes fini fail in strict mode.
    std::string l = std::to_string(rd.field_line);
    ck.problem(rd.field_line, "", "第" + l + "行开始的引号没有闭合",
               "the quoted value starting on line " + l + " is never closed");
    csv_free(&p);
    return !rd.records.empty();
  }
  csv_free(&p);
  return true;
}

std::string quoted_zh(std::string_view v) { return "“" + shorten(v) + "”"; }
std::string quoted_en(std::string_view v) { return "\"" + shorten(v) + "\""; }

// Maps header fields to columns; returns false (and reports) if the header is unusable.
bool read_header(const Record& h, std::vector<int>& index_of_field, Checker& ck) {
  std::array<int, kColCount> field_of{};
  field_of.fill(-1);
  bool ok = true;
  index_of_field.assign(h.fields.size(), -1);
  for (size_t k = 0; k < h.fields.size(); ++k) {
    std::string name = trim(h.fields[k]);
    std::string pos = std::to_string(k + 1);
    if (name.empty()) {
      ok = false;
      ck.problem(h.line, "", "表头第" + pos + "列没有列名", "header column " + pos + " has no name");
      continue;
    }
    int col = column_for_header(name);
    if (col < 0) {
      ok = false;
      ck.problem(h.line, name, "表头第" + pos + "列" + quoted_zh(name) + "不是可识别的列名",
                 "header column " + pos + " " + quoted_en(name) + " is not a known column");
      continue;
    }
    if (field_of[col] >= 0) {
      ok = false;
      std::string first = std::to_string(field_of[col] + 1);
      ck.problem(h.line, col,
                 "表头第" + pos + "列" + quoted_zh(name) + "与第" + first + "列重复，都表示" + kColumns[col].label_zh,
                 "header column " + pos + " " + quoted_en(name) + " repeats column " + first + " (both are " +
                     kColumns[col].canonical + ")");
      continue;
    }
    field_of[col] = static_cast<int>(k);
    index_of_field[k] = col;
  }
  for (int col = 0; col < kColCount; ++col) {
    if (kColumns[col].required && field_of[col] < 0) {
      ok = false;
      ck.problem(h.line, col, std::string("缺少必填列：") + kColumns[col].label_zh,
                 std::string("required column missing: ") + kColumns[col].canonical);
    }
  }
  return ok;
}

const std::string* find_role(std::string_view part) {
  std::string lower(part);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& [canonical, zh] : member_roles())
    if (lower == canonical || part == zh) return &canonical;
  return nullptr;
}

void check_roles(const std::string& v, RosterRow& row, Checker& ck) {
  static const std::string_view kFullWidthSemicolon = "\xEF\xBC\x9B";  // '；'
  size_t start = 0;
  for (size_t i = 0; i <= v.size();) {
    size_t sep_len = 0;
    if (i == v.size())
      sep_len = 1;
    else if (v[i] == ';')
      sep_len = 1;
    else if (std::string_view(v).substr(i).starts_with(kFullWidthSemicolon))
      sep_len = kFullWidthSemicolon.size();
    if (sep_len == 0) {
      ++i;
      continue;
    }
    std::string part = trim(std::string_view(v).substr(start, i - start));
    if (!part.empty()) {
      if (const std::string* role = find_role(part)) {
        bool seen = false;
        for (const auto& r : row.roles) seen = seen || r == *role;
        if (!seen) row.roles.push_back(*role);
      } else {
        ck.problem(row.line, kRoles,
                   "职务" + quoted_zh(part) + "无效，可填：主席团成员、执行主席、秘书处、监票人、代表团团长",
                   "unknown role " + quoted_en(part) +
                       "; use presidium, executive_chair, secretariat, scrutineer or "
                       "delegation_head");
      }
    }
    i += sep_len;
    start = i;
  }
}

void check_code(int col, const std::string& v, int line, std::unordered_map<std::string, int>& first_line,
                Checker& ck) {
  const ColumnInfo& c = kColumns[col];
  if (v.empty()) return;  // reported as a missing value
  if (!is_member_code(v)) {
    ck.problem(line, col, std::string(c.label_zh) + quoted_zh(v) + "格式不正确，只能是1至32个英文字母、数字或连字符(-)",
               std::string(c.canonical) + " " + quoted_en(v) + " is invalid: use 1 to 32 ASCII letters, digits or '-'");
    return;
  }
  auto [it, inserted] = first_line.emplace(v, line);
  if (!inserted) {
    std::string first = std::to_string(it->second);
    ck.problem(line, col, std::string(c.label_zh) + " " + v + " 与第" + first + "行重复",
               std::string(c.canonical) + " " + v + " duplicates line " + first);
  }
}

RosterParse parse(std::string_view bytes) {
  RosterParse out;
  Checker ck(&out);
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  // Cells of a wrongly encoded file (usually GBK from Excel) mean nothing, so only say which lines.
  if (!check_utf8(bytes, ck)) return out;

  Reader rd;
  if (!read_records(bytes, rd, ck)) return out;
  if (rd.records.empty()) {
    if (out.problems.empty())
      ck.problem(0, "", "文件为空，第一行应为表头", "the file is empty; the first line must be the header");
    return out;
  }

  std::vector<int> index_of_field;
  if (!read_header(rd.records[0], index_of_field, ck)) return out;
  const size_t width = index_of_field.size();

  std::unordered_map<std::string, int> seat_line, card_line;
  seat_line.reserve(rd.records.size());
  card_line.reserve(rd.records.size());
  out.rows.reserve(rd.records.size() - 1);
  for (size_t r = 1; r < rd.records.size(); ++r) {
    Record& rec = rd.records[r];
    bool blank = true;
    for (const auto& f : rec.fields) blank = blank && trim(f).empty();
    if (blank) continue;  // e.g. ",,,," rows that spreadsheets leave at the end

    if (rec.fields.size() != width) {
      std::string n = std::to_string(rec.fields.size()), w = std::to_string(width);
      ck.problem(rec.line, "", "本行有" + n + "个字段，表头有" + w + "列（含逗号的值须用英文双引号括起）",
                 "the line has " + n + " fields but the header has " + w +
                     " columns (values containing commas must be quoted)");
      continue;
    }

    std::array<std::string, kColCount> v;
    for (size_t k = 0; k < width; ++k)
      if (index_of_field[k] >= 0) v[index_of_field[k]] = trim(rec.fields[k]);

    RosterRow row;
    row.line = rec.line;
    for (int col = 0; col < kColCount; ++col) {
      if (kColumns[col].required && v[col].empty())
        ck.problem(rec.line, col, std::string(kColumns[col].label_zh) + "不能为空",
                   std::string(kColumns[col].canonical) + " is empty");
    }
    check_code(kSeat, v[kSeat], rec.line, seat_line, ck);
    check_code(kCard, v[kCard], rec.line, card_line, ck);

    if (size_t n = code_points(v[kName]); n > 64) {
      ck.problem(rec.line, kName, "姓名过长：" + std::to_string(n) + "个字符，最多64个",
                 "name is too long: " + std::to_string(n) + " characters, at most 64");
    }

    const std::string& g = v[kGender];
    if (g == "男" || g == "M" || g == "m")
      row.gender = "M";
    else if (g == "女" || g == "F" || g == "f")
      row.gender = "F";
    else if (!g.empty())
      ck.problem(rec.line, kGender, "性别" + quoted_zh(g) + "无效，可填：男、女、M、F",
                 "gender " + quoted_en(g) + " is invalid; use 男, 女, M or F");

    check_roles(v[kRoles], row, ck);

    if (!v[kJoinedOn].empty() && !is_valid_date(v[kJoinedOn]))
      ck.problem(rec.line, kJoinedOn, "任职日期" + quoted_zh(v[kJoinedOn]) + "不是有效日期，格式为 YYYY-MM-DD",
                 "joined_on " + quoted_en(v[kJoinedOn]) + " is not a valid date (YYYY-MM-DD)");
    else
      row.joined_on = v[kJoinedOn];

    row.seat = std::move(v[kSeat]);
    row.card = std::move(v[kCard]);
    row.name = std::move(v[kName]);
    row.unit = std::move(v[kUnit]);
    row.group = std::move(v[kGroup]);
    out.rows.push_back(std::move(row));
  }
  if (out.rows.empty() && out.problems.empty())
    ck.problem(0, "", "文件只有表头，没有名单数据", "the file has a header but no member rows");
  return out;
}

}  // namespace

bool is_member_code(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

RosterParse parse_roster_csv(std::string_view bytes) {
  RosterParse out = parse(bytes);
  // Quoting errors are found while reading, before header and row checks; list in file order.
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const RosterProblem& a, const RosterProblem& b) { return a.line < b.line; });
  return out;
}

}  // namespace plenum::assembly
